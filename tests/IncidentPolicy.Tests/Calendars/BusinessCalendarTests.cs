using IncidentPolicy.Calendars;
using NodaTime;
using NodaTime.Text;

namespace IncidentPolicy.Tests.Calendars;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar Utc = BusinessCalendar.Default;
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly IsoDayOfWeek[] EveryDay = [.. MondayToFriday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private static readonly WorkingHours NineToFive = WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0));

    /// <summary>An instant written with its UTC offset, so no test depends on a resolver: <c>2026-03-27T15:00:00Z</c>,
    /// <c>2026-03-29T03:30:00+02</c>.</summary>
    private static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();

    private static BusinessCalendar UtcWith(params Holiday[] holidays) =>
        new(DateTimeZone.Utc, MondayToFriday, NineToFive, holidays);

    private static BusinessCalendar WithSundayHours(DateTimeZone zone, WorkingHours sunday) =>
        new(zone, [.. MondayToFriday, IsoDayOfWeek.Sunday], NineToFive,
            weekdayHours: new Dictionary<IsoDayOfWeek, WorkingHours> { [IsoDayOfWeek.Sunday] = sunday });

    private static WorkingHours Hours(int opensHour, int opensMinute, int closesHour, int closesMinute) =>
        WorkingHours.Between(new LocalTime(opensHour, opensMinute), new LocalTime(closesHour, closesMinute));

    // ---- AddWorkingTime, default calendar (UTC, Mon–Fri 09:00–17:00) ----

    [Fact]
    public void AddWorkingTime_AcrossWeekend_ContinuesOnMonday() =>
        Assert.Equal(At("2026-03-30T11:00:00Z"), Utc.AddWorkingTime(At("2026-03-27T15:00:00Z"), Duration.FromHours(4)));

    [Fact]
    public void AddWorkingTime_WithinOneDay_AddsElapsedTime() =>
        Assert.Equal(At("2026-03-25T12:30:00Z"), Utc.AddWorkingTime(At("2026-03-25T10:00:00Z"), Duration.FromMinutes(150)));

    [Fact]
    public void AddWorkingTime_AlertAfterClosing_StartsAtNextOpening() =>
        Assert.Equal(At("2026-03-25T11:00:00Z"), Utc.AddWorkingTime(At("2026-03-24T20:00:00Z"), Duration.FromHours(2)));

    [Fact]
    public void AddWorkingTime_AlertBeforeOpening_StartsAtOpening() =>
        Assert.Equal(At("2026-03-24T10:00:00Z"), Utc.AddWorkingTime(At("2026-03-24T06:00:00Z"), Duration.FromHours(1)));

    [Fact]
    public void AddWorkingTime_AlertOnSaturday_StartsMondayAtOpening() =>
        Assert.Equal(At("2026-03-30T10:00:00Z"), Utc.AddWorkingTime(At("2026-03-28T10:00:00Z"), Duration.FromHours(1)));

    [Fact]
    public void AddWorkingTime_ResultExactlyAtClosing_StaysAtClosing() =>
        Assert.Equal(At("2026-03-27T17:00:00Z"), Utc.AddWorkingTime(At("2026-03-27T13:00:00Z"), Duration.FromHours(4)));

    [Fact]
    public void AddWorkingTime_OneNanosecondPastClosing_ContinuesAtNextOpening() =>
        Assert.Equal(
            At("2026-03-30T09:00:00Z") + Duration.Epsilon,
            Utc.AddWorkingTime(At("2026-03-27T13:00:00Z"), Duration.FromHours(4) + Duration.Epsilon));

    [Fact]
    public void AddWorkingTime_FromClosing_ContinuesAtNextOpening() =>
        Assert.Equal(At("2026-03-31T10:00:00Z"), Utc.AddWorkingTime(At("2026-03-30T17:00:00Z"), Duration.FromHours(1)));

    [Fact]
    public void AddWorkingTime_SeveralDays_SkipsNights() =>
        Assert.Equal(At("2026-03-31T11:00:00Z"), Utc.AddWorkingTime(At("2026-03-27T15:00:00Z"), Duration.FromHours(12)));

    [Fact]
    public void AddWorkingTime_Zero_ReturnsStartEvenOutsideWorkingTime()
    {
        var saturday = At("2026-03-28T10:00:00Z");
        Assert.Equal(saturday, Utc.AddWorkingTime(saturday, Duration.Zero));
    }

    [Fact]
    public void AddWorkingTime_Negative_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => Utc.AddWorkingTime(At("2026-03-27T15:00:00Z"), Duration.FromMinutes(-1)));
        Assert.Equal("workingTime", ex.ParamName);
    }

    // ---- Holidays ----

    [Fact]
    public void AddWorkingTime_OverOneOffHoliday_SkipsIt() =>
        Assert.Equal(
            At("2026-12-28T11:00:00Z"),
            UtcWith(Holiday.On(new LocalDate(2026, 12, 25))).AddWorkingTime(At("2026-12-24T15:00:00Z"), Duration.FromHours(4)));

    [Fact]
    public void AddWorkingTime_AlertOnOneOffHoliday_StartsAtNextWorkingDay() =>
        Assert.Equal(
            At("2026-12-28T10:00:00Z"),
            UtcWith(Holiday.On(new LocalDate(2026, 12, 25))).AddWorkingTime(At("2026-12-25T10:00:00Z"), Duration.FromHours(1)));

    [Fact]
    public void AddWorkingTime_OverThreeWeekOneOffHolidayRun_ContinuesAfterIt()
    {
        var calendar = UtcWith(ChristmasBreak());
        Assert.Equal(At("2027-01-11T11:00:00Z"), calendar.AddWorkingTime(At("2026-12-18T15:00:00Z"), Duration.FromHours(4)));
    }

    [Fact]
    public void NextOpening_InsideThreeWeekOneOffHolidayRun_IsFirstDayAfterIt() =>
        Assert.Equal(At("2027-01-11T09:00:00Z"), UtcWith(ChristmasBreak()).NextOpening(At("2026-12-30T12:00:00Z")));

    [Fact]
    public void AddWorkingTime_OneOffHolidaysWithGaps_StopsAtFirstWorkingDay()
    {
        // 21–23 and 28–30 December are holidays; the 24th is a working day between the two runs.
        var calendar = UtcWith(
            [.. new[] { 21, 22, 23, 28, 29, 30 }.Select(d => Holiday.On(new LocalDate(2026, 12, d)))]);
        Assert.Equal(At("2026-12-24T11:00:00Z"), calendar.AddWorkingTime(At("2026-12-18T15:00:00Z"), Duration.FromHours(4)));
        Assert.Equal(At("2026-12-31T11:00:00Z"), calendar.AddWorkingTime(At("2026-12-24T15:00:00Z"), Duration.FromHours(12)));
    }

    [Fact]
    public void AddWorkingTime_AnnualHolidayOnWeekday_SkipsItEveryYear()
    {
        var calendar = UtcWith(Holiday.Every(new AnnualDate(12, 25)));
        Assert.Equal(At("2026-12-28T11:00:00Z"), calendar.AddWorkingTime(At("2026-12-24T15:00:00Z"), Duration.FromHours(4)));
        Assert.Equal(At("2030-12-26T11:00:00Z"), calendar.AddWorkingTime(At("2030-12-24T15:00:00Z"), Duration.FromHours(4)));
    }

    [Fact]
    public void AddWorkingTime_AnnualHolidayOnSaturday_ChangesNothing()
    {
        // 2027-12-25 is a Saturday; the holiday does not move to a weekday.
        var calendar = UtcWith(Holiday.Every(new AnnualDate(12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2027, 12, 25)));
        Assert.Equal(At("2027-12-27T11:00:00Z"), calendar.AddWorkingTime(At("2027-12-24T15:00:00Z"), Duration.FromHours(4)));
    }

    [Fact]
    public void IsHoliday_AnnualTwentyNinthOfFebruary_OnlyInLeapYears()
    {
        var calendar = UtcWith(Holiday.Every(new AnnualDate(2, 29)));
        Assert.True(calendar.IsHoliday(new LocalDate(2028, 2, 29)));
        Assert.False(calendar.IsHoliday(new LocalDate(2027, 2, 28)));
        Assert.False(calendar.IsHoliday(new LocalDate(2027, 3, 1)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2028, 2, 29)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2027, 3, 1)));
    }

    [Fact]
    public void AddWorkingTime_AnnualTwentyNinthOfFebruary_SkipsItInLeapYearOnly()
    {
        var calendar = UtcWith(Holiday.Every(new AnnualDate(2, 29)));
        Assert.Equal(At("2028-03-01T11:00:00Z"), calendar.AddWorkingTime(At("2028-02-28T15:00:00Z"), Duration.FromHours(4)));
        Assert.Equal(At("2027-03-01T11:00:00Z"), calendar.AddWorkingTime(At("2027-02-26T15:00:00Z"), Duration.FromHours(4)));
    }

    [Fact]
    public void IsHoliday_OneOffHoliday_OnlyThatYear()
    {
        var calendar = UtcWith(Holiday.On(new LocalDate(2026, 12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 12, 25)));
        Assert.False(calendar.IsHoliday(new LocalDate(2027, 12, 25)));
        Assert.False(calendar.IsHoliday(new LocalDate(2026, 12, 24)));
    }

    [Fact]
    public void IsWorkingDay_WeekendAndHoliday_AreNot()
    {
        var calendar = UtcWith(Holiday.On(new LocalDate(2026, 12, 25)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 12, 24)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 12, 25)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 12, 26)));
    }

    // ---- NextBusinessDayClose ----

    [Fact]
    public void NextBusinessDayClose_FridayEvening_IsMondayClose() =>
        Assert.Equal(At("2026-03-30T17:00:00Z"), Utc.NextBusinessDayClose(At("2026-03-27T20:00:00Z")));

    [Fact]
    public void NextBusinessDayClose_FridayMorning_IsMondayClose() =>
        Assert.Equal(At("2026-03-30T17:00:00Z"), Utc.NextBusinessDayClose(At("2026-03-27T08:00:00Z")));

    [Fact]
    public void NextBusinessDayClose_Wednesday_IsThursdayClose() =>
        Assert.Equal(At("2026-03-26T17:00:00Z"), Utc.NextBusinessDayClose(At("2026-03-25T12:00:00Z")));

    [Fact]
    public void NextBusinessDayClose_HolidayEve_SkipsHoliday() =>
        Assert.Equal(
            At("2026-12-28T17:00:00Z"),
            UtcWith(Holiday.On(new LocalDate(2026, 12, 25))).NextBusinessDayClose(At("2026-12-24T10:00:00Z")));

    [Fact]
    public void NextBusinessDayClose_UsesLocalDateInZone()
    {
        // 23:30 UTC on Thursday is already Friday 00:30 in Berlin, so the next business day is Monday.
        var calendar = new BusinessCalendar(Berlin, MondayToFriday, NineToFive);
        Assert.Equal(At("2026-03-30T17:00:00+02"), calendar.NextBusinessDayClose(At("2026-03-26T23:30:00Z")));
    }

    // ---- IsWorkingTime and NextOpening ----

    [Fact]
    public void IsWorkingTime_AtOpening_IsTrue() => Assert.True(Utc.IsWorkingTime(At("2026-03-30T09:00:00Z")));

    [Fact]
    public void IsWorkingTime_JustBeforeOpening_IsFalse() =>
        Assert.False(Utc.IsWorkingTime(At("2026-03-30T09:00:00Z") - Duration.Epsilon));

    [Fact]
    public void IsWorkingTime_AtClosing_IsFalse() => Assert.False(Utc.IsWorkingTime(At("2026-03-30T17:00:00Z")));

    [Fact]
    public void IsWorkingTime_JustBeforeClosing_IsTrue() =>
        Assert.True(Utc.IsWorkingTime(At("2026-03-30T17:00:00Z") - Duration.Epsilon));

    [Fact]
    public void IsWorkingTime_Weekend_IsFalse() => Assert.False(Utc.IsWorkingTime(At("2026-03-28T12:00:00Z")));

    [Fact]
    public void NextOpening_AtOpening_IsSameInstant() =>
        Assert.Equal(At("2026-03-30T09:00:00Z"), Utc.NextOpening(At("2026-03-30T09:00:00Z")));

    [Fact]
    public void NextOpening_DuringWorkingTime_IsSameInstant() =>
        Assert.Equal(At("2026-03-30T12:34:56Z"), Utc.NextOpening(At("2026-03-30T12:34:56Z")));

    [Fact]
    public void NextOpening_AtClosing_IsNextDayOpening() =>
        Assert.Equal(At("2026-03-31T09:00:00Z"), Utc.NextOpening(At("2026-03-30T17:00:00Z")));

    [Fact]
    public void NextOpening_Saturday_IsMondayOpening() =>
        Assert.Equal(At("2026-03-30T09:00:00Z"), Utc.NextOpening(At("2026-03-28T12:00:00Z")));

    // ---- WorkingTimeBetween ----

    [Fact]
    public void WorkingTimeBetween_OverWeekend_CountsOnlyWorkingHours() =>
        Assert.Equal(Duration.FromHours(4), Utc.WorkingTimeBetween(At("2026-03-27T15:00:00Z"), At("2026-03-30T11:00:00Z")));

    [Fact]
    public void WorkingTimeBetween_OverHoliday_SkipsIt() =>
        Assert.Equal(
            Duration.FromHours(4),
            UtcWith(Holiday.On(new LocalDate(2026, 12, 25))).WorkingTimeBetween(At("2026-12-24T15:00:00Z"), At("2026-12-28T11:00:00Z")));

    [Fact]
    public void WorkingTimeBetween_WholeWeek_IsFortyHours() =>
        Assert.Equal(Duration.FromHours(40), Utc.WorkingTimeBetween(At("2026-03-28T00:00:00Z"), At("2026-04-04T00:00:00Z")));

    [Fact]
    public void WorkingTimeBetween_WithinOneDay_IsElapsedTime() =>
        Assert.Equal(Duration.FromMinutes(90), Utc.WorkingTimeBetween(At("2026-03-30T10:00:00Z"), At("2026-03-30T11:30:00Z")));

    [Fact]
    public void WorkingTimeBetween_ToBeforeFrom_IsZero() =>
        Assert.Equal(Duration.Zero, Utc.WorkingTimeBetween(At("2026-03-30T11:00:00Z"), At("2026-03-30T10:00:00Z")));

    [Fact]
    public void WorkingTimeBetween_SameInstant_IsZero() =>
        Assert.Equal(Duration.Zero, Utc.WorkingTimeBetween(At("2026-03-30T11:00:00Z"), At("2026-03-30T11:00:00Z")));

    // ---- DST: Europe/Berlin, 2026-03-29 02:00 CET → 03:00 CEST ----

    [Fact]
    public void WorkingTimeBetween_SundayAcrossSpringForward_CountsElapsedTime()
    {
        var calendar = WithSundayHours(Berlin, Hours(1, 0, 5, 0));
        Assert.Equal(
            Duration.FromHours(3),
            calendar.WorkingTimeBetween(At("2026-03-29T00:00:00+01"), At("2026-03-30T00:00:00+02")));
    }

    [Fact]
    public void AddWorkingTime_AcrossSpringForward_CountsElapsedTime()
    {
        var calendar = WithSundayHours(Berlin, Hours(1, 0, 5, 0));
        Assert.Equal(
            At("2026-03-30T10:00:00+02"),
            calendar.AddWorkingTime(At("2026-03-29T01:00:00+01"), Duration.FromHours(4)));
        Assert.Equal(
            At("2026-03-29T05:00:00+02"),
            calendar.AddWorkingTime(At("2026-03-29T01:00:00+01"), Duration.FromHours(3)));
    }

    [Fact]
    public void NextOpening_OpeningInSpringForwardGap_ShiftsForwardByGap()
    {
        var calendar = WithSundayHours(Berlin, Hours(2, 30, 5, 0));
        Assert.Equal(At("2026-03-29T03:30:00+02"), calendar.NextOpening(At("2026-03-29T00:00:00+01")));
        Assert.False(calendar.IsWorkingTime(At("2026-03-29T03:30:00+02") - Duration.Epsilon));
        Assert.True(calendar.IsWorkingTime(At("2026-03-29T03:30:00+02")));
        Assert.Equal(
            Duration.FromMinutes(90),
            calendar.WorkingTimeBetween(At("2026-03-29T00:00:00+01"), At("2026-03-30T00:00:00+02")));
    }

    [Fact]
    public void WorkingTimeBetween_HoursEntirelyInSpringForwardGap_ShiftForwardTogether()
    {
        // 02:00 and 02:30 are both skipped; each moves forward by the one-hour gap, to 03:00 and 03:30 CEST.
        var calendar = WithSundayHours(Berlin, Hours(2, 0, 2, 30));
        Assert.Equal(At("2026-03-29T03:00:00+02"), calendar.NextOpening(At("2026-03-29T00:00:00+01")));
        Assert.Equal(
            Duration.FromMinutes(30),
            calendar.WorkingTimeBetween(At("2026-03-29T00:00:00+01"), At("2026-03-30T00:00:00+02")));
        Assert.Equal(At("2026-03-29T03:30:00+02"), calendar.AddWorkingTime(At("2026-03-29T00:00:00+01"), Duration.FromMinutes(30)));
    }

    [Fact]
    public void AddWorkingTime_ClosingAt2400_EndsAtStartOfNextDate()
    {
        var calendar = new BusinessCalendar(Berlin, EveryDay, WorkingHours.UntilEndOfDay(new LocalTime(20, 0)));
        Assert.Equal(At("2026-03-29T00:00:00+01"), calendar.AddWorkingTime(At("2026-03-28T20:00:00+01"), Duration.FromHours(4)));
        Assert.Equal(At("2026-03-29T21:00:00+02"), calendar.AddWorkingTime(At("2026-03-28T20:00:00+01"), Duration.FromHours(5)));
        Assert.Equal(At("2026-03-29T00:00:00+01"), calendar.NextBusinessDayClose(At("2026-03-27T12:00:00+01")));
        Assert.False(calendar.IsWorkingTime(At("2026-03-29T00:00:00+01")));
        Assert.True(calendar.IsWorkingTime(At("2026-03-29T00:00:00+01") - Duration.Epsilon));
    }

    [Fact]
    public void WorkingTimeBetween_WholeDayAcrossSpringForward_IsTwentyThreeHours()
    {
        var calendar = new BusinessCalendar(Berlin, EveryDay, WorkingHours.UntilEndOfDay(LocalTime.Midnight));
        Assert.Equal(
            Duration.FromHours(23),
            calendar.WorkingTimeBetween(At("2026-03-29T00:00:00+01"), At("2026-03-30T00:00:00+02")));
        Assert.Equal(At("2026-03-29T04:00:00+02"), calendar.AddWorkingTime(At("2026-03-29T01:00:00+01"), Duration.FromHours(2)));
    }

    // ---- DST: America/New_York, 2026-11-01 02:00 EDT → 01:00 EST ----

    [Fact]
    public void WorkingTimeBetween_WholeDayAcrossFallBack_IsTwentyFiveHours()
    {
        var calendar = new BusinessCalendar(NewYork, [IsoDayOfWeek.Sunday], WorkingHours.UntilEndOfDay(LocalTime.Midnight));
        Assert.Equal(
            Duration.FromHours(25),
            calendar.WorkingTimeBetween(At("2026-10-31T12:00:00-04"), At("2026-11-02T12:00:00-05")));
        Assert.Equal(At("2026-11-02T00:00:00-05"), calendar.AddWorkingTime(At("2026-11-01T00:00:00-04"), Duration.FromHours(25)));
    }

    [Fact]
    public void NextOpening_OpeningAtRepeatedTime_TakesEarlierInstant()
    {
        var calendar = WithSundayHours(NewYork, Hours(1, 30, 5, 0));
        Assert.Equal(At("2026-11-01T01:30:00-04"), calendar.NextOpening(At("2026-11-01T00:00:00-04")));
        Assert.Equal(
            Duration.FromMinutes(270),
            calendar.WorkingTimeBetween(At("2026-11-01T00:00:00-04"), At("2026-11-02T00:00:00-05")));
    }

    [Fact]
    public void IsWorkingTime_ClosingAtRepeatedTime_ClosesAtEarlierInstant()
    {
        var calendar = WithSundayHours(NewYork, Hours(0, 0, 1, 30));
        Assert.True(calendar.IsWorkingTime(At("2026-11-01T01:15:00-04")));
        Assert.False(calendar.IsWorkingTime(At("2026-11-01T01:30:00-04")));

        // 01:15 happens again after the clocks go back, but working time closed at the first 01:30.
        Assert.False(calendar.IsWorkingTime(At("2026-11-01T01:15:00-05")));
        Assert.Equal(At("2026-11-01T01:30:00-04"), calendar.AddWorkingTime(At("2026-11-01T00:00:00-04"), Duration.FromMinutes(90)));
    }

    // ---- Validation ----

    [Fact]
    public void Constructor_NoWorkingDays_ThrowsWithPathAndReason()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new BusinessCalendar(DateTimeZone.Utc, [], NineToFive));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("workingDays", problem.Path);
        Assert.Equal("at least one working day is required", problem.Reason);
    }

    [Fact]
    public void Constructor_SeveralProblems_ReportsEveryOne()
    {
        var christmas = Holiday.On(new LocalDate(2026, 12, 25));
        var ex = Assert.Throws<PolicyValidationException>(() => new BusinessCalendar(
            DateTimeZone.Utc,
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Monday],
            NineToFive,
            [christmas, christmas],
            new Dictionary<IsoDayOfWeek, WorkingHours> { [IsoDayOfWeek.Saturday] = NineToFive }));
        Assert.Equal(
            [
                ("workingDays[1]", "monday is listed twice"),
                ("weekdayHours.saturday", "saturday has its own hours but is not one of the working days"),
                ("holidays[1]", "2026-12-25 is listed twice"),
            ],
            ex.Problems.Select(p => (p.Path, p.Reason)));
    }

    private static Holiday[] ChristmasBreak() =>
        [.. Enumerable.Range(0, 19).Select(i => Holiday.On(new LocalDate(2026, 12, 21).PlusDays(i)))];
}
