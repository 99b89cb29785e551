using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Calendars;
using IncidentPolicy.Testing;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

public class BusinessCalendarPropertyTests
{
    private static readonly Gen<BusinessCalendar> Calendars = IncidentGen.Calendars;
    private static readonly Gen<Instant> Instants = IncidentGen.Instants;
    private static readonly Gen<Duration> WorkingTimes = IncidentGen.Durations(Duration.Zero, Duration.FromHours(200));

    private static Arbitrary<(BusinessCalendar Calendar, Instant Start, Duration WorkingTime)> AdditionCases() =>
        (from calendar in Calendars
         from start in Instants
         from workingTime in WorkingTimes
         select (calendar, start, workingTime)).ToArbitrary();

    [Property]
    public Property AddWorkingTime_ThenWorkingTimeBetween_GivesBackWorkingTime() =>
        Prop.ForAll(AdditionCases(), c =>
        {
            // With holiday rules that take most working days, 200 working hours can end past the supported range
            // (AddWorkingTime answers up to Limits.LatestResult); WorkingTimeBetween takes instants in the range only.
            var end = c.Calendar.AddWorkingTime(c.Start, c.WorkingTime);
            return end is not { } e || !Limits.Contains(e) || c.Calendar.WorkingTimeBetween(c.Start, e) == c.WorkingTime;
        });

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
            var end = c.Calendar.AddWorkingTime(c.Start, workingTime)!.Value;
            return end > c.Start
                && (c.Calendar.IsWorkingTime(end) || c.Calendar.IsWorkingTime(end - Duration.Epsilon));
        });

    [Property]
    public Property NextOpening_IsWorkingTimeNotBeforeInstant() =>
        Prop.ForAll((from calendar in Calendars from instant in Instants select (calendar, instant)).ToArbitrary(), c =>
        {
            var (calendar, instant) = c;
            var opening = calendar.NextOpening(instant)!.Value;
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
            var close = calendar.NextBusinessDayClose(instant)!.Value;
            var zone = calendar.Zone;

            // The closing may also be the next day's opening (e.g. 24:00 followed by 00:00), so only the
            // instant just before it is known to be working time.
            return close > instant
                && calendar.IsWorkingTime(close - Duration.Epsilon)
                && (close - Duration.Epsilon).InZone(zone).Date > instant.InZone(zone).Date;
        });
}
