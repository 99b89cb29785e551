using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli.Tests;

public class DeadlinesCommandTests
{
    [Fact]
    public void Deadlines_Sev3Json_DesignShape()
    {
        var (code, stdout, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-3", "--at", "2026-03-27T14:00:00Z", "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        var tree = JsonNode.Parse(stdout)!;
        Assert.Equal("SEV-3", (string)tree["severity"]!);
        Assert.Equal("2026-03-27T14:00:00Z", (string)tree["alertAt"]!);
        Assert.Equal(
            [("acknowledge", "2026-03-30T10:00:00Z"), ("respond", "2026-03-30T10:00:00Z")],
            tree["deadlines"]!.AsArray().Select(d => ((string)d!["kind"]!, (string)d["dueAt"]!)));
    }

    [Fact]
    public void Deadlines_Sev1Text_ListsEveryKindWithReason()
    {
        var (code, stdout, _) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T04:02Z");
        Assert.Equal(0, code);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("SEV-1 (Critical) alert at 2026-05-29T04:02:00Z; calendar UTC, Mon,Tue,Wed,Thu,Fri 09:00–17:00, no holidays", lines[0]);
        Assert.Equal("  acknowledge          2026-05-29T04:07:00Z  acknowledge within 5 minutes of the alert", lines[1]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("  respond              2026-05-29T04:17:00Z  on-call-engineer, engineering-manager, comms-lead engaged", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_WithPolicyFile_UsesItsCalendar()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"]!["timeZone"] = "Europe/Berlin";
        var path = CliRunner.TempFile(tree.ToJsonString());
        var (code, stdout, _) = CliRunner.Run("deadlines", "--severity", "SEV-3", "--at", "2026-03-27T14:00:00Z", "--policy", path, "--format", "json");
        Assert.Equal(0, code);
        // Friday 15:00 CET: 2 h on Friday, 2 h on Monday (now CEST): 11:00 local = 09:00Z.
        Assert.Equal("2026-03-30T09:00:00Z", (string)JsonNode.Parse(stdout)!["deadlines"]![1]!["dueAt"]!);
    }

    [Fact]
    public void Deadlines_InvalidPolicyFile_Exits1WithProblems()
    {
        var path = CliRunner.TempFile("{\"formatVersion\": 3}");
        var (code, stdout, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-03-27T14:00:00Z", "--policy", path);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("$.formatVersion: format version 3 is not supported", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_UnknownSeverity_Exits2()
    {
        var (code, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-9", "--at", "2026-03-27T14:00:00Z");
        Assert.Equal(2, code);
        Assert.Contains("error: the policy has no severity 'SEV-9'; it has SEV-1, SEV-2, SEV-3, SEV-4", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deadlines", "--at", "2026-03-27T14:00:00Z")]
    [InlineData("deadlines", "--severity", "SEV-1")]
    [InlineData("deadlines", "--severity", "SEV-1", "--at", "yesterday")]
    [InlineData("deadlines", "--severity", "SEV-1", "--at", "2026-03-27T14:00:00+1")]
    [InlineData("deadlines", "--severity", "SEV-1", "--at", "2026-03-27T14:00:00")]
    [InlineData("deadlines", "--severity", "SEV-1", "--at", "2026-03-27T14:00:00Z", "--format", "xml")]
    [InlineData("deadlines", "--severity", "SEV-1", "--at", "2026-03-27T14:00:00Z", "--bogus")]
    public void Deadlines_BadArguments_Exits2WithUsage(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Contains("deadlines [options]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_BadInstant_SaysWhy()
    {
        var (_, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-03-27 14:00+01:00");
        Assert.Contains("error: --at: '2026-03-27 14:00+01:00' is not an instant; write ISO 8601 with Z or an offset", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_PolicyWithBavarianHolidays_ResolvedByThePublicHolidaysPackage()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"]!["holidays"] = JsonNode.Parse("""[{"country": "DE", "region": "BY"}]""");
        var path = CliRunner.TempFile(tree.ToJsonString());

        // Tuesday 6 January 2026 is Epiphany in Bavaria, so the next business day after Monday is Wednesday.
        var (code, stdout, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-4", "--at", "2026-01-05T10:00:00Z", "--policy", path, "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(
            [("acknowledge", "2026-01-07T17:00:00Z"), ("respond", "2026-01-07T17:00:00Z")],
            JsonNode.Parse(stdout)!["deadlines"]!.AsArray().Select(d => ((string)d!["kind"]!, (string)d["dueAt"]!)));
    }

    [Fact]
    public void Deadlines_PolicyWithUnknownRegion_ExitsOneNamingThePath()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"]!["holidays"] = JsonNode.Parse("""[{"country": "DE", "region": "XX"}]""");
        var path = CliRunner.TempFile(tree.ToJsonString());
        var (code, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-4", "--at", "2026-01-05T10:00:00Z", "--policy", path);
        Assert.Equal(1, code);
        Assert.Contains("$.calendar.holidays[0].region: 'XX' is not a region of DE", stderr, StringComparison.Ordinal);
    }
}
