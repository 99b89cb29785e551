using System.Numerics;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// Which local dates of a <see cref="BusinessCalendar"/> have working hours, resolved a year at a time so that finding
/// the next working date costs a few word operations per year it crosses, however its days off are made up.
/// </summary>
/// <remarks>
/// <para>Dates are numbered in days since 1970-01-01 in the ISO calendar ("epoch days"), which keeps lookups
/// to integer arithmetic and works over the whole range of <see cref="LocalDate"/>.</para>
/// <para>A calendar without holidays needs no years: weekends are skipped with a table by day of the week. With
/// holidays, each year from 1899 to 2302 is resolved the first time a query reaches it into two bit sets of its days
/// (holidays; days without working hours), kept for good. Resolving is thread-safe without locks: two threads may
/// resolve the same year at once, and the first to finish is kept. Once a year is resolved, queries in it allocate
/// nothing. Years outside that range (reachable only through <see cref="BusinessCalendar.IsHoliday"/> with a far
/// date) are resolved on every query and not kept.</para>
/// </remarks>
internal sealed class WorkingDates
{
    private const int FirstYear = 1899;
    private const int LastYear = 2302;
    private const int Words = 6; // 6 × 64 bits ≥ 366 days

    // Epoch day of 1 January of FirstYear + i, for i from 0 to the number of years (one past the last).
    private static readonly int[] YearStarts = Enumerable.Range(FirstYear, LastYear - FirstYear + 2)
        .Select(y => EpochDay(new LocalDate(y, 1, 1))).ToArray();

    // Indexed by IsoDayOfWeek (1 = Monday … 7 = Sunday); index 0 is unused.
    private readonly WorkingHours?[] _hoursByDay = new WorkingHours?[8];
    private readonly int[] _daysToWorkingWeekday = new int[8];
    private readonly Holiday[] _holidays;

    // Per year: words 0–5 the holidays, words 6–11 the days without working hours (holidays, days of the week
    // without hours, and the bits past the year's last day).
    private readonly ulong[]?[] _years;

    /// <summary>Prepares the working dates of a calendar.</summary>
    /// <param name="hoursOn">The hours on each day of the week, <see langword="null"/> on non-working days;
    /// at least one day has hours.</param>
    /// <param name="holidays">The calendar's holidays.</param>
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

        _holidays = holidays.ToArray();
        _years = _holidays.Length == 0 ? [] : new ulong[]?[LastYear - FirstYear + 1];
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

    /// <summary>The ISO date of an epoch day.</summary>
    public static LocalDate DateOf(int day) => (NodaConstants.UnixEpoch + Duration.FromDays(day)).InUtc().Date;

    /// <summary>A local date and time written as the instant at which UTC shows it; the input of
    /// <see cref="LenientResolver.Resolve"/>.</summary>
    public static Instant LocalAsUtc(int day, LocalTime time) =>
        NodaConstants.UnixEpoch + Duration.FromDays(day) + Duration.FromNanoseconds(time.NanosecondOfDay);

    /// <summary>Whether a holiday falls on <paramref name="day"/>.</summary>
    public bool IsHoliday(int day)
    {
        if (_holidays.Length == 0)
        {
            return false;
        }

        if (YearIndex(day) is not { } index)
        {
            return HolidaysIn(DateOf(day).Year).Contains(DateOf(day));
        }

        var offset = day - YearStarts[index];
        return (Year(index)[offset >> 6] & (1UL << (offset & 63))) != 0;
    }

    /// <summary>Whether <paramref name="day"/> is a working day of the week and not a holiday.</summary>
    public bool IsWorkingDate(int day) => _hoursByDay[(int)DayOfWeek(day)] is not null && !IsHoliday(day);

    /// <summary>The hours on <paramref name="day"/>, which must be a working date (see <see cref="Next"/>).</summary>
    public WorkingHours HoursOnWorkingDate(int day) => _hoursByDay[(int)DayOfWeek(day)].GetValueOrDefault();

    /// <summary>The first working date on or after <paramref name="day"/>.</summary>
    /// <returns>The date, or a date after <paramref name="last"/> when there is none by then.</returns>
    public int Next(int day, int last)
    {
        if (_holidays.Length == 0)
        {
            return day + _daysToWorkingWeekday[(int)DayOfWeek(day)];
        }

        while (day <= last)
        {
            if (YearIndex(day) is not { } index)
            {
                if (IsWorkingDate(day))
                {
                    return day;
                }

                day++;
                continue;
            }

            var bits = Year(index);
            var start = YearStarts[index];
            var offset = day - start;
            for (var word = offset >> 6; word < Words; word++)
            {
                var open = ~bits[Words + word];
                if (word == offset >> 6)
                {
                    open &= ulong.MaxValue << (offset & 63);
                }

                if (open != 0)
                {
                    return start + (word << 6) + BitOperations.TrailingZeroCount(open);
                }
            }

            day = YearStarts[index + 1];
        }

        return day;
    }

    /// <summary>The holidays of <paramref name="year"/>: each rule's dates, those moved off a weekend put where they
    /// are observed. A substitute day (<see cref="HolidayShift.FollowingWeekday"/>) moves on past every date
    /// already taken by another holiday, taken in date order.</summary>
    public HashSet<LocalDate> HolidaysIn(int year)
    {
        var taken = new HashSet<LocalDate>();
        var substitutes = new List<LocalDate>();
        foreach (var holiday in _holidays)
        {
            for (var y = year - 1; y <= year + 1; y++)
            {
                foreach (var (date, _) in holiday.DatesOf(y))
                {
                    if (holiday.Observed == HolidayShift.FollowingWeekday && date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                    {
                        substitutes.Add(date);
                    }
                    else
                    {
                        taken.Add(Holiday.Shifted(date, holiday.Observed));
                    }
                }
            }
        }

        substitutes.Sort();
        foreach (var date in substitutes)
        {
            var substitute = Holiday.Shifted(date, HolidayShift.FollowingWeekday);
            while (!taken.Add(substitute))
            {
                substitute = substitute.PlusDays(substitute.DayOfWeek == IsoDayOfWeek.Friday ? 3 : 1);
            }
        }

        taken.RemoveWhere(d => d.Year != year);
        return taken;
    }

    private static int? YearIndex(int day)
    {
        if (day < YearStarts[0] || day >= YearStarts[^1])
        {
            return null;
        }

        var index = (int)((day - YearStarts[0]) * 400L / 146_097);
        while (YearStarts[index] > day)
        {
            index--;
        }

        while (YearStarts[index + 1] <= day)
        {
            index++;
        }

        return index;
    }

    private static IsoDayOfWeek DayOfWeek(int day) =>
        // 1970-01-01 was a Thursday.
        (IsoDayOfWeek)((((day + 3) % 7) + 7) % 7 + 1);

    private ulong[] Year(int index) => Volatile.Read(ref _years[index]) ?? Resolve(index);

    private ulong[] Resolve(int index)
    {
        var bits = new ulong[2 * Words];
        var start = YearStarts[index];
        var length = YearStarts[index + 1] - start;
        foreach (var date in HolidaysIn(FirstYear + index))
        {
            var offset = EpochDay(date) - start;
            bits[offset >> 6] |= 1UL << (offset & 63);
        }

        for (var offset = 0; offset < Words * 64; offset++)
        {
            var closed = offset >= length
                || (bits[offset >> 6] & (1UL << (offset & 63))) != 0
                || _hoursByDay[(int)DayOfWeek(start + offset)] is null;
            if (closed)
            {
                bits[Words + (offset >> 6)] |= 1UL << (offset & 63);
            }
        }

        return Interlocked.CompareExchange(ref _years[index], bits, null) ?? bits;
    }
}
