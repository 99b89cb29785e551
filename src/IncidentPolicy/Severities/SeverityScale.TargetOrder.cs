using System.Globalization;
using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Severities;

// Ordering warnings for targets on different kinds of clock (a business-day target against a business-hours one),
// which only the calendar can compare: by their due instants for the same alerts.
public sealed partial class SeverityScale
{
    /// <summary>The first local date of the sample: Monday 23 March 2026, two weeks that hold a daylight-saving
    /// change in Europe and Good Friday and Easter Monday.</summary>
    private static readonly LocalDate SampleStart = new(2026, 3, 23);

    private const int SampleYear = 2026;

    /// <summary>
    /// Warns where a level's acknowledge or respond target, on another kind of clock than the next less severe
    /// level's, falls due later than that level's for some alert of a fixed sample: every hour of the two weeks from
    /// Monday 23 March 2026, and every hour of the eve of each of the calendar's holidays in 2026, in local time of
    /// the calendar. The message names the first such alert. Paths are like <see cref="Warnings"/>'.
    /// </summary>
    internal IReadOnlyList<PolicyProblem> TargetOrderWarnings(BusinessCalendar calendar)
    {
        var warnings = new List<PolicyProblem>();
        Instant[]? sample = null;
        for (var i = 0; i + 1 < _levels.Length; i++)
        {
            var (severe, lesser) = (_levels[i], _levels[i + 1]);
            foreach (var (member, mine, theirs) in (ReadOnlySpan<(string, ResponseTarget, ResponseTarget)>)[
                ("acknowledge", severe.AcknowledgementTarget, lesser.AcknowledgementTarget),
                ("respond", severe.ResponseTarget, lesser.ResponseTarget)])
            {
                if (SameKind(mine, theirs))
                {
                    continue;
                }

                sample ??= Sample(calendar);
                if (FirstLater(mine, theirs, calendar, sample) is { } alert)
                {
                    var local = alert.InZone(calendar.Zone);
                    warnings.Add(new PolicyProblem(
                        $"[{SourceIndex[i]}].{member}",
                        string.Create(CultureInfo.InvariantCulture,
                            $"{severe.Id} allows {mine} to {member}, slower than {lesser.Id}'s {theirs} for an alert at {HumanText.Format(alert)} ({local.DayOfWeek} {local.ToString("yyyy'-'MM'-'dd HH':'mm", CultureInfo.InvariantCulture)} {calendar.Zone.Id}); a more severe level is usually at least as fast")));
                }
            }
        }

        return warnings;
    }

    private static Instant? FirstLater(ResponseTarget mine, ResponseTarget theirs, BusinessCalendar calendar, Instant[] sample)
    {
        foreach (var alert in sample)
        {
            var myDue = mine.DueAfter(alert, calendar);
            var theirDue = theirs.DueAfter(alert, calendar);
            if (theirDue is { } t && (myDue is not { } m || m > t))
            {
                return alert;
            }
        }

        return null;
    }

    private static Instant[] Sample(BusinessCalendar calendar)
    {
        var locals = new List<LocalDateTime>();
        var days = Enumerable.Range(0, 14).Select(SampleStart.PlusDays)
            .Concat(calendar.HolidayDatesIn(SampleYear).Select(d => d.PlusDays(-1)));
        foreach (var day in days)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                locals.Add(day.At(new LocalTime(hour, 0)));
            }
        }

        return locals.Select(l => l.InZoneLeniently(calendar.Zone).ToInstant()).Distinct().Order().ToArray();
    }
}
