using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>What kind of rule a <see cref="Holiday"/> is.</summary>
public enum HolidayKind
{
    /// <summary>One date, <c>2026-12-25</c>.</summary>
    Date,

    /// <summary>The same month and day every year, <c>--12-25</c>.</summary>
    Annual,

    /// <summary>A number of days before or after Easter Sunday (Western or Orthodox): Easter Monday is +1.</summary>
    Easter,

    /// <summary>The nth (1–5) or the last given weekday of a month: Thanksgiving is the fourth Thursday of November.</summary>
    WeekdayOfMonth,

    /// <summary>A country's (or region's) public holidays from an <see cref="IHolidaySource"/>.</summary>
    Country,
}

/// <summary>How a holiday that falls on a Saturday or Sunday moves to a weekday.</summary>
public enum HolidayShift
{
    /// <summary>It stays where it falls.</summary>
    None,

    /// <summary>As US federal holidays: Saturday to the Friday before, Sunday to the Monday after.</summary>
    NearestWeekday,

    /// <summary>As UK bank holidays ("substitute day"): Saturday or Sunday to the next weekday that is not already a
    /// holiday of the calendar, so Christmas and Boxing Day on a weekend become Monday and Tuesday.</summary>
    FollowingWeekday,
}

/// <summary>
/// A day off in a <see cref="BusinessCalendar"/>: one date (<c>2026-12-25</c>), a date that recurs every year
/// (<c>--12-25</c>, ISO 8601's notation for a month and day without a year), a day relative to Easter, the nth or
/// last weekday of a month, or a country's public holidays from an <see cref="IHolidaySource"/>.
/// </summary>
/// <remarks>
/// <para>An annual holiday on 29 February applies only in leap years; it does not move to 28 February. The nth
/// weekday of a month that has no such weekday (a fifth Monday) does not happen that year.</para>
/// <para>Rules other than one-off dates and countries may have a name, a first and last year (both included), and
/// a <see cref="HolidayShift"/> for when they fall on a weekend: then the day off moves, and the weekend date itself
/// is not a holiday.</para>
/// <para>The <c>default</c> value is the one-off holiday on <see cref="LocalDate"/>'s default date (1 January 1 CE).
/// This type is an immutable value and thread-safe. Two holidays are equal when they are written the same; a
/// country holiday is equal to another of the same country and region whatever source resolved it.</para>
/// </remarks>
public readonly record struct Holiday
{
    /// <summary>The largest distance from Easter Sunday, in days, of an Easter-relative holiday.</summary>
    public const int MaxEasterOffset = 200;

    private readonly LocalDate _date;
    private readonly AnnualDate _annual;

    private Holiday(HolidayKind kind, LocalDate date = default, AnnualDate annual = default)
    {
        Kind = kind;
        _date = date;
        _annual = annual;
    }

    /// <summary>What kind of rule this is.</summary>
    public HolidayKind Kind { get; private init; }

    /// <summary>Whether the holiday recurs every year on one month and day (<see cref="AnnualDate"/>).</summary>
    public bool IsAnnual => Kind == HolidayKind.Annual;

    /// <summary>The date of a one-off holiday, or <see langword="null"/> for any other kind.</summary>
    public LocalDate? Date => Kind == HolidayKind.Date ? _date : null;

    /// <summary>The month and day of an annual holiday, or <see langword="null"/> for any other kind.</summary>
    public AnnualDate? AnnualDate => IsAnnual ? _annual : null;

    /// <summary>The holiday's name, or <see langword="null"/> when it has none.</summary>
    public string? Name { get; private init; }

    /// <summary>Days after Easter Sunday (negative: before) of an Easter-relative holiday; otherwise <see langword="null"/>.</summary>
    public int? EasterOffset => Kind == HolidayKind.Easter ? Offset : null;

    /// <summary>Which Easter an Easter-relative holiday is reckoned from; <see cref="EasterReckoning.Western"/> for other kinds.</summary>
    public EasterReckoning Reckoning { get; private init; }

    /// <summary>The month (1–12) of a weekday-of-month holiday; otherwise <see langword="null"/>.</summary>
    public int? Month => Kind == HolidayKind.WeekdayOfMonth ? Offset : null;

    /// <summary>The weekday of a weekday-of-month holiday; otherwise <see langword="null"/>.</summary>
    public IsoDayOfWeek? Weekday => Kind == HolidayKind.WeekdayOfMonth ? WeekdayValue : null;

    /// <summary>Which occurrence of <see cref="Weekday"/> in the month (1–5, or −1 for the last) a weekday-of-month
    /// holiday is; otherwise <see langword="null"/>.</summary>
    public int? Nth => Kind == HolidayKind.WeekdayOfMonth ? NthValue : null;

    /// <summary>How the holiday moves off a weekend.</summary>
    public HolidayShift Observed { get; private init; }

    /// <summary>The first year the rule applies, or <see langword="null"/> for no first year.</summary>
    public int? FirstYear { get; private init; }

    /// <summary>The last year the rule applies, or <see langword="null"/> for no last year.</summary>
    public int? LastYear { get; private init; }

    /// <summary>The ISO 3166-1 country code of a country holiday, as written; otherwise <see langword="null"/>.</summary>
    public string? Country { get; private init; }

    /// <summary>The region of a country holiday, as written, or <see langword="null"/> for the whole country.</summary>
    public string? Region { get; private init; }

    private int Offset { get; init; }

    private Func<int, IReadOnlyList<HolidayDate>>? Source { get; init; }

    private IsoDayOfWeek WeekdayValue { get; init; }

    private int NthValue { get; init; }

    /// <summary>A holiday on one date.</summary>
    /// <param name="date">The date, in the ISO calendar.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public static Holiday On(LocalDate date)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("Holidays are dates in the ISO calendar.", nameof(date));
        }

        return new Holiday(HolidayKind.Date, date: date);
    }

    /// <summary>A holiday on the same month and day every year.</summary>
    /// <param name="date">The month and day.</param>
    /// <returns>The holiday.</returns>
    public static Holiday Every(AnnualDate date) => new(HolidayKind.Annual, annual: date);

    /// <summary>A holiday a number of days from Easter Sunday: Good Friday is −2, Easter Monday +1, Ascension +39,
    /// Whit Monday +50.</summary>
    /// <param name="offsetDays">Days after Easter Sunday (negative: before), at most <see cref="MaxEasterOffset"/> either way.</param>
    /// <param name="reckoning">Western (Gregorian) or Orthodox (Julian) Easter.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="PolicyValidationException">The offset is out of range (path <c>easter</c>) or the reckoning
    /// is not one of the enum's values (path <c>reckoning</c>).</exception>
    public static Holiday Easter(int offsetDays, EasterReckoning reckoning = EasterReckoning.Western)
    {
        var problems = new ProblemList();
        if (Math.Abs(offsetDays) > MaxEasterOffset)
        {
            problems.Add("easter", $"{offsetDays} days from Easter is too far; at most {MaxEasterOffset} days either way");
        }

        if (reckoning is not (EasterReckoning.Western or EasterReckoning.Orthodox))
        {
            problems.Add("reckoning", $"{(int)reckoning} is not an Easter reckoning");
        }

        problems.ThrowIfAny();
        return new Holiday(HolidayKind.Easter) { Offset = offsetDays, Reckoning = reckoning };
    }

    /// <summary>A holiday on the nth given weekday of a month: Thanksgiving is <c>NthWeekday(11, Thursday, 4)</c>.</summary>
    /// <param name="month">The month, 1–12.</param>
    /// <param name="weekday">The day of the week.</param>
    /// <param name="nth">Which occurrence: 1–5, or −1 for the last (see also <see cref="LastWeekday"/>).</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="PolicyValidationException">A value is out of range (paths <c>month</c>, <c>weekday</c>,
    /// <c>nth</c>).</exception>
    public static Holiday NthWeekday(int month, IsoDayOfWeek weekday, int nth)
    {
        var problems = new ProblemList();
        if (month is < 1 or > 12)
        {
            problems.Add("month", $"{month} is not a month; write 1 to 12");
        }

        if (weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            problems.Add("weekday", $"{(int)weekday} is not a day of the week");
        }

        if (nth is not (>= 1 and <= 5 or -1))
        {
            problems.Add("nth", $"{nth} is not an occurrence in a month; write 1 to 5, or -1 for the last");
        }

        problems.ThrowIfAny();
        return new Holiday(HolidayKind.WeekdayOfMonth) { Offset = month, WeekdayValue = weekday, NthValue = nth };
    }

    /// <summary>A holiday on the last given weekday of a month: the US Memorial Day is <c>LastWeekday(5, Monday)</c>.</summary>
    /// <param name="month">The month, 1–12.</param>
    /// <param name="weekday">The day of the week.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="PolicyValidationException">A value is out of range (paths <c>month</c>, <c>weekday</c>).</exception>
    public static Holiday LastWeekday(int month, IsoDayOfWeek weekday) => NthWeekday(month, weekday, -1);

    /// <summary>The public holidays of a country, or of a region of it, from a ready-made source such as the
    /// <c>IncidentPolicy.PublicHolidays</c> package.</summary>
    /// <param name="source">The source that resolves the country.</param>
    /// <param name="country">An ISO 3166-1 alpha-2 code, e.g. <c>DE</c>.</param>
    /// <param name="region">A region as the source names it, e.g. <c>BE</c>; <see langword="null"/> for the whole country.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="country"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The source does not know the country or region (path
    /// <c>country</c>, or <c>region</c> when the country is known), or a code is not storable.</exception>
    public static Holiday FromSource(IHolidaySource source, string country, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(country);
        var problems = new ProblemList();
        var known = problems.CheckText(country, StorableText.Shape.Id, "the country", "country")
            & problems.CheckText(region, StorableText.Shape.Id, "the region", "region");
        Func<int, IReadOnlyList<HolidayDate>>? years = null;
        if (known && !source.TryGet(country, region, out years, out var reason))
        {
            problems.Add(region is not null && source.TryGet(country, null, out _, out _) ? "region" : "country", reason);
        }

        problems.ThrowIfAny();
        return new Holiday(HolidayKind.Country) { Country = country, Region = region, Source = years };
    }

    /// <summary>The same holiday with a name.</summary>
    /// <param name="name">A one-line name such as <c>Easter Monday</c>, or <see langword="null"/> for none.</param>
    /// <returns>The named holiday.</returns>
    /// <exception cref="PolicyValidationException">A country holiday cannot be named (its source names its days), or
    /// the name is not storable (path <c>name</c>).</exception>
    public Holiday WithName(string? name)
    {
        var problems = new ProblemList();
        problems.CheckText(name, StorableText.Shape.Line, "the name", "name");
        if (Kind == HolidayKind.Country && name is not null)
        {
            problems.Add("name", "a country's holidays take their names from the source; a name cannot be given");
        }

        problems.ThrowIfAny();
        return this with { Name = name };
    }

    /// <summary>The same holiday moving off weekends as <paramref name="shift"/> says.</summary>
    /// <param name="shift">How the holiday moves off a Saturday or Sunday.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="PolicyValidationException">The holiday is a country's (its source moves its days already), or
    /// the shift is not one of the enum's values (path <c>observed</c>).</exception>
    public Holiday WithObserved(HolidayShift shift)
    {
        var problems = new ProblemList();
        if (shift is < HolidayShift.None or > HolidayShift.FollowingWeekday)
        {
            problems.Add("observed", $"{(int)shift} is not a holiday shift");
        }
        else if (Kind == HolidayKind.Country && shift != HolidayShift.None)
        {
            problems.Add("observed", "a country's holidays are moved off weekends by their source; observed cannot be given");
        }

        problems.ThrowIfAny();
        return this with { Observed = shift };
    }

    /// <summary>The same rule, applying only from <paramref name="first"/> to <paramref name="last"/> (both included).</summary>
    /// <param name="first">The first year, or <see langword="null"/> for no first year.</param>
    /// <param name="last">The last year, or <see langword="null"/> for no last year.</param>
    /// <returns>The holiday.</returns>
    /// <exception cref="PolicyValidationException">A year is outside <see cref="Limits.MinDate"/>'s to
    /// <see cref="Limits.MaxDate"/>'s year (paths <c>from</c>, <c>until</c>), the last year is before the first, or the
    /// holiday is a one-off date or a country's, which have no years.</exception>
    public Holiday WithYears(int? first, int? last)
    {
        var problems = new ProblemList();
        CheckYear(first, problems, "from");
        CheckYear(last, problems, "until");
        if (first > last)
        {
            problems.Add("until", $"the last year {last} is before the first year {first}");
        }

        if (Kind is HolidayKind.Date or HolidayKind.Country && (first is not null || last is not null))
        {
            problems.Add("from", Kind == HolidayKind.Date
                ? "a one-off date has no years; write an annual date like --12-25 to give years"
                : "a country's holidays come from their source for every year; years cannot be given");
        }

        problems.ThrowIfAny();
        return this with { FirstYear = first, LastYear = last };
    }

    /// <summary>Whether the holiday falls on <paramref name="date"/>, taken by itself: a shift off a weekend is
    /// applied, but not the moving on of a substitute day past other holidays, which needs the whole calendar
    /// (<see cref="BusinessCalendar.IsHoliday"/> answers that).</summary>
    /// <param name="date">A date in the ISO calendar.</param>
    /// <returns><see langword="true"/> when <paramref name="date"/> is this holiday.</returns>
    public bool Matches(LocalDate date)
    {
        foreach (var year in (ReadOnlySpan<int>)[date.Year - 1, date.Year, date.Year + 1])
        {
            foreach (var (actual, _) in DatesOf(year))
            {
                if (Shifted(actual, Observed) == date)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Formats as in policy files for the plain kinds (<c>2026-12-25</c>, <c>--12-25</c>) and in words for
    /// the others: <c>Easter Monday (Easter +1 day)</c>, <c>4th Thursday of November</c>, <c>DE-BE public holidays</c>.</summary>
    /// <returns>The holiday as text.</returns>
    public override string ToString()
    {
        var rule = Kind switch
        {
            HolidayKind.Easter => string.Create(CultureInfo.InvariantCulture, $"{(Reckoning == EasterReckoning.Orthodox ? "Orthodox " : "")}Easter {Offset:+0;-0;+0} day{(Math.Abs(Offset) == 1 ? "" : "s")}"),
            HolidayKind.WeekdayOfMonth => string.Create(CultureInfo.InvariantCulture,
                $"{(NthValue == -1 ? "last" : NthValue + (NthValue switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" }))} {WeekdayValue} of {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Offset)}"),
            HolidayKind.Country => $"{Country}{(Region is null ? "" : "-" + Region)} public holidays",
            _ => DateText,
        };
        if (Observed != HolidayShift.None)
        {
            rule += $", observed on the {(Observed == HolidayShift.NearestWeekday ? "nearest" : "following")} weekday";
        }

        if (FirstYear is not null || LastYear is not null)
        {
            rule += string.Create(CultureInfo.InvariantCulture, $", {FirstYear?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{LastYear?.ToString(CultureInfo.InvariantCulture) ?? "…"}");
        }

        return Name is null ? rule : $"{Name} ({rule})";
    }

    /// <inheritdoc/>
    public bool Equals(Holiday other) =>
        Kind == other.Kind && _date == other._date && _annual == other._annual && Offset == other.Offset
        && Reckoning == other.Reckoning && WeekdayValue == other.WeekdayValue && NthValue == other.NthValue
        && Observed == other.Observed && FirstYear == other.FirstYear && LastYear == other.LastYear
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Country, other.Country, StringComparison.Ordinal)
        && string.Equals(Region, other.Region, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, _date, _annual, Offset, NthValue, Name, Country, Region);

    /// <summary>The date of a one-off or annual holiday as policy files write it: <c>2026-12-25</c>, <c>--12-25</c>.</summary>
    internal string DateText => IsAnnual
        ? string.Create(CultureInfo.InvariantCulture, $"--{_annual.Month:00}-{_annual.Day:00}")
        : _date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>The dates this rule puts in <paramref name="year"/> before any shift off a weekend, with their names;
    /// for a country, the source's days off whose date falls in that year.</summary>
    internal IEnumerable<(LocalDate Date, string? Name)> DatesOf(int year)
    {
        if (year < 1 || year > 9998 || year < FirstYear || year > LastYear)
        {
            yield break;
        }

        switch (Kind)
        {
            case HolidayKind.Date when _date.Year == year:
                yield return (_date, Name);
                break;
            case HolidayKind.Annual when _annual.IsValidYear(year):
                yield return (_annual.InYear(year), Name);
                break;
            case HolidayKind.Easter:
                yield return (Calendars.Easter.Sunday(year, Reckoning).PlusDays(Offset), Name);
                break;
            case HolidayKind.WeekdayOfMonth when WeekdayOfMonth(year) is { } date:
                yield return (date, Name);
                break;
            case HolidayKind.Country when Source is not null && year is >= 1899 and <= 2301:
                foreach (var day in Source(year))
                {
                    yield return (day.Date, day.Name);
                }

                break;
        }
    }

    /// <summary>Where a holiday on <paramref name="date"/> is observed, ignoring other holidays.</summary>
    internal static LocalDate Shifted(LocalDate date, HolidayShift shift) => (shift, date.DayOfWeek) switch
    {
        (HolidayShift.NearestWeekday, IsoDayOfWeek.Saturday) => date.PlusDays(-1),
        (HolidayShift.NearestWeekday or HolidayShift.FollowingWeekday, IsoDayOfWeek.Sunday) => date.PlusDays(1),
        (HolidayShift.FollowingWeekday, IsoDayOfWeek.Saturday) => date.PlusDays(2),
        _ => date,
    };

    private LocalDate? WeekdayOfMonth(int year)
    {
        if (NthValue == -1)
        {
            var last = new LocalDate(year, Offset, CalendarSystem.Iso.GetDaysInMonth(year, Offset));
            return last.DayOfWeek == WeekdayValue ? last : last.Previous(WeekdayValue);
        }

        var first = new LocalDate(year, Offset, 1);
        var date = (first.DayOfWeek == WeekdayValue ? first : first.Next(WeekdayValue)).PlusWeeks(NthValue - 1);
        return date.Month == Offset ? date : null;
    }

    private static void CheckYear(int? year, ProblemList problems, string path)
    {
        if (year is { } y && (y < Limits.MinDate.Year || y > Limits.MaxDate.Year))
        {
            problems.Add(path, string.Create(CultureInfo.InvariantCulture, $"{y} is outside the supported years, {Limits.MinDate.Year} to {Limits.MaxDate.Year}"));
        }
    }
}
