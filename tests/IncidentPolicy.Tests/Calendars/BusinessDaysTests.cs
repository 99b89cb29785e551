using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

/// <summary>The Berlin team of issue 15: Monday to Thursday 08:00–18:00, Friday 08:00–14:00, German (Berlin)
/// holidays written as rules, and 24 December as a day off of its own.</summary>
public class BusinessDaysTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly Holiday[] GermanBerlin =
    [
        Holiday.Every(new AnnualDate(1, 1)),
        Holiday.Every(new AnnualDate(3, 8)).WithYears(2019, null),
        Holiday.Easter(-2),
        Holiday.Easter(1),
        Holiday.Every(new AnnualDate(5, 1)),
        Holiday.Easter(39),
        Holiday.Easter(50),
        Holiday.Every(new AnnualDate(10, 3)),
        Holiday.Every(new AnnualDate(12, 25)),
        Holiday.Every(new AnnualDate(12, 26)),
    ];

    private static BusinessCalendar Team(params Holiday[] own) =>
        new(Berlin, MondayToFriday, WorkingHours.Between(new LocalTime(8, 0), new LocalTime(18, 0)), [.. GermanBerlin, .. own],
            new Dictionary<IsoDayOfWeek, WorkingHours> { [IsoDayOfWeek.Friday] = WorkingHours.Between(new LocalTime(8, 0), new LocalTime(14, 0)) });

    private static readonly Instant AlertBeforeChristmas = Instant.FromUtc(2026, 12, 23, 16, 30); // Wednesday 17:30 CET

    [Fact]
    public void FiveBusinessDays_AcrossChristmasAndNewYear_SkipHolidaysAndTheTeamsOwnDate()
    {
        var team = Team(Holiday.On(new LocalDate(2026, 12, 24)));

        // Mon 28, Tue 29, Wed 30, Thu 31 Dec; Fri 1 Jan is a holiday; Mon 4 Jan is the fifth, closing 18:00 CET.
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 17, 0), team.CloseOfBusinessDay(AlertBeforeChristmas, 5));
        Assert.Equal(Instant.FromUtc(2026, 12, 28, 17, 0), team.CloseOfBusinessDay(AlertBeforeChristmas, 1));
        Assert.Equal(team.NextBusinessDayClose(AlertBeforeChristmas), team.CloseOfBusinessDay(AlertBeforeChristmas, 1));
    }

    [Fact]
    public void FiveBusinessDays_Without24December_EndOnThursday31December()
    {
        var team = Team();
        Assert.Equal(Instant.FromUtc(2026, 12, 31, 17, 0), team.CloseOfBusinessDay(AlertBeforeChristmas, 5));
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 17, 0), team.CloseOfBusinessDay(AlertBeforeChristmas, 1));
    }

    [Fact]
    public void BusinessHours_AcrossChristmas_CountHalfAnHourOnWednesdayThenMonday()
    {
        var team = Team(Holiday.On(new LocalDate(2026, 12, 24)));

        // 17:30–18:00 on Wednesday, then 08:00–11:30 on Monday 28 December.
        Assert.Equal(Instant.FromUtc(2026, 12, 28, 10, 30), ResponseTarget.BusinessHours(Duration.FromHours(4)).DueAfter(AlertBeforeChristmas, team));
        Assert.Equal(Instant.FromUtc(2027, 1, 4, 17, 0), ResponseTarget.BusinessDays(5).DueAfter(AlertBeforeChristmas, team));
    }

    [Fact]
    public void FridayHours_CloseAt14AndCountSixHours()
    {
        var team = Team();
        var thursdayFive = Instant.FromUtc(2026, 12, 17, 16, 0); // Thursday 17:00 CET

        Assert.Equal(Instant.FromUtc(2026, 12, 18, 13, 0), team.CloseOfBusinessDay(thursdayFive, 1));
        // One hour on Thursday, six on Friday, one on Monday.
        Assert.Equal(Instant.FromUtc(2026, 12, 21, 8, 0), team.AddWorkingTime(thursdayFive, Duration.FromHours(8)));
        Assert.Equal(Instant.FromUtc(2026, 12, 21, 17, 0), team.CloseOfBusinessDay(thursdayFive, 2));
    }

    [Fact]
    public void BusinessDays_AcrossSpringForward_CloseAt18LocalTime()
    {
        var team = Team();
        var friday = Instant.FromUtc(2026, 3, 27, 12, 0); // Friday 13:00 CET; clocks go forward on Sunday 29 March

        Assert.Equal(Instant.FromUtc(2026, 3, 30, 16, 0), team.CloseOfBusinessDay(friday, 1)); // 18:00 CEST
        // Good Friday 3 April and Easter Monday 6 April are holidays: Mon 30, Tue 31, Wed 1, Thu 2, Tue 7.
        Assert.Equal(Instant.FromUtc(2026, 4, 7, 16, 0), team.CloseOfBusinessDay(friday, 5));
    }

    [Fact]
    public void CloseOfBusinessDay_OutOfRangeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Team().CloseOfBusinessDay(AlertBeforeChristmas, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Team().CloseOfBusinessDay(AlertBeforeChristmas, Limits.MaxBusinessDays + 1));
    }

    [Fact]
    public void ResponseTarget_BusinessDays_DescribedAndValidated()
    {
        Assert.Equal("5 business days", ResponseTarget.BusinessDays(5).ToString());
        Assert.Equal("1 business day", ResponseTarget.BusinessDays(1).ToString());
        Assert.Equal(ResponseClock.BusinessDays, ResponseTarget.BusinessDays(5).Clock);
        Assert.Equal(5, ResponseTarget.BusinessDays(5).Days);
        Assert.Null(ResponseTarget.BusinessDays(5).Within);
        Assert.NotEqual(ResponseTarget.NextBusinessDay, ResponseTarget.BusinessDays(1));
        var ex = Assert.Throws<PolicyValidationException>(() => ResponseTarget.BusinessDays(0));
        Assert.Equal("within", Assert.Single(ex.Problems).Path);
    }

    [Property]
    public Property CloseOfBusinessDay_OneIsNextBusinessDay_AndEachMoreDayIsLater() =>
        Prop.ForAll(
            (from calendar in IncidentGen.Calendars
             from start in IncidentGen.Instants
             from days in Gen.Choose(1, 30)
             select (calendar, start, days)).ToArbitrary(),
            c =>
            {
                var first = c.calendar.CloseOfBusinessDay(c.start, 1);
                var nth = c.calendar.CloseOfBusinessDay(c.start, c.days);
                var next = c.calendar.CloseOfBusinessDay(c.start, c.days + 1);
                return first == c.calendar.NextBusinessDayClose(c.start)
                    && (nth is null ? next is null : next is null || next > nth);
            });
}
