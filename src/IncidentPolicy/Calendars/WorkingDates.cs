using System.Collections.Frozen;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// Which local dates of a <see cref="BusinessCalendar"/> have working hours, precomputed so that finding the
/// next working date costs the same however long a run of one-off holidays it skips.
/// </summary>
/// <remarks>
/// <para>Dates are numbered in days since 1970-01-01 in the ISO calendar ("epoch days"), which keeps lookups
/// to integer arithmetic and works over the whole range of <see cref="LocalDate"/>.</para>
/// <para>Weekends and annual holidays are still stepped over one day at a time: their runs are bounded by the
/// size of the policy (at most six non-working weekdays, at most 365 annual holidays).</para>
/// <para>Immutable and thread-safe: every collection is filled in the constructor and only read afterwards.</para>
/// </remarks>
internal sealed class WorkingDates
{
    // The three arrays below are indexed by IsoDayOfWeek (1 = Monday … 7 = Sunday) or by month (1 … 12);
    // index 0 is unused.
    private readonly WorkingHours?[] _hoursByDay = new WorkingHours?[8];
    private readonly int[] _daysToWorkingWeekday = new int[8];
    private readonly uint[] _annualByMonth = new uint[13];
    private readonly bool _hasAnnual;

    // Each one-off holiday → the first date after the run of consecutive one-off holidays it belongs to.
    private readonly FrozenDictionary<int, int> _afterOneOffRun;

    /// <summary>Precomputes the working dates of a calendar.</summary>
    /// <param name="hoursOn">The hours on each day of the week, <see langword="null"/> on non-working days;
    /// at least one day has hours.</param>
    /// <param name="holidays">One-off and annual holidays.</param>
    public WorkingDates(Func<IsoDayOfWeek, WorkingHours?> hoursOn, IEnumerable<Holiday> holidays)
    {
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            _hoursByDay[(int)day] = hoursOn(day);
        }

        for (var day = 1; day <= 7; day++)
        {
            var skip = 0;
            while (skip < 7 && _hoursByDay[((day - 1 + skip) % 7) + 1] is null)
            {
                skip++;
            }

            _daysToWorkingWeekday[day] = skip;
        }

        var oneOff = new SortedSet<int>();
        foreach (var holiday in holidays)
        {
            if (holiday.AnnualDate is { } annual)
            {
                _annualByMonth[annual.Month] |= 1u << annual.Day;
                _hasAnnual = true;
            }
            else if (holiday.Date is { } date)
            {
                oneOff.Add(EpochDay(date));
            }
        }

        var afterRun = new Dictionary<int, int>(oneOff.Count);
        foreach (var day in oneOff.Reverse())
        {
            afterRun[day] = afterRun.TryGetValue(day + 1, out var after) ? after : day + 1;
        }

        _afterOneOffRun = afterRun.ToFrozenDictionary();
    }

    /// <summary>The epoch day of <paramref name="date"/>, whatever its calendar system.</summary>
    public static int EpochDay(LocalDate date) => (date.AtMidnight().InUtc().ToInstant() - NodaConstants.UnixEpoch).Days;

    /// <summary>The epoch day of the local date in <paramref name="zone"/> at <paramref name="instant"/>.</summary>
    public static int EpochDay(Instant instant, DateTimeZone zone)
    {
        var local = instant + Duration.FromSeconds(zone.GetUtcOffset(instant).Seconds);

        // Duration.Days rounds towards negative infinity, so instants before 1970 land on the right date.
        return (local - NodaConstants.UnixEpoch).Days;
    }

    /// <summary>A local date and time written as the instant at which UTC shows it; the input of
    /// <see cref="LenientResolver.Resolve"/>.</summary>
    public static Instant LocalAsUtc(int day, LocalTime time) =>
        NodaConstants.UnixEpoch + Duration.FromDays(day) + Duration.FromNanoseconds(time.NanosecondOfDay);

    /// <summary>Whether a one-off or annual holiday falls on <paramref name="day"/>.</summary>
    public bool IsHoliday(int day) => _afterOneOffRun.ContainsKey(day) || IsAnnualHoliday(day);

    /// <summary>Whether <paramref name="day"/> is a working day of the week and not a holiday.</summary>
    public bool IsWorkingDate(int day) => _hoursByDay[(int)DayOfWeek(day)] is not null && !IsHoliday(day);

    /// <summary>The hours on <paramref name="day"/>, which must be a working date (see <see cref="Next"/>).</summary>
    public WorkingHours HoursOnWorkingDate(int day) => _hoursByDay[(int)DayOfWeek(day)].GetValueOrDefault();

    /// <summary>The first working date on or after <paramref name="day"/>.</summary>
    /// <remarks>Terminates because validation leaves at least one working weekday and at least one date of the
    /// year (in leap years at least) that is not an annual holiday, and one-off holidays are finitely many.</remarks>
    /// <returns>The date, or a date after <paramref name="last"/> when there is none by then.</returns>
    public int Next(int day, int last = int.MaxValue - 8)
    {
        while (day <= last)
        {
            if (_afterOneOffRun.TryGetValue(day, out var afterRun))
            {
                day = afterRun;
            }
            else if (_daysToWorkingWeekday[(int)DayOfWeek(day)] is var skip and > 0)
            {
                day += skip;
            }
            else if (IsAnnualHoliday(day))
            {
                day++;
            }
            else
            {
                return day;
            }
        }

        return day;
    }

    private static IsoDayOfWeek DayOfWeek(int day) =>
        // 1970-01-01 was a Thursday.
        (IsoDayOfWeek)((((day + 3) % 7) + 7) % 7 + 1);

    private bool IsAnnualHoliday(int day)
    {
        if (!_hasAnnual)
        {
            return false;
        }

        var date = (NodaConstants.UnixEpoch + Duration.FromDays(day)).InUtc().Date;
        return (_annualByMonth[date.Month] & (1u << date.Day)) != 0;
    }
}
