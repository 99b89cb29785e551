using System.Text.Json.Nodes;

namespace IncidentPolicy.Cli.Tests;

/// <summary>Instant options accept offsets and, with <c>--zone</c>, local times — never silently shifted; output is
/// printed in <c>--zone</c>, in the policy's zone with <c>--local</c>, else in UTC as before.</summary>
public class TimeZoneOptionsTests
{
    private static string BerlinPolicy()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        tree["calendar"]!["timeZone"] = "Europe/Berlin";
        return CliRunner.TempFile(tree.ToJsonString());
    }

    [Theory]
    [InlineData("2026-05-29T06:02+02:00")]
    [InlineData("2026-05-29T06:02:00+02:00")]
    [InlineData("2026-05-29T00:02-04:00")]
    [InlineData("2026-05-29T04:02Z")]
    public void Offsets_AreTheSameInstantAsUtc(string at)
    {
        var expected = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T04:02:00Z");
        Assert.Equal(expected, CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", at));
    }

    [Fact]
    public void LocalTime_WithZone_IsReadThere_AndPrintedThereWithTheOffset()
    {
        var (code, stdout, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T06:02", "--zone", "Europe/Berlin");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("alert at 2026-05-29T06:02:00+02:00;", stdout, StringComparison.Ordinal);
        Assert.Contains("2026-05-29T06:07:00+02:00  acknowledge within 5 minutes of the alert", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalTime_WithoutZone_IsAUsageError_SayingWhatToAdd()
    {
        var (code, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T06:02");
        Assert.Equal(2, code);
        Assert.Contains("--at: '2026-05-29T06:02' has no offset; give --zone ZONE to read it as local time there, or add Z or an offset such as +01:00", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownZone_IsAUsageError_NamingIt()
    {
        var (code, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2026-05-29T06:02Z", "--zone", "Mars/Olympus");
        Assert.Equal(2, code);
        Assert.Contains("--zone: unknown time zone 'Mars/Olympus'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SpringGap_IsAUsageError_NamingTheGap()
    {
        var (code, stdout, stderr) = CliRunner.Run("deploy-check", "--at", "2026-03-29T02:30", "--zone", "Europe/Berlin");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("--at: '2026-03-29T02:30' does not exist in Europe/Berlin: the clocks go forward from 2026-03-29T02:00 to 2026-03-29T03:00 at 2026-03-29T01:00:00Z", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AutumnOverlap_IsAUsageError_NamingBothInstants()
    {
        var (code, _, stderr) = CliRunner.Run("oncall", "--at", "2026-10-25T02:30", "--zone", "Europe/Berlin");
        Assert.Equal(2, code);
        Assert.Contains("--at: '2026-10-25T02:30' happens twice in Europe/Berlin: 2026-10-25T02:30:00+02:00 (2026-10-25T00:30:00Z) and 2026-10-25T02:30:00+01:00 (2026-10-25T01:30:00Z)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AutumnOverlap_WithTheOffset_IsAccepted()
    {
        var (code, stdout, _) = CliRunner.Run("oncall", "--at", "2026-10-25T02:30+01:00", "--zone", "Europe/Berlin");
        Assert.Equal(0, code);
        Assert.StartsWith("On call at 2026-10-25T02:30:00+01:00:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneAndLocal_Together_AreAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("audit", CliRunner.SeedTimeline(), "--zone", "Europe/Berlin", "--local");
        Assert.Equal(2, code);
        Assert.Contains("--zone and --local", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_PrintsInThePolicysZone_TextAndJson()
    {
        var policy = BerlinPolicy();
        var (code, stdout, stderr) = CliRunner.Run("audit", CliRunner.SeedTimeline(), "--policy", policy, "--local", "--format", "json");
        Assert.Equal(0, code);
        Assert.DoesNotContain("error", stderr, StringComparison.Ordinal);
        Assert.Contains("\"evaluatedAt\": \"2026-05-29T06:47:00+02:00\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"dueAt\": \"2026-05-29T06:07:00+02:00\"", stdout, StringComparison.Ordinal);

        var text = CliRunner.Run("replay", CliRunner.SeedTimeline(), "--policy", policy, "--local").Stdout;
        Assert.Contains("last event 2026-05-29T06:47:00+02:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Zone_WindowsAndJsonOutputs_UseTheOffset()
    {
        var window = CliRunner.Run("oncall", "--from", "2026-05-25T00:00", "--to", "2026-05-26T00:00", "--zone", "America/New_York", "--format", "json").Stdout;
        Assert.Contains("\"from\": \"2026-05-25T00:00:00-04:00\"", window, StringComparison.Ordinal);

        var deploy = CliRunner.Run("deploy-check", "--at", "2026-05-29T05:45+02:00", "--zone", "Europe/Berlin", "--format", "json").Stdout;
        Assert.Contains("\"at\": \"2026-05-29T05:45:00+02:00\"", deploy, StringComparison.Ordinal);

        var report = CliRunner.Run("report", Path.GetDirectoryName(CliRunner.SeedTimeline())!, "--zone", "Asia/Kolkata", "--format", "json").Stdout;
        Assert.Contains("\"asOf\": \"2026-05-29T10:17:00+05:30\"", report, StringComparison.Ordinal);

        var simulate = CliRunner.Run("simulate", CliRunner.SeedTimeline(), "--until", "2026-05-29T06:10", "--zone", "Europe/Berlin").Stdout;
        Assert.StartsWith("2026-05-29T06:02:00+02:00  event   alertFired by monitoring", simulate, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRange_AfterReadingInAZone_IsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("deadlines", "--severity", "SEV-1", "--at", "2201-01-01T01:30", "--zone", "Europe/Berlin");
        Assert.Equal(2, code);
        Assert.Contains("outside the supported range", stderr, StringComparison.Ordinal);
    }
}
