using System.Text.Json.Nodes;
using Ical.Net;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli.Tests;

public class OnCallCommandTests
{
    [Fact]
    public void OnCall_AtText_EachScheduleWithWhoAndWhy()
    {
        var (code, stdout, stderr) = CliRunner.Run("oncall", "--at", "2026-05-29T04:02:00Z");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(
            "On call at 2026-05-29T04:02:00Z:\n"
            + "  on-call             alex (rotation, layer weekly of on-call)\n"
            + "                      until 2026-06-01T09:00:00Z, then casey\n"
            + "  incident-commander  finley (rotation, layer weekly of incident-commander)\n"
            + "                      until 2026-06-01T09:00:00Z, then blake\n",
            stdout);
    }

    [Fact]
    public void OnCall_AtJson_DesignShape()
    {
        var (code, stdout, _) = CliRunner.Run("oncall", "--at", "2026-01-05T09:00Z", "--format", "json", "--schedule", "on-call");
        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!;
        Assert.Equal("2026-01-05T09:00:00Z", (string)tree["at"]!);
        var onCall = tree["schedules"]![0]!;
        Assert.Equal("on-call", (string)onCall["schedule"]!);
        Assert.Equal("casey", (string)onCall["onCall"]!["person"]!);
        Assert.Equal("rotation", (string)onCall["onCall"]!["reason"]!);
        Assert.Single(tree["schedules"]!.AsArray());
    }

    [Fact]
    public void OnCall_SchedulesFile_OnlyPeopleAndSchedules_UntilAndNext()
    {
        var file = Path.Combine(Path.GetTempPath(), $"schedules-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {"people": [{"id": "sam", "name": "Sam"}, {"id": "kim", "name": "Kim"}],
             "schedules": [{"id": "team", "name": "Team", "role": "on-call-engineer", "timeZone": "America/Chicago",
               "layers": [{"id": "hourly", "rotation": {"members": ["sam", "kim"], "start": "2017-03-12T00:00",
                 "shift": {"length": "PT1H", "clock": "wallClock"}},
                 "rosterChanges": [{"members": ["kim"], "start": "2017-03-13T00:00", "shift": {"length": "P1W", "clock": "wallClock"}}]}]}]}
            """);
        try
        {
            var (code, stdout, stderr) = CliRunner.Run("oncall", "--schedules", file, "--at", "2017-03-12T07:30:00Z");
            Assert.Equal(0, code);
            Assert.Empty(stderr);
            Assert.Equal(
                "On call at 2017-03-12T07:30:00Z:\n"
                + "  team  kim (rotation, layer hourly of team)\n"
                + "        until 2017-03-12T08:00:00Z, then sam\n",
                stdout);

            var (jsonCode, json, _) = CliRunner.Run("oncall", "--schedules", file, "--at", "2017-03-12T07:30:00Z", "--format", "json");
            Assert.Equal(0, jsonCode);
            var schedule = JsonNode.Parse(json)!["schedules"]![0]!;
            Assert.Equal("2017-03-12T08:00:00Z", (string)schedule["until"]!);
            Assert.Equal("sam", (string)schedule["next"]!["person"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void OnCall_SchedulesFile_OtherKeysOrBadSchedule_ReportedWithPath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"schedules-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, """{"people": [], "schedules": [], "roles": []}""");
            var (code, _, stderr) = CliRunner.Run("oncall", "--schedules", file, "--at", "2026-01-05T09:00Z");
            Assert.Equal(1, code);
            Assert.Contains("$.roles: unknown key 'roles'; a schedules file holds only people and schedules (use --policy for a whole policy)", stderr, StringComparison.Ordinal);

            File.WriteAllText(file, """{"schedules": [{"id": "team", "name": "Team", "layers": [{"id": "x", "rotation": {"members": ["ghost"], "start": "2026-01-05T09:00", "shift": {"length": "P1W", "clock": "wallClock"}}}]}]}""");
            (code, _, stderr) = CliRunner.Run("oncall", "--schedules", file, "--at", "2026-01-05T09:00Z");
            Assert.Equal(1, code);
            Assert.Contains("$.schedules[0].layers[0].rotation.members[0]", stderr, StringComparison.Ordinal);

            (code, _, stderr) = CliRunner.Run("oncall", "--schedules", file, "--policy", file, "--at", "2026-01-05T09:00Z");
            Assert.Equal(2, code);
            Assert.Contains("--schedules cannot be combined with --policy", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void OnCall_AtBeforeRotationsStart_Gap()
    {
        var (code, stdout, _) = CliRunner.Run("oncall", "--at", "2025-12-31T00:00Z", "--format", "json");
        Assert.Equal(0, code);
        Assert.Null(JsonNode.Parse(stdout)!["schedules"]![0]!["onCall"]);
    }

    [Fact]
    public void OnCall_WindowJson_ShiftsHandoffsGapsConflicts()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["schedules"]![0]!["overrides"] = JsonNode.Parse("""[{"person": "emery", "from": "2026-01-13T00:00Z", "to": "2026-01-14T00:00Z", "layer": null}]""");
        var path = CliRunner.TempFile(tree.ToJsonString());
        var (code, stdout, stderr) = CliRunner.Run("oncall", "--policy", path, "--from", "2026-01-12T00:00Z", "--to", "2026-01-19T00:00Z", "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        var result = JsonNode.Parse(stdout)!;
        var onCall = result["schedules"]![0]!;
        Assert.Equal(
            ["casey", "devon", "emery", "devon"],
            onCall["shifts"]!.AsArray().Select(s => (string)s!["person"]!));
        Assert.Equal("override", (string)onCall["shifts"]![2]!["reason"]!);
        Assert.Equal(3, onCall["handoffs"]!.AsArray().Count);
        Assert.Empty(onCall["gaps"]!.AsArray());

        // Emery is Incident Commander that week: the override makes them hold both for a day.
        var conflict = Assert.Single(result["conflicts"]!.AsArray())!;
        Assert.Equal(("emery", "2026-01-13T00:00:00Z", "2026-01-14T00:00:00Z"), ((string)conflict["person"]!, (string)conflict["start"]!, (string)conflict["end"]!));
    }

    [Fact]
    public void OnCall_WindowText_ListsSections()
    {
        var (code, stdout, _) = CliRunner.Run("oncall", "--from", "2026-01-05T00:00Z", "--to", "2026-01-12T12:00Z");
        Assert.Equal(0, code);
        Assert.Contains("\n  gaps:\n    2026-01-05T00:00:00Z – 2026-01-05T09:00:00Z  nobody on call\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\n    2026-01-05T09:00:00Z  nobody → casey\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("IC/on-call conflicts: none\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCall_Ics_EveryShiftReadBackWithExactUtcBoundaries()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["calendar"]!["timeZone"] = "Europe/Berlin";
        var policyPath = CliRunner.TempFile(tree.ToJsonString());
        var icsPath = Path.Combine(Path.GetTempPath(), "incident-policy-tests-" + Guid.NewGuid().ToString("N") + ".ics");
        var (code, _, stderr) = CliRunner.Run("oncall", "--policy", policyPath, "--from", "2026-03-01T00:00Z", "--to", "2026-04-30T00:00Z", "--ics", icsPath);
        Assert.Equal(0, code);
        Assert.Empty(stderr);

        var calendar = Calendar.Load(File.ReadAllText(icsPath))!;
        var events = calendar.Events.Select(e => (e.Summary ?? "", e.DtStart!.AsUtc, e.DtEnd!.AsUtc)).ToHashSet();
        var policy = PolicyJson.Load(policyPath);
        var from = Instant.FromUtc(2026, 3, 1, 0, 0);
        var to = Instant.FromUtc(2026, 4, 30, 0, 0);
        var expected = policy.Schedules
            .SelectMany(s => s.Shifts(from, to).Select(shift => ($"{s.Name}: {policy.FindPerson(shift.PersonId)!.Name}", shift.Start.ToDateTimeUtc(), shift.End.ToDateTimeUtc())))
            .ToHashSet();
        Assert.Equal(expected.Count, calendar.Events.Count);
        Assert.Equal(expected, events);

        // Handoffs are Monday 09:00 Berlin: 08:00Z in winter, 07:00Z after the clocks go forward on 29 March.
        Assert.Contains(("On-call engineer: Alex Example", new DateTime(2026, 3, 23, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc)), events);
        Assert.All(calendar.Events, e => Assert.EndsWith("@incident-policy", e.Uid, StringComparison.Ordinal));
    }

    [Fact]
    public void OnCall_UnknownSchedule_Exits2()
    {
        var (code, _, stderr) = CliRunner.Run("oncall", "--at", "2026-01-05T09:00Z", "--schedule", "nights");
        Assert.Equal(2, code);
        Assert.Contains("error: the policy has no schedule 'nights'; it has on-call, incident-commander", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCall_InvalidPolicyFile_Exits1()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["schedules"]![0]!["layers"]![0]!["rotation"]!["members"]![0] = "zed";
        var (code, stdout, stderr) = CliRunner.Run("oncall", "--at", "2026-01-05T09:00Z", "--policy", CliRunner.TempFile(tree.ToJsonString()));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("$.schedules[0].layers[0].rotation.members[0]: unknown person 'zed'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--at", "2026-01-05T09:00Z", "--from", "2026-01-05T00:00Z", "--at cannot be combined with --from or --to")]
    [InlineData("--at", "2026-01-05T09:00Z", "--to", "2026-01-05T00:00Z", "--at cannot be combined with --from or --to")]
    [InlineData("--from", "2026-01-05T00:00Z", "give --at INSTANT, or both --from INSTANT and --to INSTANT")]
    [InlineData("--from", "2026-01-06T00:00Z", "--to", "2026-01-05T00:00Z", "--to must be after --from")]
    [InlineData("--at", "2026-01-05T09:00Z", "--ics", "x.ics", "--ics writes the shifts of a window")]
    [InlineData("--at", "yesterday", "--at: 'yesterday' is not an instant")]
    [InlineData("--at", "2026-01-05T09:00Z", "--format", "xml", "xml")]
    public void OnCall_BadArguments_Exits2WithUsage(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(["oncall", .. args[..^1]]);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(args[^1], stderr, StringComparison.Ordinal);
        Assert.Contains("oncall [options]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCall_NoArguments_Exits2()
    {
        var (code, _, stderr) = CliRunner.Run("oncall");
        Assert.Equal(2, code);
        Assert.Contains("give --at INSTANT, or both --from INSTANT and --to INSTANT", stderr, StringComparison.Ordinal);
    }
}
