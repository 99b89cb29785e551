using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

public class BusinessCalendarPropertyTests
{
    private static readonly string[] ZoneIds =
        ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

    private static readonly Instant RangeStart = Instant.FromUtc(2025, 1, 1, 0, 0);
    private const int MinutesInRange = 4 * 366 * 24 * 60;

    private static readonly LocalDate FirstHolidayDate = new(2025, 1, 1);

    // Hours that catch the DST edges of the zones above (transitions at 00:00–03:00 local) besides random ones.
    private static readonly WorkingHours[] EdgeHours =
    [
        WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)),
        WorkingHours.Between(new LocalTime(1, 0), new LocalTime(3, 0)),
        WorkingHours.Between(new LocalTime(0, 30), new LocalTime(2, 45)),
        WorkingHours.Between(new LocalTime(1, 30), new LocalTime(5, 0)),
        WorkingHours.Between(new LocalTime(2, 15), new LocalTime(2, 45)),
        WorkingHours.Between(new LocalTime(0, 0), new LocalTime(1, 30)),
        WorkingHours.UntilEndOfDay(LocalTime.Midnight),
        WorkingHours.UntilEndOfDay(new LocalTime(1, 30)),
        WorkingHours.UntilEndOfDay(new LocalTime(20, 0)),
    ];

    private static readonly Gen<WorkingHours> RandomHours =
        from opens in Gen.Choose(0, (24 * 60) - 1)
        from closes in Gen.Choose(opens + 1, 24 * 60)
        select closes == 24 * 60
            ? WorkingHours.UntilEndOfDay(LocalTime.FromMinutesSinceMidnight(opens))
            : WorkingHours.Between(LocalTime.FromMinutesSinceMidnight(opens), LocalTime.FromMinutesSinceMidnight(closes));

    private static readonly Gen<WorkingHours> AnyHours = Gen.OneOf(Gen.Elements(EdgeHours), RandomHours);

    private static readonly Gen<Holiday> OneOffHoliday =
        Gen.Choose(0, 4 * 365).Select(d => Holiday.On(FirstHolidayDate.PlusDays(d)));

    private static readonly Gen<Holiday[]> HolidayRun =
        from start in Gen.Choose(0, 4 * 365)
        from length in Gen.Choose(0, 25)
        select Enumerable.Range(start, length).Select(d => Holiday.On(FirstHolidayDate.PlusDays(d))).ToArray();

    private static readonly Gen<Holiday> AnnualHoliday =
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, month == 2 ? 29 : 30)
        select Holiday.Every(new AnnualDate(month, day));

    private static readonly Gen<BusinessCalendar> Calendars =
        from zoneId in Gen.Elements(ZoneIds)
        from days in Gen.SubListOf(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)).Where(d => d.Count > 0)
        from hours in AnyHours
        from own in Gen.ListOf(Gen.Zip(Gen.Elements(days.ToArray()), AnyHours), 3)
        from oneOff in Gen.ListOf(OneOffHoliday, 6)
        from run in HolidayRun
        from annual in Gen.ListOf(AnnualHoliday, 3)
        select new BusinessCalendar(
            DateTimeZoneProviders.Tzdb[zoneId],
            days,
            hours,
            oneOff.Concat(run).Concat(annual).Distinct(),
            own.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<Instant> Instants =
        Gen.Choose(0, MinutesInRange).Select(m => RangeStart + Duration.FromMinutes(m));

    private static readonly Gen<Duration> WorkingTimes = Gen.Choose(0, 200 * 60).Select(m => Duration.FromMinutes(m));

    private static Arbitrary<(BusinessCalendar Calendar, Instant Start, Duration WorkingTime)> AdditionCases() =>
        (from calendar in Calendars
         from start in Instants
         from workingTime in WorkingTimes
         select (calendar, start, workingTime)).ToArbitrary();

    [Property]
    public Property AddWorkingTime_ThenWorkingTimeBetween_GivesBackWorkingTime() =>
        Prop.ForAll(AdditionCases(), c =>
            c.Calendar.WorkingTimeBetween(c.Start, c.Calendar.AddWorkingTime(c.Start, c.WorkingTime)) == c.WorkingTime);

    [Property]
    public Property AddWorkingTime_LongerWorkingTime_NeverEndsEarlier() =>
        Prop.ForAll(
            (from calendar in Calendars
             from start in Instants
             from a in WorkingTimes
             from b in WorkingTimes
             select (calendar, start, a, b)).ToArbitrary(),
            c =>
            {
                var (calendar, start, a, b) = c;
                var (shorter, longer) = a <= b ? (a, b) : (b, a);
                return calendar.AddWorkingTime(start, shorter) <= calendar.AddWorkingTime(start, longer);
            });

    [Property]
    public Property AddWorkingTime_Positive_EndsInWorkingTimeOrAtClosing() =>
        Prop.ForAll(AdditionCases(), c =>
        {
            var workingTime = c.WorkingTime == Duration.Zero ? Duration.FromMinutes(1) : c.WorkingTime;
            var end = c.Calendar.AddWorkingTime(c.Start, workingTime);
            return end > c.Start
                && (c.Calendar.IsWorkingTime(end) || c.Calendar.IsWorkingTime(end - Duration.Epsilon));
        });

    [Property]
    public Property NextOpening_IsWorkingTimeNotBeforeInstant() =>
        Prop.ForAll((from calendar in Calendars from instant in Instants select (calendar, instant)).ToArbitrary(), c =>
        {
            var (calendar, instant) = c;
            var opening = calendar.NextOpening(instant);
            return opening >= instant
                && calendar.IsWorkingTime(opening)
                && calendar.WorkingTimeBetween(instant, opening) == Duration.Zero
                && (opening == instant) == calendar.IsWorkingTime(instant);
        });

    [Property]
    public Property WorkingTimeBetween_SplitAnywhere_AddsUp() =>
        Prop.ForAll(
            (from calendar in Calendars from x in Instants from y in Instants select (calendar, x, y)).ToArbitrary(),
            c =>
        {
            var (calendar, x, y) = c;
            var (from, to) = x <= y ? (x, y) : (y, x);
            var middle = from + ((to - from) / 3);
            return calendar.WorkingTimeBetween(from, middle) + calendar.WorkingTimeBetween(middle, to)
                == calendar.WorkingTimeBetween(from, to);
        });

    [Property]
    public Property NextBusinessDayClose_IsClosingOfLaterLocalDate() =>
        Prop.ForAll((from calendar in Calendars from instant in Instants select (calendar, instant)).ToArbitrary(), c =>
        {
            var (calendar, instant) = c;
            var close = calendar.NextBusinessDayClose(instant);
            var zone = calendar.Zone;

            // The closing may also be the next day's opening (e.g. 24:00 followed by 00:00), so only the
            // instant just before it is known to be working time.
            return close > instant
                && calendar.IsWorkingTime(close - Duration.Epsilon)
                && (close - Duration.Epsilon).InZone(zone).Date > instant.InZone(zone).Date;
        });
}
