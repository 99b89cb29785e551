using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

public class ScheduleTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static Instant Utc(int month, int day, int hour, int minute = 0) => Instant.FromUtc(2026, month, day, hour, minute);

    private static Schedule Single(
        DateTimeZone zone, ShiftLength length, LocalDateTime start, string[] members,
        IEnumerable<ActiveWindow>? windows = null, IEnumerable<ScheduleOverride>? overrides = null,
        IEnumerable<Unavailability>? unavailability = null, UnavailabilityPolicy policy = UnavailabilityPolicy.NextAvailableMember) =>
        new("s", "S", null, zone, [new ScheduleLayer("main", new Rotation(members, start, length, activeWindows: windows))], overrides, unavailability, policy);

    private static (Instant, Instant, string)[] Summary(IEnumerable<OnCallShift> shifts) =>
        shifts.Select(s => (s.Start, s.End, s.PersonId)).ToArray();

    [Fact]
    public void Shifts_WallClockDailyAcrossBerlinSpringForward_KeepsLocalHandoff()
    {
        var schedule = Single(Berlin, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 3, 27, 9, 0), ["a", "b"]);
        Assert.Equal(
            [
                (Utc(3, 27, 8), Utc(3, 28, 8), "a"), // Friday 09:00 CET
                (Utc(3, 28, 8), Utc(3, 29, 7), "b"), // 23 hours: 09:00 CET to 09:00 CEST
                (Utc(3, 29, 7), Utc(3, 30, 7), "a"),
            ],
            Summary(schedule.Shifts(Utc(3, 27, 8), Utc(3, 30, 7))));
    }

    [Fact]
    public void Shifts_WallClockHandoffAtSkippedLocalTime_HappensAtTheEndOfTheGap()
    {
        // 02:30 does not exist in Berlin on 2026-03-29: the handoff happens when the clock first shows a later time, 03:00 CEST (01:00Z).
        var schedule = Single(Berlin, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 3, 28, 2, 30), ["a", "b"]);
        Assert.Equal(
            [
                (Utc(3, 28, 1, 30), Utc(3, 29, 1, 0), "a"),
                (Utc(3, 29, 1, 0), Utc(3, 30, 0, 30), "b"),
            ],
            Summary(schedule.Shifts(Utc(3, 28, 1, 30), Utc(3, 30, 0, 30))));
    }

    [Fact]
    public void Shifts_ElapsedDayAcrossBerlinSpringForward_EveryShift24Hours()
    {
        var schedule = Single(Berlin, ShiftLength.Elapsed(Duration.FromHours(24)), new LocalDateTime(2026, 3, 27, 9, 0), ["a", "b"]);
        Assert.Equal(
            [
                (Utc(3, 27, 8), Utc(3, 28, 8), "a"),
                (Utc(3, 28, 8), Utc(3, 29, 8), "b"), // the handoff moves to 10:00 CEST
                (Utc(3, 29, 8), Utc(3, 30, 8), "a"),
            ],
            Summary(schedule.Shifts(Utc(3, 27, 8), Utc(3, 30, 8))));
    }

    [Fact]
    public void Shifts_WallClockDailyAcrossNewYorkFallBack_25HourShift()
    {
        var schedule = Single(NewYork, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 10, 31, 9, 0), ["a", "b"]);
        Assert.Equal(
            [
                (Utc(10, 31, 13), Utc(11, 1, 14), "a"), // 09:00 EDT to 09:00 EST
                (Utc(11, 1, 14), Utc(11, 2, 14), "b"),
            ],
            Summary(schedule.Shifts(Utc(10, 31, 13), Utc(11, 2, 14))));
    }

    [Fact]
    public void Shifts_ElapsedDayAcrossNewYorkFallBack_HandoffMovesAnHourEarlier()
    {
        var schedule = Single(NewYork, ShiftLength.Elapsed(Duration.FromDays(1)), new LocalDateTime(2026, 10, 31, 9, 0), ["a", "b"]);
        var shifts = schedule.Shifts(Utc(10, 31, 13), Utc(11, 2, 13));
        Assert.Equal([(Utc(10, 31, 13), Utc(11, 1, 13), "a"), (Utc(11, 1, 13), Utc(11, 2, 13), "b")], Summary(shifts));
        Assert.Equal(new LocalTime(8, 0), shifts[1].Start.InZone(NewYork).TimeOfDay);
    }

    [Fact]
    public void OnCallAt_RepeatedHourHandoff_TakesFirstOccurrence()
    {
        // Handoff at 01:30, which happens twice in New York on 2026-11-01: at 05:30Z (EDT) and 06:30Z (EST).
        var schedule = Single(NewYork, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 10, 31, 1, 30), ["a", "b"]);
        Assert.Equal("a", schedule.OnCallAt(Utc(11, 1, 5, 29))!.PersonId);
        Assert.Equal("b", schedule.OnCallAt(Utc(11, 1, 5, 30))!.PersonId);

        // 01:15 EST (06:15Z) reads as before the 01:30 handoff on the wall clock, but the handoff already happened.
        Assert.Equal("b", schedule.OnCallAt(Utc(11, 1, 6, 15))!.PersonId);
        Assert.Equal([Utc(11, 1, 5, 30), Utc(11, 2, 6, 30)], schedule.Handoffs(Utc(11, 1, 0), Utc(11, 3, 0)).Select(h => h.At));
    }

    [Fact]
    public void OnCallAt_TenYearsAfterStart_MatchesArithmetic()
    {
        var schedule = Single(Berlin, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b", "c"]);
        var monday = new LocalDate(2036, 1, 7); // 522 weeks after 2026-01-05; 522 % 3 == 0
        var handoff = monday.At(new LocalTime(9, 0)).InZoneLeniently(Berlin).ToInstant();
        Assert.Equal("c", schedule.OnCallAt(handoff - Duration.Epsilon)!.PersonId);
        Assert.Equal("a", schedule.OnCallAt(handoff)!.PersonId);
    }

    [Fact]
    public void OnCallAt_BeforeStart_Nobody()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a"]);
        Assert.Null(schedule.OnCallAt(Utc(1, 5, 8, 59)));
        Assert.Equal([new CoverageGap("s", Utc(1, 5, 0), Utc(1, 5, 9), null)], schedule.Gaps(Utc(1, 5, 0), Utc(1, 6, 0)));
    }

    [Fact]
    public void Shifts_WeekdayOnlyDailyRotation_EveryMemberGetsATurn()
    {
        // Seven members, Monday–Friday 09:00–17:00: without counting only active shifts, f and g would always
        // fall on the weekend and never be on call.
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 1, 5, 9, 0),
            ["a", "b", "c", "d", "e", "f", "g"], [new ActiveWindow(Weekdays, new LocalTime(9, 0), new LocalTime(17, 0))]);
        var shifts = schedule.Shifts(Utc(1, 5, 0), Utc(1, 17, 0));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "a", "b", "c"], shifts.Select(s => s.PersonId));
        Assert.All(shifts, s => Assert.Equal(Duration.FromHours(8), s.Length));
        Assert.Equal(Utc(1, 12, 9), shifts[5].Start); // f on the second Monday
        Assert.Null(schedule.OnCallAt(Utc(1, 10, 12))); // Saturday
        Assert.Null(schedule.OnCallAt(Utc(1, 6, 17)));
    }

    [Fact]
    public void Shifts_WeekdayRoundTheClockWindow_WeekendIsAGapAndTurnsSkipIt()
    {
        // Monday 09:00 to Saturday 09:00 around the clock: each weekday window lasts 24 hours (09:00–09:00).
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 1, 5, 9, 0),
            ["a", "b", "c"], [new ActiveWindow(Weekdays, new LocalTime(9, 0), new LocalTime(9, 0))]);
        Assert.Equal(
            [
                (Utc(1, 5, 9), Utc(1, 6, 9), "a"), (Utc(1, 6, 9), Utc(1, 7, 9), "b"), (Utc(1, 7, 9), Utc(1, 8, 9), "c"),
                (Utc(1, 8, 9), Utc(1, 9, 9), "a"), (Utc(1, 9, 9), Utc(1, 10, 9), "b"), (Utc(1, 12, 9), Utc(1, 13, 9), "c"),
            ],
            Summary(schedule.Shifts(Utc(1, 5, 9), Utc(1, 13, 9))));
        Assert.Equal([new CoverageGap("s", Utc(1, 10, 9), Utc(1, 12, 9), null)], schedule.Gaps(Utc(1, 5, 9), Utc(1, 13, 9)));
    }

    [Fact]
    public void Shifts_NightWindowInBerlinAcrossSpringForward_ShorterNight()
    {
        // Nights 22:00–06:00, daily handoff at 22:00: the night of 28–29 March is an hour shorter.
        var schedule = Single(
            Berlin, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 3, 27, 22, 0), ["a", "b"],
            [new ActiveWindow(Enum.GetValues<IsoDayOfWeek>().Skip(1), new LocalTime(22, 0), new LocalTime(6, 0))]);
        var shifts = schedule.Shifts(Utc(3, 27, 0), Utc(3, 30, 0));
        Assert.Equal(
            [(Utc(3, 27, 21), Utc(3, 28, 5), "a"), (Utc(3, 28, 21), Utc(3, 29, 4), "b"), (Utc(3, 29, 20), Utc(3, 30, 0), "a")],
            Summary(shifts));
    }

    [Fact]
    public void Shifts_LayerOverrideAcrossShiftBoundary_ReplacesBothScheduledPeople()
    {
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b"],
            overrides: [new ScheduleOverride("c", Utc(1, 11, 21), Utc(1, 12, 12), "main")]);
        var shifts = schedule.Shifts(Utc(1, 11, 0), Utc(1, 13, 0));
        Assert.Equal(
            [
                (Utc(1, 11, 21), Utc(1, 12, 9), "c"),
                (Utc(1, 12, 9), Utc(1, 12, 12), "c"),
            ],
            Summary(shifts.Where(s => s.Assignment.Reason == OnCallReason.Override)));
        Assert.Equal(new OnCallAssignment("s", "c", OnCallReason.Override, "main", "a"), shifts[1].Assignment);
        Assert.Equal(new OnCallAssignment("s", "c", OnCallReason.Override, "main", "b"), shifts[2].Assignment);
        Assert.Equal(
            [(Utc(1, 11, 21), "a", "c"), (Utc(1, 12, 12), "c", "b")],
            schedule.Handoffs(Utc(1, 11, 0), Utc(1, 13, 0)).Select(h => (h.At, h.From!.PersonId, h.To!.PersonId)));
    }

    [Fact]
    public void Handoffs_OverrideStartingAtShiftBoundary_OneHandoffEachWay()
    {
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b"],
            overrides: [new ScheduleOverride("c", Utc(1, 12, 9), Utc(1, 12, 12))]);
        Assert.Equal(
            [(Utc(1, 12, 9), "a", "c"), (Utc(1, 12, 12), "c", "b")],
            schedule.Handoffs(Utc(1, 12, 9), Utc(1, 13, 0)).Select(h => (h.At, h.From!.PersonId, h.To!.PersonId)));
        Assert.Equal(new OnCallAssignment("s", "c", OnCallReason.Override, null, "b"), schedule.OnCallAt(Utc(1, 12, 10)));
    }

    [Fact]
    public void OnCallAt_UnavailableWithNextAvailableMember_Substitutes()
    {
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b", "c"],
            unavailability: [new Unavailability("b", Utc(1, 14, 0), Utc(1, 17, 0)), new Unavailability("c", Utc(1, 15, 0), Utc(1, 16, 0))]);
        Assert.Equal(new OnCallAssignment("s", "b", OnCallReason.Rotation, "main", "b"), schedule.OnCallAt(Utc(1, 13, 0)));
        Assert.Equal(new OnCallAssignment("s", "c", OnCallReason.Substitution, "main", "b"), schedule.OnCallAt(Utc(1, 14, 0)));
        Assert.Equal(new OnCallAssignment("s", "a", OnCallReason.Substitution, "main", "b"), schedule.OnCallAt(Utc(1, 15, 12)));
        Assert.Equal(
            [(Utc(1, 12, 9), Utc(1, 14, 0), "b"), (Utc(1, 14, 0), Utc(1, 15, 0), "c"), (Utc(1, 15, 0), Utc(1, 16, 0), "a"),
             (Utc(1, 16, 0), Utc(1, 17, 0), "c"), (Utc(1, 17, 0), Utc(1, 19, 9), "b")],
            Summary(schedule.Shifts(Utc(1, 12, 9), Utc(1, 19, 9))));
        Assert.Empty(schedule.Gaps(Utc(1, 12, 9), Utc(1, 19, 9)));
    }

    [Fact]
    public void Gaps_UnavailableWithGapPolicy_ReportedWithPerson()
    {
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b", "c"],
            unavailability: [new Unavailability("b", Utc(1, 14, 0), Utc(1, 17, 0))], policy: UnavailabilityPolicy.Gap);
        Assert.Null(schedule.OnCallAt(Utc(1, 15, 0)));
        Assert.Equal([new CoverageGap("s", Utc(1, 14, 0), Utc(1, 17, 0), "b")], schedule.Gaps(Utc(1, 12, 9), Utc(1, 19, 9)));
        Assert.Equal(
            [(Utc(1, 12, 9), "a", "b"), (Utc(1, 14, 0), "b", null), (Utc(1, 17, 0), null, "b")],
            schedule.Handoffs(Utc(1, 12, 9), Utc(1, 19, 9)).Select(h => (h.At, h.From?.PersonId, h.To?.PersonId)));
    }

    [Fact]
    public void OnCallAt_EveryMemberUnavailable_GapEvenWithNextAvailableMember()
    {
        var schedule = Single(
            DateTimeZone.Utc, ShiftLength.WallClock(Period.FromWeeks(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a", "b"],
            unavailability: [new Unavailability("a", Utc(1, 6, 0), Utc(1, 7, 0)), new Unavailability("b", Utc(1, 5, 0), Utc(1, 8, 0))]);
        Assert.Equal([new CoverageGap("s", Utc(1, 6, 0), Utc(1, 7, 0), "a")], schedule.Gaps(Utc(1, 5, 9), Utc(1, 12, 9)));
    }

    [Fact]
    public void OnCallAt_TwoLayers_HigherWinsWhereItHasSomeone()
    {
        var schedule = new Schedule(
            "s", "S", null, DateTimeZone.Utc,
            [
                new ScheduleLayer("base", new Rotation(["a", "b"], new LocalDateTime(2026, 1, 5, 9, 0), ShiftLength.WallClock(Period.FromWeeks(1)))),
                new ScheduleLayer("daytime", new Rotation(
                    ["c", "d"], new LocalDateTime(2026, 1, 5, 9, 0), ShiftLength.WallClock(Period.FromDays(1)),
                    activeWindows: [new ActiveWindow(Weekdays, new LocalTime(9, 0), new LocalTime(17, 0))])),
            ],
            unavailability: [new Unavailability("c", Utc(1, 7, 0), Utc(1, 8, 0))],
            whenUnavailable: UnavailabilityPolicy.Gap);
        Assert.Equal(new OnCallAssignment("s", "c", OnCallReason.Rotation, "daytime", "c"), schedule.OnCallAt(Utc(1, 5, 10)));
        Assert.Equal(new OnCallAssignment("s", "a", OnCallReason.Rotation, "base", "a"), schedule.OnCallAt(Utc(1, 5, 18)));
        Assert.Equal("d", schedule.OnCallAt(Utc(1, 6, 10))!.PersonId);

        // c is unavailable on Wednesday and the policy leaves a gap on that layer: the base layer shows through.
        Assert.Equal(new OnCallAssignment("s", "a", OnCallReason.Rotation, "base", "a"), schedule.OnCallAt(Utc(1, 7, 10)));
        Assert.Empty(schedule.Gaps(Utc(1, 5, 9), Utc(1, 12, 9)));
    }

    [Fact]
    public void Conflicts_SamePersonOnBothSchedules_Listed()
    {
        var weekly = ShiftLength.WallClock(Period.FromWeeks(1));
        var start = new LocalDateTime(2026, 1, 5, 9, 0);
        var commander = new Schedule("ic", "IC", "incident-commander", DateTimeZone.Utc, [new ScheduleLayer("weekly", new Rotation(["a", "b"], start, weekly))]);
        var onCall = new Schedule("oc", "On call", "on-call-engineer", DateTimeZone.Utc, [new ScheduleLayer("weekly", new Rotation(["c", "b"], start, weekly))]);
        var conflict = Assert.Single(Schedule.Conflicts(commander, onCall, Utc(1, 5, 9), Utc(1, 26, 9)));
        Assert.Equal(("b", Utc(1, 12, 9), Utc(1, 19, 9)), (conflict.PersonId, conflict.Start, conflict.End));
        Assert.Equal("ic", conflict.Commander.ScheduleId);
        Assert.Equal("oc", conflict.OnCall.ScheduleId);
    }

    [Fact]
    public void CommanderConflicts_DefaultPolicy_None()
    {
        var policy = ResponsePolicy.Default;
        Assert.Empty(policy.CommanderConflicts(Utc(1, 1, 0), Instant.FromUtc(2027, 1, 1, 0, 0)));
        Assert.Equal("casey", policy.FindSchedule("on-call")!.OnCallAt(Utc(1, 5, 9))!.PersonId);
        Assert.Equal("blake", policy.FindSchedule("incident-commander")!.OnCallAt(Utc(1, 5, 9))!.PersonId);
        Assert.All(policy.SchedulesFor("incident-commander").SelectMany(s => s.Layers).SelectMany(l => l.Rotation.Members),
            m => Assert.True(policy.FindPerson(m)!.HasTag(Person.SeniorTag)));
    }

    [Fact]
    public void OnCallAssignment_ToString_NamesWhoAndWhy()
    {
        Assert.Equal("c (override of a, layer main of s)", new OnCallAssignment("s", "c", OnCallReason.Override, "main", "a").ToString());
        Assert.Equal("c (substituting for b, who is unavailable, layer main of s)", new OnCallAssignment("s", "c", OnCallReason.Substitution, "main", "b").ToString());
        Assert.Equal("a (rotation, layer main of s)", new OnCallAssignment("s", "a", OnCallReason.Rotation, "main", "a").ToString());
    }

    [Fact]
    public void Shifts_EmptyOrReversedWindow_Empty()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a"]);
        Assert.Empty(schedule.Shifts(Utc(1, 6, 0), Utc(1, 6, 0)));
        Assert.Empty(schedule.Shifts(Utc(1, 7, 0), Utc(1, 6, 0)));
        Assert.Empty(schedule.Handoffs(Utc(1, 7, 0), Utc(1, 6, 0)));
    }

    [Fact]
    public void Shifts_SingleMember_MergedAcrossTurns()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.WallClock(Period.FromDays(1)), new LocalDateTime(2026, 1, 5, 9, 0), ["a"]);
        Assert.Equal([(Utc(1, 6, 0), Utc(1, 9, 0), "a")], Summary(schedule.Shifts(Utc(1, 6, 0), Utc(1, 9, 0))));
    }
}
