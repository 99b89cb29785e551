namespace IncidentPolicy.Cli.Tests;

public class PostMortemCommandTests
{
    [Fact]
    public void PostMortem_SeedTimeline_RendersGeneratedParts_OnThe24HourClock()
    {
        var (code, stdout, stderr) = CliRunner.Run("postmortem", CliRunner.SeedTimeline());
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.StartsWith("## Post-Mortem: Checkout Errors - May 29, 2026\n\n**Duration**: 45 minutes (04:02 - 04:47 UTC)\n**Severity**: SEV-1\n", stdout, StringComparison.Ordinal);
        Assert.Contains("**Impact**: 2,340 failed checkout attempts, estimated $47K lost revenue\n", stdout, StringComparison.Ordinal);
        Assert.Contains("- 04:12: IC assigned, incident channel created\n", stdout, StringComparison.Ordinal);
        Assert.Contains("- 04:22: Hotfix deployed (bypass failing webhook handler)\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PostMortem_Clock12h_IsTheSeedArticlesStyle()
    {
        var (code, stdout, stderr) = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--clock", "12h");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("**Duration**: 45 minutes (4:02 AM - 4:47 AM UTC)\n", stdout, StringComparison.Ordinal);
        Assert.Contains("- 4:22 AM: Hotfix deployed (bypass failing webhook handler)\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PostMortem_UnknownClock_IsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--clock", "13h");
        Assert.Equal(2, code);
        Assert.Contains("13h", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PostMortem_Authored_KeepsAuthoredSections()
    {
        var authored = CliRunner.TempFile("## Post-Mortem: Checkout Outage - May 29, 2026\n\n### Root Cause\nA deployment at 3:45 AM introduced a type error.\n\n### Contributing Factors\n1. No integration tests for webhook handler edge cases\n\n### Lessons Learned\n- Test every event type\n");
        var (code, stdout, _) = CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", authored);
        Assert.Equal(0, code);
        Assert.StartsWith("## Post-Mortem: Checkout Outage - May 29, 2026\n", stdout, StringComparison.Ordinal);
        Assert.Contains("### Root Cause\nA deployment at 3:45 AM introduced a type error.\n", stdout, StringComparison.Ordinal);
        Assert.Contains("1. No integration tests for webhook handler edge cases\n", stdout, StringComparison.Ordinal);
        Assert.Contains("- Test every event type\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PostMortem_BadInput()
    {
        Assert.Equal(1, CliRunner.Run("postmortem", CliRunner.SeedTimeline(), "--authored", "/nonexistent/pm.md").ExitCode);
        Assert.Equal(1, CliRunner.Run("postmortem", "/nonexistent/log.json").ExitCode);
        Assert.Equal(2, CliRunner.Run("postmortem").ExitCode);
    }
}
