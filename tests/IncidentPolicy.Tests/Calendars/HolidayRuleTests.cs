using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

public class HolidayRuleTests
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static BusinessCalendar With(params Holiday[] holidays) =>
        new(DateTimeZoneProviders.Tzdb["America/New_York"], MondayToFriday, WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)), holidays);

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2024, 3, 31, 5, 5)]
    [InlineData(2025, 4, 20, 4, 20)]
    [InlineData(2026, 4, 5, 4, 12)]
    [InlineData(2027, 3, 28, 5, 2)]
    [InlineData(1900, 4, 15, 4, 22)]
    public void Easter_WesternAndOrthodox_KnownDates(int year, int month, int day, int orthodoxMonth, int orthodoxDay)
    {
        Assert.Equal([D(year, month, day)], With(Holiday.Easter(0)).HolidayDatesIn(year));
        Assert.Equal([D(year, orthodoxMonth, orthodoxDay)], With(Holiday.Easter(0, EasterReckoning.Orthodox)).HolidayDatesIn(year));
    }

    [Fact]
    public void EasterRelative_GoodFridayEasterMondayAscensionWhitMonday2026()
    {
        var calendar = With(Holiday.Easter(-2), Holiday.Easter(1), Holiday.Easter(39), Holiday.Easter(50));
        Assert.Equal([D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25)], calendar.HolidayDatesIn(2026));
        Assert.False(calendar.IsWorkingDay(D(2026, 4, 6)));
        Assert.True(calendar.IsWorkingDay(D(2026, 4, 7)));
    }

    [Fact]
    public void WeekdayOfMonth_ThanksgivingMemorialDayAndAMissingFifthMonday()
    {
        Assert.Equal([D(2026, 11, 26)], With(Holiday.NthWeekday(11, IsoDayOfWeek.Thursday, 4)).HolidayDatesIn(2026));
        Assert.Equal([D(2026, 5, 25)], With(Holiday.LastWeekday(5, IsoDayOfWeek.Monday)).HolidayDatesIn(2026));
        Assert.Equal([D(2026, 8, 31)], With(Holiday.NthWeekday(8, IsoDayOfWeek.Monday, 5)).HolidayDatesIn(2026));
        Assert.Empty(With(Holiday.NthWeekday(9, IsoDayOfWeek.Monday, 5)).HolidayDatesIn(2026));
    }

    [Fact]
    public void NearestWeekday_SaturdayToFridaySundayToMonday_AcrossTheYearEnd()
    {
        var independence = Holiday.Every(new AnnualDate(7, 4)).WithObserved(HolidayShift.NearestWeekday);
        var newYear = Holiday.Every(new AnnualDate(1, 1)).WithObserved(HolidayShift.NearestWeekday);
        var calendar = With(independence, newYear);

        Assert.Equal([D(2026, 1, 1), D(2026, 7, 3)], calendar.HolidayDatesIn(2026)); // 4 July 2026 is a Saturday
        Assert.Equal([D(2021, 1, 1), D(2021, 7, 5), D(2021, 12, 31)], calendar.HolidayDatesIn(2021)); // 4 July 2021 a Sunday; 1 Jan 2022 a Saturday
        Assert.Equal([], calendar.HolidayDatesIn(2022).Where(d => d.Month == 1));
        Assert.False(calendar.IsHoliday(D(2026, 7, 4)));
    }

    [Fact]
    public void FollowingWeekday_ChristmasAndBoxingDayOnAWeekend_BecomeMondayAndTuesday()
    {
        var calendar = With(
            Holiday.Every(new AnnualDate(12, 25)).WithObserved(HolidayShift.FollowingWeekday),
            Holiday.Every(new AnnualDate(12, 26)).WithObserved(HolidayShift.FollowingWeekday));

        Assert.Equal([D(2021, 12, 27), D(2021, 12, 28)], calendar.HolidayDatesIn(2021)); // Saturday and Sunday
        Assert.Equal([D(2022, 12, 26), D(2022, 12, 27)], calendar.HolidayDatesIn(2022)); // Sunday and Monday
        Assert.Equal([D(2026, 12, 25), D(2026, 12, 28)], calendar.HolidayDatesIn(2026)); // Friday and Saturday
    }

    [Fact]
    public void Years_LimitARule()
    {
        var calendar = With(Holiday.Every(new AnnualDate(3, 8)).WithYears(2019, 2025));
        Assert.Empty(calendar.HolidayDatesIn(2018));
        Assert.Equal([D(2019, 3, 8)], calendar.HolidayDatesIn(2019));
        Assert.Equal([D(2025, 3, 8)], calendar.HolidayDatesIn(2025));
        Assert.Empty(calendar.HolidayDatesIn(2026));
    }

    [Fact]
    public void Rules_Validated_WithPaths()
    {
        Assert.Equal("easter", Assert.Single(Assert.Throws<PolicyValidationException>(() => Holiday.Easter(201)).Problems).Path);
        Assert.Equal(["month", "nth"], Assert.Throws<PolicyValidationException>(() => Holiday.NthWeekday(13, IsoDayOfWeek.Monday, 0)).Problems.Select(p => p.Path));
        Assert.Equal("until", Assert.Single(Assert.Throws<PolicyValidationException>(() => Holiday.Easter(1).WithYears(2020, 2019)).Problems).Path);
        Assert.Equal("from", Assert.Single(Assert.Throws<PolicyValidationException>(() => Holiday.On(D(2026, 1, 1)).WithYears(2020, null)).Problems).Path);
        Assert.Equal("from", Assert.Single(Assert.Throws<PolicyValidationException>(() => Holiday.Easter(1).WithYears(1899, null)).Problems).Path);
    }

    [Fact]
    public void Describe_Rules()
    {
        Assert.Equal("Easter Monday (Easter +1 day)", Holiday.Easter(1).WithName("Easter Monday").ToString());
        Assert.Equal("Orthodox Easter -2 days", Holiday.Easter(-2, EasterReckoning.Orthodox).ToString());
        Assert.Equal("4th Thursday of November", Holiday.NthWeekday(11, IsoDayOfWeek.Thursday, 4).ToString());
        Assert.Equal("last Monday of May", Holiday.LastWeekday(5, IsoDayOfWeek.Monday).ToString());
        Assert.Equal("--12-25, observed on the nearest weekday, 2000–…", Holiday.Every(new AnnualDate(12, 25)).WithObserved(HolidayShift.NearestWeekday).WithYears(2000, null).ToString());
    }

    [Fact]
    public void IsHoliday_FromManyThreadsOnAFreshCalendar_AgreesWithOneThread()
    {
        var rules = new[] { Holiday.Easter(1), Holiday.NthWeekday(11, IsoDayOfWeek.Thursday, 4), Holiday.Every(new AnnualDate(12, 25)).WithObserved(HolidayShift.FollowingWeekday) };
        var expected = With(rules);
        var dates = Enumerable.Range(0, 300 * 366).Select(i => D(1900, 1, 1).PlusDays(i)).Where(d => d.Year <= 2200).ToArray();
        var sequential = dates.Select(expected.IsHoliday).ToArray();

        var shared = With(rules);
        var parallel = new bool[dates.Length];
        Parallel.For(0, dates.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = shared.IsHoliday(dates[i]));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void AddWorkingTime_WithRulesOnceWarm_AllocatesNothing()
    {
        var calendar = With(Holiday.Easter(1), Holiday.NthWeekday(11, IsoDayOfWeek.Thursday, 4), Holiday.Every(new AnnualDate(12, 25)).WithObserved(HolidayShift.NearestWeekday));
        var alert = Instant.FromUtc(2026, 11, 25, 20, 0);
        for (var i = 0; i < 3; i++)
        {
            calendar.AddWorkingTime(alert, Duration.FromHours(4));
            calendar.CloseOfBusinessDay(alert, 5);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var due = calendar.AddWorkingTime(alert, Duration.FromHours(4));
        var close = calendar.CloseOfBusinessDay(alert, 5);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 16, 0), due); // two hours on Wednesday, Thanksgiving passed over, two on Friday
        Assert.Equal(Instant.FromUtc(2026, 12, 3, 22, 0), close);
    }
}
