using System.Text.Json.Nodes;

namespace IncidentPolicy.Cli.Tests;

public class AuditCommandTests
{
    [Fact]
    public void Audit_SeedIncident_TextMakesLateAndOverdueStandOut()
    {
        var (code, stdout, stderr) = CliRunner.Run("audit", CliRunner.SeedTimeline());
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.StartsWith("INC-2026-05-29-checkout  SEV-1  resolved  audited at 2026-05-29T04:47:00Z\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗  respond:comms-lead                   OVERDUE    2026-05-29T04:17:00Z                        PT30M\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  !  externalUpdate#1                     MET LATE   2026-05-29T04:30:00Z  2026-05-29T04:47:00Z  PT17M\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗  escalate:page-engineering-manager#1  OVERDUE    2026-05-29T04:32:00Z                        PT15M\n", stdout, StringComparison.Ordinal);
        Assert.Contains("met 4, met late 4, overdue 3, pending 2, cancelled 2\n", stdout, StringComparison.Ordinal);
        Assert.Contains("time to acknowledge PT5M, declare PT10M, first status-page update PT13M, mitigate PT20M, resolve PT45M\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("next wake-up 2026-05-29T04:48:00Z\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_SeedIncident_JsonShape()
    {
        var (code, stdout, _) = CliRunner.Run("audit", CliRunner.SeedTimeline(), "--format", "json");
        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(
            ["incident", "severity", "status", "evaluatedAt", "policyMatches", "obligations", "violations", "metrics", "nextWakeUp"],
            tree.Select(p => p.Key));
        var declare = tree["obligations"]!.AsArray().Single(o => (string)o!["key"]! == "declare")!.AsObject();
        Assert.Equal(["key", "kind", "dueAt", "metAt", "state", "lateBy", "rule", "reason"], declare.Select(p => p.Key));
        Assert.Equal(("metLate", "PT5M", "2026-05-29T04:12:00Z"), ((string)declare["state"]!, (string)declare["lateBy"]!, (string)declare["metAt"]!));
        Assert.Equal("PT45M", (string)tree["metrics"]!["timeToResolve"]!);
        Assert.Null(tree["obligations"]!.AsArray().Single(o => (string)o!["key"]! == "schedulePostMortem")!["metAt"]);
    }

    [Fact]
    public void Audit_AtEarlierInstant_OnlyEarlierEvents()
    {
        var (code, stdout, _) = CliRunner.Run("audit", CliRunner.SeedTimeline(), "--at", "2026-05-29T04:20:00Z", "--format", "json");
        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!;
        Assert.Equal("2026-05-29T04:30:00Z", (string)tree["nextWakeUp"]!);
        Assert.Null(tree["metrics"]!["timeToResolve"]);
    }

    [Fact]
    public void Audit_FailOnFindings_Exits1()
    {
        Assert.Equal(1, CliRunner.Run("audit", CliRunner.SeedTimeline(), "--fail-on-findings").ExitCode);
    }

    [Fact]
    public void Audit_BadLogOrArguments()
    {
        Assert.Equal(1, CliRunner.Run("audit", CliRunner.TempFile("not json")).ExitCode);
        Assert.Equal(2, CliRunner.Run("audit", CliRunner.SeedTimeline(), "--at", "noon").ExitCode);
        Assert.Equal(2, CliRunner.Run("audit").ExitCode);
    }

    [Fact]
    public void Simulate_SeedIncident_PrintsObligationsAsTheyFallDue()
    {
        var (code, stdout, _) = CliRunner.Run("simulate", CliRunner.SeedTimeline(), "--until", "2026-06-01T00:00:00Z");
        Assert.Equal(0, code);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("2026-05-29T04:02:00Z  event   alertFired by monitoring", lines[0]);
        Assert.Contains("2026-05-29T04:17:00Z  overdue     respond:comms-lead (due 2026-05-29T04:17:00Z)", lines);
        Assert.Contains("2026-05-31T04:47:00Z  overdue     schedulePostMortem (due 2026-05-31T04:47:00Z)", lines);
        Assert.Equal("2026-05-31T04:47:00Z  nothing more falls due without a new event", lines[^1]);
    }

    [Fact]
    public void Simulate_RequiresUntil() =>
        Assert.Equal(2, CliRunner.Run("simulate", CliRunner.SeedTimeline()).ExitCode);
}
