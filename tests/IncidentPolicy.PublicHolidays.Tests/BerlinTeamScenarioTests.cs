using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.PublicHolidays.Tests;

/// <summary>
/// The team that found issue 15's surprises: Europe/Berlin, its own severities P1..P5, Monday–Thursday 08:00–18:00 and
/// Friday 08:00–14:00, Berlin's public holidays and its own Christmas Eve, and nothing else written — no lifecycle,
/// escalation, change windows or runbooks.
/// </summary>
public class BerlinTeamScenarioTests
{
    private const string File = """
        {
          "formatVersion": 2,
          "roles": [
            {"id": "duty-engineer", "name": "Duty engineer"},
            {"id": "duty-manager", "name": "Duty manager"}
          ],
          "calendar": {
            "timeZone": "Europe/Berlin",
            "workingDays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
            "opens": "08:00", "closes": "18:00",
            "weekdayHours": {"friday": {"opens": "08:00", "closes": "14:00"}},
            "holidays": ["2026-12-24", {"country": "DE", "region": "BE"}]
          },
          "severities": [
            {"id": "P1", "rank": 1, "name": "Outage", "rolesInvolved": ["duty-engineer", "duty-manager"],
             "acknowledge": {"within": "PT5M", "clock": "wallClock"}, "respond": {"within": "PT15M", "clock": "wallClock"}},
            {"id": "P2", "rank": 2, "name": "Major", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": "PT15M", "clock": "wallClock"}, "respond": {"within": "PT30M", "clock": "wallClock"}},
            {"id": "P3", "rank": 3, "name": "Minor", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": "PT4H", "clock": "businessHours"}, "respond": {"within": "PT8H", "clock": "businessHours"}},
            {"id": "P4", "rank": 4, "name": "Low", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": null, "clock": "nextBusinessDay"}, "respond": {"within": null, "clock": "nextBusinessDay"}},
            {"id": "P5", "rank": 5, "name": "Cosmetic", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": "P5D", "clock": "businessDays"}, "respond": {"within": "P5D", "clock": "businessDays"}}
          ]
        }
        """;

    /// <summary>Wednesday 23 December 2026, 17:30 in Berlin: half an hour before closing, the day before the team's
    /// Christmas Eve, two days before Berlin's Christmas Day.</summary>
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 12, 23, 16, 30);

    private static ResponsePolicy Policy() => PolicyJson.Parse(File, new PolicyReadOptions { HolidaySource = PublicHolidaySource.Instance });

    private static Instant? Due(ResponsePolicy policy, string severity, ObligationKind kind) =>
        policy.Deadlines(severity, AlertAt).Single(d => d.Kind == kind).DueAt;

    [Fact]
    public void P3_FourAndEightBusinessHours_SkipChristmasEveTheHolidaysAndTheWeekend()
    {
        var policy = Policy();

        // 30 minutes on Wednesday; Thursday 24 (the team's), Friday 25 (Berlin's), the weekend; then Monday 28 from 08:00
        // (CET, UTC+1): 3.5 h → 11:30 local, 7.5 h → 15:30 local.
        Assert.Equal(Instant.FromUtc(2026, 12, 28, 10, 30), Due(policy, "P3", ObligationKind.Acknowledge));
        Assert.Equal(Instant.FromUtc(2026, 12, 28, 14, 30), Due(policy, "P3", ObligationKind.Respond));
    }

    [Fact]
    public void P5_FiveBusinessDays_EndAtTheCloseOfMondayFourJanuary()
    {
        var policy = Policy();

        // Working days strictly after Wednesday 23: Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 Jan is New Year's Day), Mon 4
        // Jan — closing at 18:00 CET. The workaround the team had (P5D as working hours) gave 31 December.
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 17, 0), Due(policy, "P5", ObligationKind.Acknowledge));
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 17, 0), Due(policy, "P5", ObligationKind.Respond));
    }

    [Fact]
    public void Policy_TakesNothingFromTheSeed_AndWarnsThatNobodyIsPagedForTheUrgentLevels()
    {
        var policy = Policy();

        Assert.Empty(policy.ChangeWindows);
        Assert.Empty(policy.Runbooks);
        Assert.Empty(policy.Escalation.Policies);
        Assert.Empty(policy.Escalation.Rules);
        Assert.Contains(policy.Warnings, w => w.Path == "$.severities[0]" && w.Reason.Contains("pages anyone", StringComparison.Ordinal));
        Assert.Contains(policy.Warnings, w => w.Path == "$.severities[1]" && w.Reason.Contains("pages anyone", StringComparison.Ordinal));

        // Ordering compares due instants for the same alerts: P4's next business day is never later than P5's five
        // business days (no warning, where the ranking by kind of clock warned on every CLI verb), while P3's 8 business
        // hours really are later than P4's next business day for an alert on New Year's Eve at 17:00 (1 h that day,
        // New Year's Day off, 6 h on the short Friday, the last hour on Monday morning).
        Assert.DoesNotContain(policy.Warnings, w => w.Path.StartsWith("$.severities[3]", StringComparison.Ordinal));
        Assert.Contains(
            policy.Warnings,
            w => w.Path == "$.severities[2].respond" && w.Reason.Contains("slower than P4's next business day for an alert at 2025-12-31T16:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_WithoutAPermissionsSection_ABystanderMayNotAssignTheCommander()
    {
        var policy = Policy();
        var incident = Incident.Raise(policy, "INC-1", new RaiseAlert("checkout errors", Severity: "P1"), new Actor("monitoring"), AlertAt).Incident!;

        var byBystander = incident.Apply(new AssignCommander("bob"), new Actor("bob"), AlertAt + Duration.FromMinutes(1), incident.Version);
        var byManager = incident.Apply(new AssignCommander("max"), new Actor("max", "duty-manager"), AlertAt + Duration.FromMinutes(1), incident.Version);

        Assert.False(byBystander.IsAccepted);
        Assert.Equal("permissions.assignCommander", byBystander.Rejection!.RuleId);
        Assert.True(byManager.IsAccepted);
    }
}

/// <summary>The README's "Writing your team's policy" example is a policy that reads, and says what the README says.</summary>
public class ReadmeTeamPolicyTests
{
    private static string ReadmeTeamPolicy()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "IncidentPolicy.sln")))
        {
            directory = directory.Parent;
        }

        var readme = System.IO.File.ReadAllText(Path.Combine(directory!.FullName, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("## Writing your team's policy", StringComparison.Ordinal);
        var start = readme.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void Example_Reads_WarnsOnlyThatNobodyIsPagedForP1_AndGivesTheStatedBusinessDayDeadline()
    {
        var policy = PolicyJson.Parse(ReadmeTeamPolicy(), new PolicyReadOptions { HolidaySource = PublicHolidaySource.Instance });

        var warning = Assert.Single(policy.Warnings);
        Assert.Equal("$.severities[0]", warning.Path);
        Assert.Contains("no escalation policy or rule pages anyone", warning.Reason, StringComparison.Ordinal);
        Assert.Empty(policy.ChangeWindows);
        Assert.Equal(
            Instant.FromUtc(2027, 1, 4, 17, 0),
            policy.Deadlines("P5", Instant.FromUtc(2026, 12, 23, 16, 30)).Single(d => d.Kind == ObligationKind.Acknowledge).DueAt);
    }
}
