using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>
/// Composable FsCheck generators (<see cref="Gen{T}"/>) for IncidentPolicy: instants within a window, durations,
/// business calendars over real tzdb zones (DST-observing ones included), severity scales, whole valid policies,
/// escalation sections, on-call schedules, commands, event logs and — the key one — valid incident histories for a
/// given policy (<see cref="Histories(ResponsePolicy)"/>).
/// </summary>
/// <remarks>
/// <para>Every member is a pure description of random values: combine them with LINQ query syntax
/// (<c>from policy in IncidentGen.Policies from at in IncidentGen.Instants select …</c>) and turn them into
/// arbitraries with <c>ToArbitrary()</c>, or use <see cref="IncidentArbitraries"/> for shrinking ones.</para>
/// <para>Nothing here reads the wall clock: instants come from fixed windows. Thread-safe.</para>
/// </remarks>
public static partial class IncidentGen
{
    /// <summary>The tzdb zones the calendar and schedule generators use: two that observe DST in opposite
    /// hemispheres and at different local hours (Europe/Berlin, America/New_York), one with a half-hour DST shift
    /// (Australia/Lord_Howe), one with a half-hour offset and no DST (Asia/Kolkata), and UTC.</summary>
    public static IReadOnlyList<string> ZoneIds { get; } =
        ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

    /// <summary>The start of the default instant window of <see cref="Instants"/>: 2025-01-01T00:00Z.</summary>
    public static Instant WindowStart { get; } = Instant.FromUtc(2025, 1, 1, 0, 0);

    /// <summary>The end of the default instant window of <see cref="Instants"/>: four leap-year-long years after
    /// <see cref="WindowStart"/> (2029-01-04T00:00Z), so every DST transition of 2025–2028 is inside.</summary>
    public static Instant WindowEnd { get; } = Instant.FromUtc(2025, 1, 1, 0, 0) + Duration.FromDays(4 * 366);

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

    private static readonly Gen<Holiday> RuleHoliday =
        from rule in Gen.OneOf(
            from offset in Gen.Choose(-63, 60)
            from orthodox in Gen.Elements(false, true)
            select Holiday.Easter(offset, orthodox ? EasterReckoning.Orthodox : EasterReckoning.Western),
            from month in Gen.Choose(1, 12)
            from weekday in Gen.Choose(1, 7)
            from nth in Gen.Elements(1, 2, 3, 4, 5, -1)
            select Holiday.NthWeekday(month, (IsoDayOfWeek)weekday, nth),
            AnnualHoliday)
        from shift in Gen.Elements(HolidayShift.None, HolidayShift.NearestWeekday, HolidayShift.FollowingWeekday)
        from first in Gen.Elements<int?>(null, 2020, 2026)
        from length in Gen.Elements<int?>(null, 0, 3)
        select rule.WithObserved(shift).WithYears(first, first + length);

    /// <summary>Time zones from <see cref="ZoneIds"/>, resolved from <see cref="DateTimeZoneProviders.Tzdb"/>.</summary>
    public static Gen<DateTimeZone> Zones { get; } = Gen.Elements(ZoneIds.ToArray()).Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>Business calendars over the real tzdb zones of <see cref="ZoneIds"/> with random working days, opening
    /// hours that often sit on DST transitions, per-weekday hours, one-off holidays (single and in runs), annual
    /// ones, and rules (Easter-relative, nth or last weekday of a month, moved off weekends, limited to years).</summary>
    public static Gen<BusinessCalendar> Calendars { get; } =
        from zone in Zones
        from days in Gen.SubListOf(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)).Where(d => d.Count > 0)
        from hours in AnyHours
        from own in Gen.ListOf(Gen.Zip(Gen.Elements(days.ToArray()), AnyHours), 3)
        from oneOff in Gen.ListOf(OneOffHoliday, 6)
        from run in HolidayRun
        from annual in Gen.ListOf(AnnualHoliday, 3)
        from rules in Gen.ListOf(RuleHoliday, 3)
        select new BusinessCalendar(
            zone,
            days,
            hours,
            oneOff.Concat(run).Concat(annual).Concat(rules).Distinct(),
            own.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    /// <summary>Instants to the minute within the default window, <see cref="WindowStart"/> to <see cref="WindowEnd"/>
    /// (2025–2028).</summary>
    public static Gen<Instant> Instants { get; } = InstantsWithin(WindowStart, WindowEnd);

    /// <summary>Instants to the minute from <paramref name="start"/> to <paramref name="end"/>, both included when
    /// they fall on a whole minute after <paramref name="start"/>.</summary>
    /// <param name="start">The earliest instant.</param>
    /// <param name="end">The latest instant; not before <paramref name="start"/>.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>, or the window
    /// is longer than <see cref="int.MaxValue"/> minutes.</exception>
    public static Gen<Instant> InstantsWithin(Instant start, Instant end)
    {
        var minutes = (end - start).TotalMinutes;
        if (minutes is < 0 or > int.MaxValue)
        {
            throw new ArgumentException($"The window {start}–{end} is empty or too long.", nameof(end));
        }

        return Gen.Choose(0, (int)minutes).Select(m => start + Duration.FromMinutes(m));
    }

    /// <summary>Durations to the minute from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="min">The shortest duration, rounded down to a whole minute.</param>
    /// <param name="max">The longest duration, rounded down to a whole minute; not shorter than <paramref name="min"/>.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException"><paramref name="max"/> is shorter than <paramref name="min"/>, or either is
    /// more than <see cref="int.MaxValue"/> minutes long.</exception>
    public static Gen<Duration> Durations(Duration min, Duration max)
    {
        var low = Math.Floor(min.TotalMinutes);
        var high = Math.Floor(max.TotalMinutes);
        if (high < low || low < int.MinValue || high > int.MaxValue)
        {
            throw new ArgumentException($"No durations between {min} and {max}.", nameof(max));
        }

        return Gen.Choose((int)low, (int)high).Select(m => Duration.FromMinutes(m));
    }

    /// <summary>Positive durations with odd seconds and fractions (up to 72 h in minutes, about 139 h in seconds, about
    /// 83 min in milliseconds), so a writer's hours/minutes/seconds form is exercised.</summary>
    public static Gen<Duration> PositiveDurations { get; } = Gen.OneOf(
        Gen.Choose(1, 72 * 60).Select(m => Duration.FromMinutes(m)),
        Gen.Choose(1, 500_000).Select(s => Duration.FromSeconds(s)),
        Gen.Choose(1, 5_000_000).Select(ms => Duration.FromMilliseconds(ms)));

    private static readonly Gen<Duration?> OptionalDurations =
        Gen.OneOf(Gen.Constant((Duration?)null), PositiveDurations.Select(d => (Duration?)d));
}
