using System.Collections.ObjectModel;
using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// When people are at work: an IANA time zone, the working days of the week, their opening and
/// closing local times, and holidays. Response targets "in business hours", "next business day" and
/// "in N business days" are measured with it.
/// </summary>
/// <remarks>
/// <para>Working time is the half-open interval [opens, closes) in local time on each working day that
/// is not a holiday. On a date whose working hours contain a daylight-saving transition, local times
/// that the transition skips are shifted forward by the gap and repeated ones take the earlier
/// instant, and the working time that day is the elapsed time between the resulting instants.</para>
/// <para>Every query costs the same however long a weekend or holiday run it crosses: whole
/// non-working days are skipped, never stepped through minute by minute.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class BusinessCalendar : IEquatable<BusinessCalendar>
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    // Precomputed from WorkingDays, WeekdayHours and Holidays, which never change after construction.
    private readonly WorkingDates _dates;

    /// <summary>The default calendar: UTC, Monday to Friday 09:00–17:00, no holidays.</summary>
    public static BusinessCalendar Default { get; } =
        new(DateTimeZone.Utc, MondayToFriday, WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)));

    /// <summary>Creates a calendar, checking it all at once.</summary>
    /// <param name="zone">The time zone working hours are in; use a zone from
    /// <see cref="NodaTime.DateTimeZoneProviders.Tzdb"/> so policy files can name it.</param>
    /// <param name="workingDays">The days of the week that have working hours; at least one, none twice.</param>
    /// <param name="hours">Opening and closing times on every working day without its own hours.</param>
    /// <param name="holidays">Holidays: dates, annual dates, rules and countries (<see cref="Holiday"/>); none twice, one-off dates within
    /// <see cref="Limits.MinDate"/> … <see cref="Limits.MaxDate"/>. Optional.</param>
    /// <param name="weekdayHours">Hours for particular working days that differ from <paramref name="hours"/>;
    /// each key must be one of <paramref name="workingDays"/>. Optional.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or <paramref name="workingDays"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The calendar is invalid; every problem is listed with a path
    /// such as <c>workingDays[2]</c> or <c>holidays[0]</c>.</exception>
    public BusinessCalendar(
        DateTimeZone zone,
        IEnumerable<IsoDayOfWeek> workingDays,
        WorkingHours hours,
        IEnumerable<Holiday>? holidays = null,
        IReadOnlyDictionary<IsoDayOfWeek, WorkingHours>? weekdayHours = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(workingDays);
        var days = workingDays.ToList();
        var holidayList = holidays?.ToList() ?? [];
        var own = weekdayHours is null
            ? new Dictionary<IsoDayOfWeek, WorkingHours>()
            : new Dictionary<IsoDayOfWeek, WorkingHours>(weekdayHours);

        var problems = new ProblemList();
        Validate(days.Select(d => (IsoDayOfWeek?)d).ToList(), holidayList.Select(h => (Holiday?)h).ToList(), own.Keys.ToList(), problems, "");
        problems.ThrowIfAny();

        Zone = zone;
        Hours = hours;
        WorkingDays = days.Order().ToList().AsReadOnly();
        WeekdayHours = new ReadOnlyDictionary<IsoDayOfWeek, WorkingHours>(
            own.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value));
        Holidays = holidayList.AsReadOnly();
        _dates = new WorkingDates(HoursOn, Holidays);
    }

    /// <summary>The time zone working hours are in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The working days, Monday first.</summary>
    public IReadOnlyList<IsoDayOfWeek> WorkingDays { get; }

    /// <summary>Opening and closing times on working days without their own hours.</summary>
    public WorkingHours Hours { get; }

    /// <summary>Working days whose hours differ from <see cref="Hours"/>, Monday first; often empty.</summary>
    public IReadOnlyDictionary<IsoDayOfWeek, WorkingHours> WeekdayHours { get; }

    /// <summary>The holidays as given (dates, annual dates, rules and countries), in the order they were given.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>The working hours on a day of the week, or <see langword="null"/> when it is not a working day.</summary>
    /// <param name="day">A day of the week.</param>
    /// <returns>That day's hours, or <see langword="null"/>.</returns>
    public WorkingHours? HoursOn(IsoDayOfWeek day) =>
        WeekdayHours.TryGetValue(day, out var own) ? own : WorkingDays.Contains(day) ? Hours : null;

    /// <summary>Whether <paramref name="date"/> is a holiday of this calendar (whatever day of the week it is).</summary>
    /// <param name="date">A local date in the ISO calendar.</param>
    /// <returns><see langword="true"/> when a holiday of the calendar falls (or is observed) on it.</returns>
    public bool IsHoliday(LocalDate date) => _dates.IsHoliday(WorkingDates.EpochDay(date));

    /// <summary>Whether <paramref name="date"/> has working hours: a working day of the week that is not a holiday.</summary>
    /// <param name="date">A local date in the ISO calendar.</param>
    /// <returns><see langword="true"/> for a working date.</returns>
    public bool IsWorkingDay(LocalDate date) => _dates.IsWorkingDate(WorkingDates.EpochDay(date));

    /// <summary>Whether <paramref name="instant"/> falls within working time.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns><see langword="true"/> when it is within [opens, closes) of a working date, as mapped to instants.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range
    /// (<see cref="Limits"/>).</exception>
    public bool IsWorkingTime(Instant instant)
    {
        TimeMath.CheckInput(instant, nameof(instant));
        return FirstClosingAfter(instant) is { } interval && interval.Opens <= instant;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> that is working time:
    /// <paramref name="instant"/> itself when it is working time, else the next opening.</summary>
    /// <param name="instant">An instant within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The next opening, or <paramref name="instant"/>; <see langword="null"/> (never) when the calendar does
    /// not open again by <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public Instant? NextOpening(Instant instant)
    {
        TimeMath.CheckInput(instant, nameof(instant));
        if (FirstClosingAfter(instant) is not { } interval)
        {
            return null;
        }

        return interval.Opens <= instant ? instant : interval.Opens;
    }

    /// <summary>
    /// Adds working time: "4 hours (business hours)" after an alert is <c>AddWorkingTime(alert, 4 h)</c>.
    /// </summary>
    /// <remarks>Counting starts at <paramref name="start"/> if it is working time, else at the next opening.
    /// A result exactly at closing stays at closing rather than moving to the next opening.
    /// <c>AddWorkingTime(t, Duration.Zero)</c> is <c>t</c>.</remarks>
    /// <param name="start">Where counting starts; within the supported range (<see cref="Limits"/>).</param>
    /// <param name="workingTime">How much working time to add; zero or positive.</param>
    /// <returns>The instant at which that much working time has passed; <see langword="null"/> (never) when it would
    /// not have passed by <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingTime"/> is negative, or
    /// <paramref name="start"/> is outside the supported range.</exception>
    public Instant? AddWorkingTime(Instant start, Duration workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, Duration.Zero);
        TimeMath.CheckInput(start, nameof(start));
        if (workingTime == Duration.Zero)
        {
            return start;
        }

        var at = start;
        var remaining = workingTime;
        var next = FirstClosingAfter(start);
        while (next is { } interval)
        {
            if (interval.Opens > at)
            {
                at = interval.Opens;
            }

            var leftToday = interval.Closes - at;
            if (remaining <= leftToday)
            {
                // Equal means the result is the closing instant itself, not the next opening.
                return TimeMath.Plus(at, remaining);
            }

            remaining -= leftToday;
            at = interval.Closes;
            next = NextInterval(interval.Day + 1, at);
        }

        return null;
    }

    /// <summary>
    /// "Next business day": the closing time of the first working day strictly after the local date of
    /// <paramref name="instant"/>.
    /// </summary>
    /// <remarks>The local date is the one in <see cref="Zone"/>. A date whose working hours a daylight-saving
    /// transition leaves empty does not count as a working day here.</remarks>
    /// <param name="instant">Typically the alert; within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The closing instant of the next working day; <see langword="null"/> (never) when there is none by
    /// <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public Instant? NextBusinessDayClose(Instant instant)
    {
        TimeMath.CheckInput(instant, nameof(instant));
        return NextInterval(WorkingDates.EpochDay(instant, Zone) + 1, instant)?.Closes;
    }

    /// <summary>
    /// "<paramref name="days"/> business days": the closing time of the <paramref name="days"/>th working day strictly
    /// after the local date of <paramref name="instant"/>. <c>CloseOfBusinessDay(alert, 1)</c> is
    /// <see cref="NextBusinessDayClose"/>.
    /// </summary>
    /// <remarks>The local date is the one in <see cref="Zone"/>; holidays, each weekday's own hours and daylight-saving
    /// changes count as they do for <see cref="NextBusinessDayClose"/>. A Berlin calendar open Monday to Friday with
    /// German holidays and 24 December as a day off of its own gives an alert on Wednesday 23 December 2026 five
    /// business days to the close of Monday 4 January 2027. The cost grows with
    /// <paramref name="days"/>, not with the runs of days off between them.</remarks>
    /// <param name="instant">Typically the alert; within the supported range (<see cref="Limits"/>).</param>
    /// <param name="days">How many working days, 1 to <see cref="Limits.MaxBusinessDays"/>.</param>
    /// <returns>The closing instant of that working day; <see langword="null"/> (never) when there is none by
    /// <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range, or
    /// <paramref name="days"/> is below 1 or above <see cref="Limits.MaxBusinessDays"/>.</exception>
    public Instant? CloseOfBusinessDay(Instant instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, Limits.MaxBusinessDays);
        TimeMath.CheckInput(instant, nameof(instant));
        var interval = NextInterval(WorkingDates.EpochDay(instant, Zone) + 1, instant);
        for (var counted = 1; counted < days && interval is { } previous; counted++)
        {
            interval = NextInterval(previous.Day + 1, previous.Closes);
        }

        return interval?.Closes;
    }

    /// <summary>The dates of <paramref name="year"/> that are holidays of this calendar, in order: every rule's dates,
    /// moved off weekends where a rule says so, and the dates of its countries' holidays.</summary>
    /// <param name="year">A year from <see cref="Limits.MinDate"/>'s to <see cref="Limits.MaxDate"/>'s.</param>
    /// <returns>The holiday dates, earliest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside the supported years.</exception>
    public IReadOnlyList<LocalDate> HolidayDatesIn(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, Limits.MinDate.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, Limits.MaxDate.Year);
        return _dates.HolidaysIn(year).Order().ToList().AsReadOnly();
    }

    /// <summary>The working time within [<paramref name="from"/>, <paramref name="to"/>);
    /// <see cref="Duration.Zero"/> when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    /// <param name="from">Start, inclusive; within the supported range (<see cref="Limits"/>).</param>
    /// <param name="to">End, exclusive; within the supported range.</param>
    /// <returns>The working time between the two instants.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range.</exception>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        TimeMath.CheckInput(from, nameof(from));
        TimeMath.CheckInput(to, nameof(to));
        var total = Duration.Zero;
        if (to <= from)
        {
            return total;
        }

        var at = from;
        var next = FirstClosingAfter(from);
        while (next is { } interval && interval.Opens < to)
        {
            var start = interval.Opens > at ? interval.Opens : at;
            var end = interval.Closes < to ? interval.Closes : to;
            total += end - start;
            if (interval.Closes >= to)
            {
                break;
            }

            at = interval.Closes;
            next = NextInterval(interval.Day + 1, at);
        }

        return total;
    }

    /// <summary>Describes the calendar, e.g. <c>Europe/Berlin, Mon–Fri 09:00–17:00, 3 holidays</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var days = string.Join(",", WorkingDays.Select(d => d.ToString()[..3]));
        var own = string.Concat(WeekdayHours.Select(p => string.Create(CultureInfo.InvariantCulture, $", {p.Key.ToString()[..3]} {p.Value}")));
        var holidays = Holidays.Count switch { 0 => "no holidays", 1 => "1 holiday", var n => $"{n} holidays" };
        return $"{Zone.Id}, {days} {Hours}{own}, {holidays}";
    }

    /// <inheritdoc/>
    public bool Equals(BusinessCalendar? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Zone.Id == other.Zone.Id
                && Hours == other.Hours
                && WorkingDays.SequenceEqual(other.WorkingDays)
                && WeekdayHours.Count == other.WeekdayHours.Count
                && WeekdayHours.All(p => other.WeekdayHours.TryGetValue(p.Key, out var h) && h == p.Value)
                && Holidays.SequenceEqual(other.Holidays)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessCalendar);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Zone.Id, Hours, WorkingDays.Count, Holidays.Count);

    /// <summary>The first working interval that closes after <paramref name="instant"/>: the one containing it,
    /// or the next.</summary>
    /// <remarks>The search starts a day before the instant's local date: when a transition shifts a closing time
    /// forward past midnight, the previous date's working time can reach into this one.</remarks>
    private WorkingInterval? FirstClosingAfter(Instant instant) =>
        NextInterval(WorkingDates.EpochDay(instant, Zone) - 1, instant);

    /// <summary>The last date whose working time a search looks at: the day after <see cref="Limits.LatestResult"/>'s
    /// date in UTC, since a zone's local date can be a day ahead of UTC's.</summary>
    private static readonly int LastSearchDay = WorkingDates.EpochDay(Limits.LatestResult, DateTimeZone.Utc) + 1;

    /// <summary>The working interval of the first working date on or after <paramref name="day"/> that has
    /// working time and closes after <paramref name="after"/>; <see langword="null"/> when there is none that opens by
    /// <see cref="Limits.LatestResult"/>.</summary>
    private WorkingInterval? NextInterval(int day, Instant after)
    {
        while (true)
        {
            day = _dates.Next(day, LastSearchDay);
            if (day > LastSearchDay)
            {
                return null;
            }

            var hours = _dates.HoursOnWorkingDate(day);
            var opens = LenientResolver.Resolve(Zone, WorkingDates.LocalAsUtc(day, hours.OpeningTime));
            var closes = hours.ClosesAtEndOfDay
                ? LenientResolver.Resolve(Zone, WorkingDates.LocalAsUtc(day + 1, LocalTime.Midnight))
                : LenientResolver.Resolve(Zone, WorkingDates.LocalAsUtc(day, hours.ClosingTime));

            // A transition can leave a date without working time, e.g. when a gap across midnight shifts a
            // late opening past the closing; such a date is passed over like a holiday.
            if (opens > Limits.LatestResult)
            {
                return null;
            }

            if (closes > opens && closes > after)
            {
                return new WorkingInterval(day, opens, closes);
            }

            day++;
        }
    }

    /// <summary>
    /// Checks the parts of a calendar that can be wrong together. Entries that are
    /// <see langword="null"/> failed to parse and were reported already; they keep their index.
    /// </summary>
    internal static void Validate(
        IReadOnlyList<IsoDayOfWeek?> workingDays,
        IReadOnlyList<Holiday?> holidays,
        IReadOnlyCollection<IsoDayOfWeek> weekdayHoursDays,
        ProblemList problems,
        string path)
    {
        var daysPath = ProblemList.Join(path, "workingDays");
        if (workingDays.Count == 0)
        {
            problems.AddMissing(daysPath, "at least one working day is required");
        }

        var seenDays = new HashSet<IsoDayOfWeek>();
        for (var i = 0; i < workingDays.Count; i++)
        {
            if (workingDays[i] is not { } day)
            {
                continue;
            }

            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                problems.Add(ProblemList.Index(daysPath, i), $"{(int)day} is not a day of the week");
            }
            else if (!seenDays.Add(day))
            {
                problems.Add(ProblemList.Index(daysPath, i), $"{DayName(day)} is listed twice");
            }
        }

        foreach (var day in weekdayHoursDays.Order())
        {
            if (!seenDays.Contains(day) && workingDays.All(d => d is not null))
            {
                problems.Add(
                    ProblemList.Join(ProblemList.Join(path, "weekdayHours"), DayName(day)),
                    $"{DayName(day)} has its own hours but is not one of the working days");
            }
        }

        var holidaysPath = ProblemList.Join(path, "holidays");
        var seenHolidays = new HashSet<Holiday>();
        for (var i = 0; i < holidays.Count; i++)
        {
            if (holidays[i] is not { } holiday)
            {
                continue;
            }

            if (holiday.Date is { } date && !StorableValues.CheckDate(date, problems, ProblemList.Index(holidaysPath, i)))
            {
                continue;
            }

            if (!seenHolidays.Add(holiday))
            {
                problems.Add(ProblemList.Index(holidaysPath, i), $"{holiday} is listed twice");
            }
        }

        if (seenHolidays.Count(h => h.IsAnnual) >= 366)
        {
            problems.Add(holidaysPath, "every day of the year is an annual holiday, so there would never be working time");
        }
    }

    /// <summary>The camelCase English name policy files use for a day: <c>monday</c>.</summary>
    internal static string DayName(IsoDayOfWeek day) =>
        day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday
            ? day.ToString().ToLowerInvariant()
            : ((int)day).ToString(CultureInfo.InvariantCulture);
}
