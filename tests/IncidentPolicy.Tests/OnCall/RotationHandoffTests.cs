using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Tests.OnCall;

public class RotationHandoffTests
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone LordHowe = DateTimeZoneProviders.Tzdb["Australia/Lord_Howe"];

    private static Schedule Single(DateTimeZone zone, ShiftLength length, LocalDateTime start, params string[] members) =>
        new("s", "S", null, zone, [new ScheduleLayer("main", new Rotation(members, start, length))]);

    private static (Instant, string)[] Starts(Schedule schedule, Instant from, Instant to) =>
        schedule.Shifts(from, to).Select(s => (s.Start, s.PersonId)).ToArray();

    private static Instant Utc(int year, int month, int day, int hour, int minute = 0) => Instant.FromUtc(year, month, day, hour, minute);

    [Fact]
    public void HourlyChicagoSpringForward_NoTurnLostInTheGap()
    {
        var schedule = Single(Chicago, ShiftLength.WallClock(Period.FromHours(1)), new LocalDateTime(2017, 3, 12, 0, 0), "alice", "bob");
        Assert.Equal(
            [
                (Utc(2017, 3, 12, 6), "alice"), // 00:00 CST
                (Utc(2017, 3, 12, 7), "bob"), // 01:00 CST
                (Utc(2017, 3, 12, 8), "alice"), // 03:00 CDT: the 02:00 and 03:00 handoffs are one
                (Utc(2017, 3, 12, 9), "bob"),
                (Utc(2017, 3, 12, 10), "alice"),
            ],
            Starts(schedule, Utc(2017, 3, 12, 6), Utc(2017, 3, 12, 11)));
    }

    [Fact]
    public void HourlyChicagoSpringForward_ThreeMembers_NobodyVanishes()
    {
        var schedule = Single(Chicago, ShiftLength.WallClock(Period.FromHours(1)), new LocalDateTime(2017, 3, 12, 0, 0), "alice", "bob", "carol");
        Assert.Equal(
            ["alice", "bob", "carol", "alice", "bob", "carol"],
            Starts(schedule, Utc(2017, 3, 12, 6), Utc(2017, 3, 12, 12)).Select(s => s.Item2));

        // 2018-03-12 01:00 CDT is 8,761 local hours on; two of them (02:00 on 2017-03-12 and 2018-03-11) do not
        // exist, so it is turn 8,759, and 8,759 mod 3 = 2.
        Assert.Equal("carol", schedule.OnCallAt(Utc(2018, 3, 12, 6))!.PersonId);
    }

    [Fact]
    public void HalfHourlyChicagoSpringForward_TwoEmptyShiftsTakeNoTurn()
    {
        var schedule = Single(Chicago, ShiftLength.WallClock(Period.FromMinutes(30)), new LocalDateTime(2017, 3, 12, 1, 0), "a", "b", "c");
        Assert.Equal(
            [
                (Utc(2017, 3, 12, 7), "a"), // 01:00 CST
                (Utc(2017, 3, 12, 7, 30), "b"), // 01:30 CST
                (Utc(2017, 3, 12, 8), "c"), // 03:00 CDT: 02:00, 02:30 and 03:00 are one handoff
                (Utc(2017, 3, 12, 8, 30), "a"),
            ],
            Starts(schedule, Utc(2017, 3, 12, 7), Utc(2017, 3, 12, 9)));
    }

    [Fact]
    public void HourlyChicagoFallBack_RepeatedHourStaysWithTheFirstOccurrence()
    {
        var schedule = Single(Chicago, ShiftLength.WallClock(Period.FromHours(1)), new LocalDateTime(2017, 11, 5, 0, 0), "a", "b");
        Assert.Equal(
            [
                (Utc(2017, 11, 5, 5), "a"), // 00:00 CDT
                (Utc(2017, 11, 5, 6), "b"), // 01:00 CDT, through the repeated 01:00–02:00 CST
                (Utc(2017, 11, 5, 8), "a"), // 02:00 CST
            ],
            Starts(schedule, Utc(2017, 11, 5, 5), Utc(2017, 11, 5, 9)));
    }

    [Fact]
    public void ThirtyMinuteDstInLordHowe_HandoffAtTheEndOfTheHalfHourGap()
    {
        // Lord Howe moves from +10:30 to +11:00 at 02:00 local on 2026-10-04: 02:00–02:30 does not exist.
        var schedule = Single(LordHowe, ShiftLength.WallClock(Period.FromMinutes(15)), new LocalDateTime(2026, 10, 4, 1, 45), "a", "b");
        var gapEnd = Utc(2026, 10, 3, 15, 30); // 02:30 +11:00
        Assert.Equal(
            [
                (gapEnd - Duration.FromMinutes(15), "a"), // 01:45 +10:30
                (gapEnd, "b"), // 02:00, 02:15 and 02:30 are one handoff
                (gapEnd + Duration.FromMinutes(15), "a"),
            ],
            Starts(schedule, gapEnd - Duration.FromMinutes(15), gapEnd + Duration.FromMinutes(30)));
    }

    [Fact]
    public void ElapsedStartInsideGap_StartsAtTheEndOfTheGap()
    {
        var schedule = Single(Berlin, ShiftLength.Elapsed(Duration.FromHours(1)), new LocalDateTime(2026, 3, 29, 2, 30), "a", "b");
        Assert.Null(schedule.OnCallAt(Utc(2026, 3, 29, 1) - Duration.Epsilon));
        Assert.Equal("a", schedule.OnCallAt(Utc(2026, 3, 29, 1))!.PersonId);
        Assert.Equal("b", schedule.OnCallAt(Utc(2026, 3, 29, 2))!.PersonId);
    }

    [Fact]
    public void OneMinuteWallClockShifts_Allowed()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.WallClock(Period.FromMinutes(1)), new LocalDateTime(2026, 1, 1, 0, 0), "a", "b", "c");
        Assert.Equal("a", schedule.OnCallAt(Utc(2026, 1, 1, 0, 0))!.PersonId);
        Assert.Equal("b", schedule.OnCallAt(Utc(2026, 1, 1, 0, 1))!.PersonId);
        Assert.Equal("c", schedule.OnCallAt(Utc(2126, 1, 1, 0, 2))!.PersonId);
    }

    [Fact]
    public void Monthly_DayOfMonth_ClampedFromTheStartNotIterated()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.WallClock(Period.FromMonths(1)), new LocalDateTime(2026, 1, 31, 9, 0), "a", "b");
        Assert.Equal(
            [
                (Utc(2026, 1, 31, 9), "a"),
                (Utc(2026, 2, 28, 9), "b"),
                (Utc(2026, 3, 31, 9), "a"),
                (Utc(2026, 4, 30, 9), "b"),
                (Utc(2026, 5, 31, 9), "a"),
            ],
            Starts(schedule, Utc(2026, 1, 31, 9), Utc(2026, 6, 1, 0)));
    }

    [Fact]
    public void Monthly_FirstMonday0900InBerlin_KeepsLocalTimeAcrossDst()
    {
        var schedule = Single(Berlin, ShiftLength.Monthly(1, MonthlyAnchor.WeekdayOfMonth), new LocalDateTime(2026, 1, 5, 9, 0), "a", "b", "c");
        Assert.Equal(
            [
                (Utc(2026, 1, 5, 8), "a"),
                (Utc(2026, 2, 2, 8), "b"),
                (Utc(2026, 3, 2, 8), "c"),
                (Utc(2026, 4, 6, 7), "a"), // 09:00 CEST
                (Utc(2026, 5, 4, 7), "b"),
            ],
            Starts(schedule, Utc(2026, 1, 5, 8), Utc(2026, 5, 10, 0)));
    }

    [Fact]
    public void Monthly_FifthFriday_MeansTheLastFriday()
    {
        var schedule = Single(DateTimeZone.Utc, ShiftLength.Monthly(1, MonthlyAnchor.WeekdayOfMonth), new LocalDateTime(2026, 1, 30, 17, 0), "a", "b");
        Assert.Equal(
            [Utc(2026, 1, 30, 17), Utc(2026, 2, 27, 17), Utc(2026, 3, 27, 17), Utc(2026, 4, 24, 17), Utc(2026, 5, 29, 17)],
            Starts(schedule, Utc(2026, 1, 30, 17), Utc(2026, 6, 1, 0)).Select(s => s.Item1));
    }

    [Fact]
    public void Monthly_QuarterlyAHundredYearsOut_ArithmeticTurn()
    {
        var schedule = Single(Chicago, ShiftLength.WallClock(Period.FromMonths(3)), new LocalDateTime(2026, 1, 1, 0, 0), "a", "b", "c");
        Assert.Equal("a", schedule.OnCallAt(Utc(2026, 1, 1, 6))!.PersonId);
        Assert.Equal("b", schedule.OnCallAt(Utc(2026, 4, 1, 5))!.PersonId);
        Assert.Equal("a", schedule.OnCallAt(Utc(2026, 4, 1, 5) - Duration.Epsilon)!.PersonId);

        // 100 years = 400 quarters, 400 mod 3 = 1.
        Assert.Equal("b", schedule.OnCallAt(Utc(2126, 2, 15, 0))!.PersonId);
    }

    [Fact]
    public void Monthly_ToStringAndEquality()
    {
        Assert.Equal("P1M (wall clock, same weekday of the month)", ShiftLength.Monthly(1, MonthlyAnchor.WeekdayOfMonth).ToString());
        Assert.Equal("P12M (wall clock)", ShiftLength.WallClock(Period.FromYears(1)).ToString());
        Assert.Equal(ShiftLength.Monthly(2), ShiftLength.WallClock(Period.FromMonths(2)));
        Assert.NotEqual(ShiftLength.Monthly(1), ShiftLength.Monthly(1, MonthlyAnchor.WeekdayOfMonth));
        Assert.Equal(2, ShiftLength.Monthly(2).Months);
        Assert.Equal("months", Assert.Single(Assert.Throws<PolicyValidationException>(() => ShiftLength.Monthly(0)).Problems).Path);
    }
}
