using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Severities;

/// <summary>Ordering warnings between targets on different kinds of clock compare due instants in the policy's
/// calendar (issue 15: next business day was always ranked slower than any business-hours target).</summary>
public class TargetOrderWarningTests
{
    private static readonly Role OnCall = new("on-call-engineer", "On-call engineer", "");

    private static readonly BusinessCalendar Berlin = new(
        DateTimeZoneProviders.Tzdb["Europe/Berlin"],
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        WorkingHours.Between(new LocalTime(8, 0), new LocalTime(18, 0)),
        [Holiday.Every(new AnnualDate(12, 25)), Holiday.Every(new AnnualDate(12, 26)), Holiday.Easter(-2), Holiday.Easter(1)],
        new Dictionary<IsoDayOfWeek, WorkingHours> { [IsoDayOfWeek.Friday] = WorkingHours.Between(new LocalTime(8, 0), new LocalTime(14, 0)) });

    private static SeverityLevel Level(string id, int rank, ResponseTarget respond) =>
        new(id, rank, id, "", [], [OnCall.Id], respond, respond);

    private static ResponsePolicy Policy(ResponseTarget severe, ResponseTarget lesser) =>
        new([OnCall], new SeverityScale([Level("P4", 4, severe), Level("P5", 5, lesser)]), Berlin);

    [Fact]
    public void NextBusinessDay_AgainstFortySixBusinessHours_NoWarning()
    {
        var policy = Policy(ResponseTarget.NextBusinessDay, ResponseTarget.BusinessHours(Duration.FromHours(46)));
        Assert.Empty(policy.Warnings);
    }

    [Fact]
    public void FiveBusinessDays_AgainstFourBusinessHours_WarnsNamingTheFirstLaterAlert()
    {
        var policy = Policy(ResponseTarget.BusinessDays(5), ResponseTarget.BusinessHours(Duration.FromHours(4)));
        Assert.Equal(
            [
                new PolicyProblem("$.severities[0].acknowledge", "P4 allows 5 business days to acknowledge, slower than P5's 4 hours (business hours) for an alert at 2026-03-22T23:00:00Z (Monday 2026-03-23 00:00 Europe/Berlin); a more severe level is usually at least as fast"),
                new PolicyProblem("$.severities[0].respond", "P4 allows 5 business days to respond, slower than P5's 4 hours (business hours) for an alert at 2026-03-22T23:00:00Z (Monday 2026-03-23 00:00 Europe/Berlin); a more severe level is usually at least as fast"),
            ],
            policy.Warnings);
    }

    [Fact]
    public void WallClockDay_AgainstFourBusinessHours_Warns_WhereTheOldRankingSawNothing()
    {
        var policy = Policy(ResponseTarget.WallClock(Duration.FromHours(24)), ResponseTarget.BusinessHours(Duration.FromHours(4)));
        // Two ordering warnings (acknowledge and respond); the level due around the clock also gets the coverage warning
        // that nothing pages anyone for it.
        Assert.Equal(2, policy.Warnings.Count(w => w.Reason.Contains("slower than", StringComparison.Ordinal)));
        Assert.Single(policy.Warnings, w => w.Reason.Contains("no escalation policy or rule pages anyone", StringComparison.Ordinal));
        Assert.Empty(policy.Severities.Warnings);
    }

    [Fact]
    public void FourBusinessHours_AgainstNextBusinessDay_NoWarning_ButMoreThanADayIs()
    {
        Assert.Empty(Policy(ResponseTarget.BusinessHours(Duration.FromHours(4)), ResponseTarget.NextBusinessDay).Warnings);

        // Eleven working hours from Thursday 18:00 end on Monday, after Friday's 14:00 close.
        var slow = Policy(ResponseTarget.BusinessHours(Duration.FromHours(11)), ResponseTarget.NextBusinessDay);
        Assert.Contains("slower than P5's next business day for an alert at", slow.Warnings[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SameKindOfClock_StillComparedByLength()
    {
        Assert.Equal("[0].respond", Assert.Single(new SeverityScale([Level("P4", 4, ResponseTarget.BusinessDays(3)), Level("P5", 5, ResponseTarget.NextBusinessDay)]).Warnings, w => w.Path.EndsWith("respond", StringComparison.Ordinal)).Path);
        Assert.Empty(new SeverityScale([Level("P4", 4, ResponseTarget.NextBusinessDay), Level("P5", 5, ResponseTarget.BusinessDays(1))]).Warnings);
    }

    [Fact]
    public void DefaultPolicy_HasNoWarnings()
    {
        Assert.Empty(ResponsePolicy.Default.Warnings);
    }
}
