using System.Text.Json.Nodes;
using IncidentPolicy.OnCall;
using NodaTime;
using static IncidentPolicy.Tests.Support.TeamPolicyFile;

namespace IncidentPolicy.Tests;

public class CoverageWarningTests
{
    private static readonly ZonedDateTimePatternHelper Berlin = new("Europe/Berlin");

    /// <summary>The team's file with a duty schedule of two people (one senior) turning weekly, and an escalation
    /// policy paging that schedule for P1 and P2: nothing to warn about.</summary>
    private static JsonObject Covered()
    {
        var tree = Tree();
        tree["people"] = JsonNode.Parse("""[{"id": "ana", "name": "Ana", "tags": ["senior"]}, {"id": "ben", "name": "Ben", "tags": []}]""");
        tree["schedules"] = JsonNode.Parse("""
            [{"id": "duty", "name": "Duty", "role": "duty-engineer",
              "layers": [{"id": "weekly", "rotation": {"members": ["ana", "ben"], "start": "2026-03-02T09:00", "shift": {"length": "P1W", "clock": "wallClock"}}}]}]
            """);
        tree["escalation"] = JsonNode.Parse("""
            {"dispatchGrace": "PT1M", "rules": [],
             "policies": [{"id": "page-duty", "appliesTo": {"severityAtLeast": "P2"}, "stopWhen": "acknowledged", "repeats": 0,
                           "levels": [{"delay": "PT0S", "targets": [{"kind": "schedule", "id": "duty"}]}]}]}
            """);
        return tree;
    }

    [Fact]
    public void Default_HasNoWarnings() => Assert.Empty(ResponsePolicy.Default.Warnings);

    [Fact]
    public void Covered_HasNoWarnings() => Assert.Empty(Parse(Covered()).Warnings);

    [Fact]
    public void TeamFileAlone_WarnsNobodyPagedForLevelsDueAroundTheClock_AndNoCommander()
    {
        var warnings = Parse(Tree()).Warnings;
        Assert.Equal(["$.severities[0]", "$.severities[1]", "$.severities[0].assignCommanderWithin"], warnings.Select(w => w.Path));
        Assert.Equal(
            "P1 must be acknowledged within 5 minutes around the clock, but no escalation policy or rule pages anyone for it: add an escalation "
            + "policy or rule that applies to P1 and pages a person, a schedule, or a role a schedule staffs",
            warnings[0].Reason);
        Assert.Equal(
            "P1 requires an Incident Commander within 10 minutes, but no schedule staffs incident-commander and nobody is tagged 'senior': "
            + "add an incident-commander schedule, or people tagged 'senior' who can take command",
            warnings[2].Reason);
    }

    [Fact]
    public void Paging_RoleNoScheduleStaffs_DoesNotReachAPerson()
    {
        var tree = Covered();
        tree["escalation"]!["policies"]![0]!["levels"]![0]!["targets"] = JsonNode.Parse("""[{"kind": "role", "id": "duty-manager"}]""");
        var warning = Assert.Single(Parse(tree).Warnings, w => w.Path == "$.severities[0]");
        Assert.Contains("the escalation for it pages only the role duty-manager, which no schedule staffs", warning.Reason, StringComparison.Ordinal);
        Assert.Contains(Parse(tree).Warnings, w => w.Path == "$.severities[1]");
    }

    [Fact]
    public void Paging_RuleThatHoldsOnlyOnAFlag_DoesNotCount_OneOnElapsedTimeDoes()
    {
        var tree = Covered();
        tree["escalation"] = JsonNode.Parse("""
            {"dispatchGrace": "PT1M", "policies": [],
             "rules": [{"id": "breach", "when": {"flagRaised": "breach"}, "action": "page", "target": {"kind": "person", "id": "ana"}}]}
            """);
        Assert.Equal(["$.severities[0]", "$.severities[1]"], Parse(tree).Warnings.Select(w => w.Path));

        tree["escalation"]!["rules"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "late", "when": {"all": [{"not": {"severityAtLeast": "P3"}}, {"elapsedSince": {"since": "alert", "atLeast": "PT10M"}}]},
             "action": "page", "target": {"kind": "person", "id": "ben"}}
            """));
        Assert.Equal(["$.severities[0]", "$.severities[1]"], Parse(tree).Warnings.Select(w => w.Path));

        tree["escalation"]!["rules"]![1]!["when"] = JsonNode.Parse("""{"all": [{"severityAtLeast": "P2"}, {"elapsedSince": {"since": "alert", "atLeast": "PT10M"}}]}""");
        Assert.Empty(Parse(tree).Warnings);
    }

    [Fact]
    public void Commander_SeniorPersonOrCommanderSchedule_Suffices()
    {
        var tree = Covered();
        tree["people"]![0]!["tags"] = new JsonArray();
        Assert.Equal(["$.severities[0].assignCommanderWithin"], Parse(tree).Warnings.Select(w => w.Path));

        tree["roles"]!.AsArray().Add(JsonNode.Parse("""{"id": "incident-commander", "name": "Incident Commander"}"""));
        tree["people"]!.AsArray().Add(JsonNode.Parse("""{"id": "cem", "name": "Cem", "tags": ["senior"]}"""));
        tree["schedules"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "ic", "name": "IC", "role": "incident-commander",
             "layers": [{"id": "weekly", "rotation": {"members": ["cem"], "start": "2026-03-02T09:00", "shift": {"length": "P1W", "clock": "wallClock"}}}]}
            """));
        Assert.Empty(Parse(tree).Warnings);
    }

    [Fact]
    public void Gaps_ScheduleWithNobodyOnCall_WarnedWithTheFirstGap()
    {
        var tree = Covered();
        tree["schedules"]![0]!["layers"]![0]!["rotation"]!["activeWindows"] = JsonNode.Parse("""
            [{"days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "from": "09:00", "to": "17:00"}]
            """);
        var warning = Assert.Single(Parse(tree).Warnings);
        Assert.Equal("$.schedules[0]", warning.Path);
        Assert.StartsWith(
            "schedule duty has nobody on call 65 times in the 90 days from 2026-03-02T08:00:00Z, ",
            warning.Reason,
            StringComparison.Ordinal);
        Assert.EndsWith("the first from 2026-03-02T16:00:00Z to 2026-03-03T08:00:00Z", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaps_AcrossTheSpringDaylightSavingChange_CountedInElapsedTime()
    {
        // 29 March 2026 in Berlin has 23 hours: a night shift 22:00–06:00 lasts 7 hours that night, and the day layer
        // 06:00–22:00 leaves no gap around it.
        var tree = Covered();
        tree["schedules"]![0]!["layers"] = JsonNode.Parse("""
            [{"id": "day", "rotation": {"members": ["ana"], "start": "2026-03-02T06:00", "shift": {"length": "P1D", "clock": "wallClock"},
                                        "activeWindows": [{"days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "from": "06:00", "to": "22:00"}]}},
             {"id": "night", "rotation": {"members": ["ben"], "start": "2026-03-02T22:00", "shift": {"length": "P1D", "clock": "wallClock"},
                                          "activeWindows": [{"days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "from": "22:00", "to": "06:00"}]}}]
            """);
        var policy = Parse(tree);
        var from = Berlin.At(2026, 3, 2, 6, 0);
        Assert.DoesNotContain(policy.Warnings, w => w.Path.StartsWith("$.schedules", StringComparison.Ordinal));
        Assert.Empty(policy.WarningsFrom(from));
        var warning = Assert.Single(policy.WarningsFrom(Berlin.At(2026, 3, 1, 6, 0)));
        Assert.EndsWith("the first from 2026-03-01T05:00:00Z to 2026-03-02T05:00:00Z", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsFrom_ChecksTheNinetyDaysFromThatInstant()
    {
        var policy = Parse(Covered());
        var before = Assert.Single(policy.WarningsFrom(Instant.FromUtc(2026, 2, 1, 0, 0)));
        Assert.Equal("$.schedules[0]", before.Path);
        Assert.EndsWith("the first from 2026-02-01T00:00:00Z to 2026-03-02T08:00:00Z", before.Reason, StringComparison.Ordinal);
        Assert.Empty(policy.WarningsFrom(Instant.FromUtc(2026, 6, 1, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.WarningsFrom(Instant.FromUtc(2201, 1, 1, 0, 0)));
    }

    [Fact]
    public void Gaps_UnavailablePersonNamed()
    {
        var tree = Covered();
        tree["schedules"]![0]!["layers"]![0]!["rotation"]!["members"] = new JsonArray("ana");
        tree["schedules"]![0]!["unavailability"] = JsonNode.Parse("""[{"person": "ana", "from": "2026-04-01T00:00:00Z", "to": "2026-04-03T00:00:00Z"}]""");
        var warning = Assert.Single(Parse(tree).Warnings);
        Assert.EndsWith("the first from 2026-04-01T00:00:00Z to 2026-04-03T00:00:00Z, when ana is unavailable", warning.Reason, StringComparison.Ordinal);
    }

    /// <summary>Local times in a real zone, resolved as the library resolves them.</summary>
    private sealed class ZonedDateTimePatternHelper(string zone)
    {
        private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[zone];

        public Instant At(int year, int month, int day, int hour, int minute) =>
            new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(_zone).ToInstant();
    }
}
