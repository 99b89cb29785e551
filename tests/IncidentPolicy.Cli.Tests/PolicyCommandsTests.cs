using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli.Tests;

public class PolicyCommandsTests
{
    [Fact]
    public void PolicyDefault_PrintsDefaultPolicyJson()
    {
        var (code, stdout, stderr) = CliRunner.Run("policy", "default");
        Assert.Equal(0, code);
        Assert.Equal(PolicyJson.Serialize(ResponsePolicy.Default) + "\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Validate_DefaultPolicy_PrintsValid()
    {
        var path = CliRunner.TempFile(PolicyJson.Serialize(ResponsePolicy.Default));
        var (code, stdout, stderr) = CliRunner.Run("validate", path);
        Assert.Equal(0, code);
        Assert.Equal("valid\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Validate_PolicyWithWarning_ValidAndWarningPrinted()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["severities"]![0]!["respond"]!["within"] = "PT1H";
        var (code, stdout, stderr) = CliRunner.Run("validate", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(0, code);
        Assert.Equal("valid\n", stdout);
        Assert.StartsWith("warning: $.severities[0].respond: SEV-1 allows 1 hour to respond", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Strict_ExitsOneOnWarningsAndZeroWithout()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["escalation"]!["policies"] = new JsonArray();
        var path = CliRunner.TempFile(tree.ToJsonString());
        var (code, stdout, stderr) = CliRunner.Run("validate", "--strict", path);
        Assert.Equal(1, code);
        Assert.Equal("valid\n", stdout);
        Assert.StartsWith("warning: $.severities[0]: SEV-1 must be acknowledged within 5 minutes around the clock", stderr, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("validate", path).ExitCode);
        Assert.Equal(0, CliRunner.Run("validate", "--strict", CliRunner.TempFile(PolicyJson.Serialize(ResponsePolicy.Default))).ExitCode);
    }

    [Fact]
    public void Validate_At_LooksForOnCallGapsFromThatInstant()
    {
        var path = CliRunner.TempFile(PolicyJson.Serialize(ResponsePolicy.Default));
        var (code, stdout, stderr) = CliRunner.Run("validate", "--at", "2026-01-01T00:00:00Z", "--strict", path);
        Assert.Equal(1, code);
        Assert.Equal("valid\n", stdout);
        Assert.Equal(
            "warning: $.schedules[0]: schedule on-call has nobody on call once in the 90 days from 2026-01-01T00:00:00Z, 105 hours in all; "
            + "the first from 2026-01-01T00:00:00Z to 2026-01-05T09:00:00Z\n"
            + "warning: $.schedules[1]: schedule incident-commander has nobody on call once in the 90 days from 2026-01-01T00:00:00Z, 105 hours in all; "
            + "the first from 2026-01-01T00:00:00Z to 2026-01-05T09:00:00Z\n",
            stderr);
        Assert.Equal(0, CliRunner.Run("validate", "--at", "2026-02-01T00:00:00Z", "--strict", path).ExitCode);
    }

    [Fact]
    public void Validate_AtNotAnInstant_Exits2NamingTheOption()
    {
        var (code, _, stderr) = CliRunner.Run("validate", "--at", "tomorrow", CliRunner.TempFile(PolicyJson.Serialize(ResponsePolicy.Default)));
        Assert.Equal(2, code);
        Assert.Contains("--at", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VersionOneFileThatReliedOnTheSeed_Exits1SayingWhatToAdd()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        tree["formatVersion"] = 1;
        tree.Remove("runbooks");
        var (code, stdout, _) = CliRunner.Run("validate", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(1, code);
        Assert.StartsWith(
            "$.runbooks: format version 1 took the runbook checkout-error-rate-spike from the seed playbook when this section was left out; "
            + "format version 2 does not: add \"extends\": \"seed\"",
            stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidPolicy_ListsEveryProblemAndExits1()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"]!["timeZone"] = "Nowhere/Special";
        tree["severities"]![1]!["respond"]!["within"] = "-PT30M";
        var (code, stdout, _) = CliRunner.Run("validate", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(1, code);
        Assert.Equal(
            "$.calendar.timeZone: unknown time zone 'Nowhere/Special'; use an IANA id such as Europe/Berlin, America/New_York or UTC\n"
            + "$.severities[1].respond.within: must not be negative (got minus 30 minutes)\n",
            stdout);
    }

    [Fact]
    public void Validate_MalformedJson_Exits1()
    {
        var (code, stdout, _) = CliRunner.Run("validate", CliRunner.TempFile("{ not json"));
        Assert.Equal(1, code);
        Assert.StartsWith("$: malformed JSON at line 1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_Exits1()
    {
        var (code, stdout, _) = CliRunner.Run("validate", "/nonexistent/policy.json");
        Assert.Equal(1, code);
        Assert.Equal("$: policy file '/nonexistent/policy.json' does not exist\n", stdout);
    }

    [Fact]
    public void Validate_NoFile_Exits2WithUsage()
    {
        var (code, stdout, stderr) = CliRunner.Run("validate");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Contains("validate <FILE>", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_PrintsSchema()
    {
        var (code, stdout, _) = CliRunner.Run("schema");
        Assert.Equal(0, code);
        Assert.Equal(PolicyJson.Schema + "\n", stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("policy", "defualt")]
    [InlineData("schema", "--extra")]
    public void UnknownOrMissingVerb_Exits2WithUsage(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Exits0()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("deadlines", stdout, StringComparison.Ordinal);
        Assert.Contains("validate", stdout, StringComparison.Ordinal);
    }
}
