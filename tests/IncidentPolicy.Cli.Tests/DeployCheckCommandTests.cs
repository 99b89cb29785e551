using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli.Tests;

public class DeployCheckCommandTests
{
    [Fact]
    public void DeployCheck_InsideSeedFreeze_RefusedExit1()
    {
        var (code, stdout, stderr) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z");
        Assert.Equal(1, code);
        Assert.Empty(stderr);
        Assert.StartsWith("refused: 2026-05-29T03:45:00Z is inside change window overnight-freeze until 2026-05-29T06:00:00Z", stdout);
        Assert.EndsWith("approval by engineering-manager lifts it\n", stdout);
    }

    [Fact]
    public void DeployCheck_ApprovedByEngineeringManager_AllowedExit0()
    {
        var (code, stdout, _) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--approved-by", "engineering-manager");
        Assert.Equal(0, code);
        Assert.StartsWith("allowed:", stdout);
    }

    [Fact]
    public void DeployCheck_SeveralApprovers_AnyLifts()
    {
        var (code, _, _) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--approved-by", "vp-engineering", "--approved-by", "engineering-manager");
        Assert.Equal(0, code);
    }

    [Fact]
    public void DeployCheck_OutsideWindowJson_AllKeys()
    {
        var (code, stdout, _) = CliRunner.Run("deploy-check", "--at", "2026-05-29T06:00:00Z", "--format", "json");
        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["at", "allowed", "window", "frozenFrom", "frozenUntil", "approvedBy", "reason"], tree.Select(p => p.Key));
        Assert.True((bool)tree["allowed"]!);
        Assert.Null(tree["window"]);
    }

    [Fact]
    public void DeployCheck_RefusedJson_WindowAndInstants()
    {
        var (code, stdout, _) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--format", "json");
        Assert.Equal(1, code);
        var tree = JsonNode.Parse(stdout)!;
        Assert.False((bool)tree["allowed"]!);
        Assert.Equal("overnight-freeze", (string)tree["window"]!);
        Assert.Equal("2026-05-29T00:00:00Z", (string)tree["frozenFrom"]!);
        Assert.Equal("2026-05-29T06:00:00Z", (string)tree["frozenUntil"]!);
    }

    [Fact]
    public void DeployCheck_PolicyFileWithoutWindows_Allowed()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["changeWindows"] = new JsonArray();
        var (code, _, _) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--policy", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(0, code);
    }

    [Fact]
    public void DeployCheck_InvalidPolicyFile_Exit1WithProblem()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["changeWindows"]![0]!["approvedBy"] = new JsonArray("cto");
        var (code, _, stderr) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--policy", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(1, code);
        Assert.Contains("$.changeWindows[0].approvedBy[0]: unknown role 'cto'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy-check")]
    [InlineData("deploy-check", "--at", "yesterday")]
    [InlineData("deploy-check", "--at", "2026-05-29T03:45:00")]
    [InlineData("deploy-check", "--at", "2026-05-29T03:45:00Z", "--format", "xml")]
    [InlineData("deploy-check", "--at", "2026-05-29T03:45:00Z", "--approved-by")]
    public void DeployCheck_BadArguments_Exit2WithUsage(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("deploy-check", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployCheck_UnknownApproverRole_Exit2()
    {
        var (code, stdout, stderr) = CliRunner.Run("deploy-check", "--at", "2026-05-29T03:45:00Z", "--approved-by", "cto");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: --approved-by: the policy has no role 'cto'; it has on-call-engineer,", stderr, StringComparison.Ordinal);
    }
}
