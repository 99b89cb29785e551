using IncidentPolicy.Calendars;
using IncidentPolicy.Changes;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.OnCall;
using IncidentPolicy.Runbooks;
using IncidentPolicy.Serialization;
using IncidentPolicy.Severities;
using NodaTime;
using NodaTime.Testing.TimeZones;

namespace IncidentPolicy.Tests;

/// <summary>
/// Policies built in code obey the rules policy files do (issue 13, class 1): whatever a constructor or a
/// <c>With…</c> method accepts, <see cref="PolicyJson.Serialize"/> writes and <see cref="PolicyJson.Parse"/> reads
/// back identical. What a file could not carry is refused with a <see cref="PolicyValidationException"/> whose
/// problem has a path relative to the object built (or a JSON path for a policy's own checks).
/// </summary>
public class PolicyStorabilityTests
{
    private static PolicyProblem Refused(Action build)
    {
        var thrown = Assert.Throws<PolicyValidationException>(build);
        return Assert.Single(thrown.Problems);
    }

    private static void AssertProblem(Action build, string path, string reason)
    {
        var problem = Refused(build);
        Assert.Equal(path, problem.Path);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    private static void AssertRoundTrips(ResponsePolicy policy)
    {
        var written = PolicyJson.Serialize(policy);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));
    }

    [Fact]
    public void Role_NameWithAControlCharacter_IsRefused() =>
        AssertProblem(() => _ = new Role("on-call", "On\0call"), "name", "control character U+0000");

    [Fact]
    public void Role_NameWithALoneSurrogate_IsRefused() =>
        AssertProblem(() => _ = new Role("on-call", "On-call \ud800"), "name", "unpaired surrogate U+D800");

    [Fact]
    public void Role_IdLongerThanTheLimit_IsRefused() =>
        AssertProblem(() => _ = new Role(new string('a', Limits.MaxIdLength + 1), "Long"), "id", "257 characters long; at most 256");

    [Fact]
    public void Role_DescriptionWithLineBreaksAndTabs_IsAccepted() =>
        Assert.Equal("a\r\n\tb", new Role("on-call", "On-call", "a\r\n\tb").Description);

    [Fact]
    public void Person_NameOnTwoLines_IsRefused() =>
        AssertProblem(() => _ = new Person("sam", "Sam\nLee"), "name", "control character U+000A");

    [Fact]
    public void SeverityLevel_ExampleWithALoneSurrogate_IsRefused() =>
        AssertProblem(
            () => _ = new SeverityLevel(
                "SEV-1", 1, "Critical", "", ["checkout \udc00 down"], ["on-call-engineer"],
                ResponseTarget.WallClock(Duration.FromMinutes(5)), ResponseTarget.WallClock(Duration.FromMinutes(15))),
            "examples[0]",
            "unpaired surrogate U+DC00");

    [Fact]
    public void ResponseTarget_LongerThanMaxDuration_IsRefused() =>
        AssertProblem(() => ResponseTarget.WallClock(Limits.MaxDuration + Duration.FromDays(1)), "within", "at most 36,525 days");

    [Fact]
    public void EscalationLevel_DelayLongerThanMaxDuration_IsRefused() =>
        AssertProblem(
            () => _ = new EscalationLevel(Duration.FromDays(100_000), EscalationTarget.ForRole("engineering-manager")),
            "delay",
            "at most 36,525 days");

    [Fact]
    public void EscalationLevel_DelayOfMinValue_IsRefusedWithoutOverflow() =>
        AssertProblem(() => _ = new EscalationLevel(Duration.MinValue, EscalationTarget.ForRole("engineering-manager")), "delay", "must not be negative");

    [Fact]
    public void WorkingHours_FractionOfASecond_IsRefused() =>
        AssertProblem(() => WorkingHours.Between(new LocalTime(9, 0).PlusMilliseconds(500), new LocalTime(17, 0)), "opens", "whole seconds");

    [Fact]
    public void WorkingHours_UntilEndOfDayWithAFraction_IsRefused() =>
        AssertProblem(() => WorkingHours.UntilEndOfDay(new LocalTime(9, 0).PlusNanoseconds(1)), "opens", "whole seconds");

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1899, 12, 31)]
    [InlineData(2201, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void BusinessCalendar_HolidayOutsideTheSupportedDates_IsRefused(int year, int month, int day) =>
        AssertProblem(
            () => _ = new BusinessCalendar(
                DateTimeZone.Utc, [IsoDayOfWeek.Monday], WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)),
                [Holiday.On(new LocalDate(year, month, day))]),
            "holidays[0]",
            "outside the supported dates");

    [Fact]
    public void ScheduleOverride_StartingAtTheBeginningOfTime_IsRefused() =>
        AssertProblem(() => _ = new ScheduleOverride("casey", Instant.MinValue, Instant.FromUtc(2026, 1, 1, 0, 0)), "from", "outside the supported instants");

    [Fact]
    public void Unavailability_EndingAtTheEndOfTime_IsRefused() =>
        AssertProblem(() => _ = new Unavailability("casey", Instant.FromUtc(2026, 1, 1, 0, 0), Instant.MaxValue), "to", "outside the supported instants");

    [Fact]
    public void Rotation_StartInYear9999_IsRefused() =>
        AssertProblem(
            () => _ = new Rotation(["casey"], new LocalDateTime(9999, 12, 31, 23, 59), ShiftLength.WallClock(Period.FromDays(1))),
            "start",
            "outside the supported dates");

    [Fact]
    public void Rotation_StartWithAFractionOfASecond_IsRefused() =>
        AssertProblem(
            () => _ = new Rotation(["casey"], new LocalDateTime(2026, 1, 5, 9, 0).PlusNanoseconds(1), ShiftLength.WallClock(Period.FromDays(1))),
            "start",
            "whole seconds");

    [Fact]
    public void ActiveWindow_FractionOfASecond_IsRefused() =>
        AssertProblem(() => _ = new ActiveWindow([IsoDayOfWeek.Monday], new LocalTime(9, 0), new LocalTime(17, 0).PlusTicks(1)), "to", "whole seconds");

    [Fact]
    public void ChangeWindow_FractionOfASecond_IsRefused() =>
        AssertProblem(
            () => _ = new ChangeWindow("freeze", [IsoDayOfWeek.Friday], new LocalTime(16, 0).PlusMilliseconds(1), new LocalTime(18, 0), [], "Friday"),
            "from",
            "whole seconds");

    [Fact]
    public void Not_NestedDeeperThanTheLimit_IsRefused()
    {
        Condition condition = Condition.FlagRaised("x");
        for (var i = 1; i < Limits.MaxConditionDepth; i++)
        {
            condition = Condition.Not(condition);
        }

        AssertProblem(() => Condition.Not(condition), "not", "nest at most 20 deep");
        AssertProblem(() => Condition.Any(Condition.FlagRaised("y"), condition), "any", "nest at most 20 deep");
    }

    [Fact]
    public void Runbook_BlankService_IsRefused() =>
        AssertProblem(() => _ = new Runbook("rb", "Title", [" "], [], [], [], []), "services[0]", "a non-empty text is required");

    [Fact]
    public void Runbook_StepOnTwoLines_IsRefused() =>
        AssertProblem(
            () => _ = new Runbook("rb", "Title", [], [], [new AssessmentStep("check\nthis", "yes", "roll back")], [], []),
            "quickAssessment[0].check",
            "control character U+000A");

    [Fact]
    public void WithCalendar_ZoneThePolicyFileCannotName_IsRefused()
    {
        var zone = new SingleTransitionDateTimeZone(Instant.FromUtc(2026, 3, 29, 1, 0), 0, 1);
        var calendar = new BusinessCalendar(zone, [IsoDayOfWeek.Monday], WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)));

        AssertProblem(() => ResponsePolicy.Default.WithCalendar(calendar), "$.calendar.timeZone", "not in the tz database");
    }

    [Fact]
    public void WithLifecycle_BlankRestrictedFlag_IsRefused()
    {
        var rules = LifecycleRules.Default;
        var broken = new LifecycleRules(
            rules.ReopenWindow, rules.CommanderSeparateFromOnCall, rules.ResolverRoles, rules.ChannelPattern,
            [" "], rules.RestrictedViewerRoles, rules.Permissions, rules.MaxSilence);

        AssertProblem(() => ResponsePolicy.Default.WithLifecycle(broken), "$.lifecycle.restrictedFlags[0]", "must not be blank");
    }

    [Fact]
    public void WithLifecycle_ChannelPatternWithAControlCharacter_IsRefused()
    {
        var rules = LifecycleRules.Default;
        var broken = new LifecycleRules(
            rules.ReopenWindow, rules.CommanderSeparateFromOnCall, rules.ResolverRoles, "#inc-{id}\u0007",
            rules.RestrictedFlags, rules.RestrictedViewerRoles, rules.Permissions, rules.MaxSilence);

        AssertProblem(() => ResponsePolicy.Default.WithLifecycle(broken), "$.lifecycle.channelPattern", "control character U+0007");
    }

    [Fact]
    public void WithRunbooks_WrittenFormLargerThanTheLimit_IsRefusedAtTheRoot()
    {
        // Each runbook is well within the text limits; together they would make a file the reader refuses.
        var runbooks = Enumerable.Range(0, 20).Select(i => new Runbook(
            $"runbook-{i}", new string('t', 60_000), [], [], [], [], []));

        AssertProblem(() => ResponsePolicy.Default.WithRunbooks(runbooks), "$", "more than the 1,000,000 a policy may take");
    }

    [Fact]
    public void WithRunbooks_WrittenFormJustUnderTheLimit_RoundTrips()
    {
        var runbooks = Enumerable.Range(0, 15).Select(i => new Runbook(
            $"runbook-{i}", new string('t', 60_000), [$"service-{i}"], [], [], [], []));

        AssertRoundTrips(ResponsePolicy.Default.WithRunbooks(runbooks));
    }

    [Fact]
    public void Policy_WithEveryTextAtItsLimitShape_RoundTrips()
    {
        var policy = ResponsePolicy.Default
            .WithRoles(ResponsePolicy.Default.Roles.Select((r, i) => i == 0
                ? new Role(r.Id, "Ünïcödé 😀 \"quoted\" back\\slash", "Free text:\r\n\tline breaks and tabs. " + new string('x', 1_000))
                : r))
            .WithCalendar(new BusinessCalendar(
                DateTimeZoneProviders.Tzdb["America/St_Johns"],
                [IsoDayOfWeek.Monday, IsoDayOfWeek.Friday],
                WorkingHours.Between(new LocalTime(8, 30, 15), new LocalTime(17, 0)),
                [Holiday.On(Limits.MinDate), Holiday.On(Limits.MaxDate), Holiday.Every(new AnnualDate(2, 29))]));

        AssertRoundTrips(policy);
    }
}
