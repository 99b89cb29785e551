using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Severities;

public class SeverityLevelTests
{
    private static readonly Instant Alert = Instant.FromUtc(2026, 5, 29, 4, 2);

    private static SeverityLevel Level(string id = "SEV-1", int rank = 1, ResponseTarget? respond = null) =>
        new(id, rank, "Critical", "", [], ["on-call-engineer"],
            acknowledgementTarget: ResponseTarget.WallClock(Duration.FromMinutes(5)),
            responseTarget: respond ?? ResponseTarget.WallClock(Duration.FromMinutes(15)));

    [Fact]
    public void Constructor_EveryProblem_ListedAtOnce()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new SeverityLevel(
            " ", 0, "", "", ["ok", " "], ["on-call-engineer", "on-call-engineer", "Bad Role"],
            ResponseTarget.WallClock(Duration.FromMinutes(5)), ResponseTarget.WallClock(Duration.FromMinutes(5)),
            declarationTimeLimit: Duration.Zero, commanderAssignmentTimeLimit: Duration.FromMinutes(-1)));
        Assert.Equal(
            [
                new PolicyProblem("id", "a severity id is required"),
                new PolicyProblem("rank", "rank must be 1 or more (1 is the most severe); got 0"),
                new PolicyProblem("name", "a name is required"),
                new PolicyProblem("examples[1]", "an example must not be blank"),
                new PolicyProblem("rolesInvolved[1]", "role 'on-call-engineer' is listed twice"),
                new PolicyProblem("rolesInvolved[2]", "role id 'Bad Role' must be lower-case letters and digits separated by single hyphens, like 'engineering-manager'"),
                new PolicyProblem("declareWithin", "must be longer than zero"),
                new PolicyProblem("assignCommanderWithin", "must not be negative (got minus 1 minute)"),
            ],
            ex.Problems);
    }

    [Fact]
    public void Constructor_NoRoles_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new SeverityLevel(
            "SEV-9", 9, "Nine", "", [], [], ResponseTarget.NextBusinessDay, ResponseTarget.NextBusinessDay));
        Assert.Equal(new PolicyProblem("rolesInvolved", "at least one role must be involved"), Assert.Single(ex.Problems));
    }

    [Fact]
    public void Constructor_IdWithSpace_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Level(id: "SEV 1"));
        Assert.Equal(new PolicyProblem("id", "severity id 'SEV 1' must not contain white space"), Assert.Single(ex.Problems));
    }

    [Theory]
    [InlineData(0, "must be longer than zero")]
    [InlineData(-5, "must not be negative (got minus 5 minutes)")]
    public void ResponseTarget_NotPositive_Rejected(int minutes, string reason)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => ResponseTarget.WallClock(Duration.FromMinutes(minutes)));
        Assert.Equal(new PolicyProblem("within", reason), Assert.Single(ex.Problems));
        Assert.Throws<PolicyValidationException>(() => ResponseTarget.BusinessHours(Duration.FromMinutes(minutes)));
    }

    [Fact]
    public void StatusUpdateRule_ZeroCadence_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => StatusUpdateRule.External(Duration.FromMinutes(15), Duration.Zero));
        Assert.Equal(new PolicyProblem("every", "must be longer than zero"), Assert.Single(ex.Problems));
    }

    [Fact]
    public void PostMortemRule_NegativeWindow_Rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new PostMortemRule(Duration.FromHours(-48), true));
        Assert.Equal(new PolicyProblem("scheduleWithin", "must not be negative (got minus 48 hours)"), Assert.Single(ex.Problems));
    }

    [Fact]
    public void Comparisons_ByRank()
    {
        var scale = ResponsePolicy.Default.Severities;
        var (sev1, sev2, sev3) = (scale[0], scale[1], scale[2]);
        Assert.True(sev1.IsAtLeast(sev2));
        Assert.True(sev2.IsAtLeast(sev2));
        Assert.False(sev3.IsAtLeast(sev2));
        Assert.True(sev1.IsMoreSevereThan(sev2));
        Assert.False(sev2.IsMoreSevereThan(sev2));
        Assert.True(sev1.CompareTo(sev2) > 0);
        Assert.True(sev3.CompareTo(sev2) < 0);
        Assert.Equal(0, sev2.CompareTo(sev2));
        Assert.True(sev3.CompareTo(null) > 0);
        Assert.Equal([sev3, sev2, sev1], new[] { sev1, sev3, sev2 }.Order());
    }

    [Fact]
    public void Deadlines_Sev1_SeedTimeline()
    {
        // The seed's checkout outage: alert at 4:02 AM UTC.
        var deadlines = ResponsePolicy.Default.Deadlines("SEV-1", Alert);
        Assert.Equal(
            [
                (ObligationKind.Acknowledge, Instant.FromUtc(2026, 5, 29, 4, 7)),
                (ObligationKind.AssignCommander, Instant.FromUtc(2026, 5, 29, 4, 7)),
                (ObligationKind.Declare, Instant.FromUtc(2026, 5, 29, 4, 7)),
                (ObligationKind.FirstExternalUpdate, Instant.FromUtc(2026, 5, 29, 4, 17)),
                (ObligationKind.Respond, Instant.FromUtc(2026, 5, 29, 4, 17)),
            ],
            deadlines.Select(d => (d.Kind, d.DueAt)));
        Assert.Equal("acknowledge within 5 minutes of the alert", deadlines[0].Reason);
        Assert.Equal("on-call-engineer, engineering-manager, comms-lead engaged within 15 minutes of the alert", deadlines[4].Reason);
    }

    [Fact]
    public void Deadlines_Sev2_ThirtyMinuteStatusPage()
    {
        var deadlines = ResponsePolicy.Default.Deadlines("SEV-2", Alert);
        Assert.Equal(Alert + Duration.FromMinutes(30), deadlines.Single(d => d.Kind == ObligationKind.FirstExternalUpdate).DueAt);
        Assert.Equal(Alert + Duration.FromMinutes(30), deadlines.Single(d => d.Kind == ObligationKind.Respond).DueAt);
    }

    [Fact]
    public void Deadlines_Sev3_FourBusinessHours_NoDeclareNoCommanderNoStatusPage()
    {
        // Friday 2026-03-27 14:00 UTC: 3 working hours left on Friday, 1 more on Monday.
        var deadlines = ResponsePolicy.Default.Deadlines("SEV-3", Instant.FromUtc(2026, 3, 27, 14, 0));
        Assert.Equal(
            [
                (ObligationKind.Acknowledge, Instant.FromUtc(2026, 3, 30, 10, 0)),
                (ObligationKind.Respond, Instant.FromUtc(2026, 3, 30, 10, 0)),
            ],
            deadlines.Select(d => (d.Kind, d.DueAt)));
        Assert.Equal("on-call-engineer engaged within 4 hours (business hours) of the alert", deadlines[1].Reason);
    }

    [Fact]
    public void Deadlines_Sev4_NextBusinessDayClose()
    {
        // Friday evening: the next business day is Monday, which closes at 17:00.
        var deadlines = ResponsePolicy.Default.Deadlines("SEV-4", Instant.FromUtc(2026, 3, 27, 20, 0));
        Assert.Equal(
            [
                (ObligationKind.Acknowledge, Instant.FromUtc(2026, 3, 30, 17, 0)),
                (ObligationKind.Respond, Instant.FromUtc(2026, 3, 30, 17, 0)),
            ],
            deadlines.Select(d => (d.Kind, d.DueAt)));
    }

    [Fact]
    public void Deadlines_BusinessHoursInBerlin_AcrossSpringForward()
    {
        // Europe/Berlin, Mon–Fri 09–17. Friday 2026-03-27 15:00 CET (14:00Z): 2 h on Friday, 2 h on Monday
        // 2026-03-30, which is already summer time (CEST, UTC+2): 11:00 local = 09:00Z.
        var berlin = new BusinessCalendar(
            DateTimeZoneProviders.Tzdb["Europe/Berlin"],
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)));
        var policy = ResponsePolicy.Default.WithCalendar(berlin);
        var respond = policy.Deadlines("SEV-3", Instant.FromUtc(2026, 3, 27, 14, 0)).Single(d => d.Kind == ObligationKind.Respond);
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 9, 0), respond.DueAt);
    }

    [Fact]
    public void Deadlines_UnknownSeverity_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => ResponsePolicy.Default.Deadlines("SEV-9", Alert));
        Assert.StartsWith("The policy has no severity 'SEV-9'; it has SEV-1, SEV-2, SEV-3, SEV-4.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStrings_DescribeTargets()
    {
        var sev1 = ResponsePolicy.Default.Severities[0];
        Assert.Equal("SEV-1 (Critical)", sev1.ToString());
        Assert.Equal("15 minutes", sev1.ResponseTarget.ToString());
        Assert.Equal("4 hours (business hours)", ResponsePolicy.Default.Severities[2].ResponseTarget.ToString());
        Assert.Equal("next business day", ResponsePolicy.Default.Severities[3].ResponseTarget.ToString());
        Assert.Equal("status page within 15 minutes, then every 15 minutes", sev1.StatusUpdates.ToString());
        Assert.Equal("scheduled within 48 hours of resolution; published with action items before close", sev1.PostMortem!.ToString());
    }
}
