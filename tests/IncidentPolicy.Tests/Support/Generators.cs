using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Support;

/// <summary>FsCheck generators for calendars, instants and whole policies, shared by the property tests.</summary>
internal static class Generators
{
    public static readonly string[] ZoneIds =
        ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

    public static readonly Instant RangeStart = Instant.FromUtc(2025, 1, 1, 0, 0);
    public const int MinutesInRange = 4 * 366 * 24 * 60;

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

    /// <summary>Calendars over real tzdb zones (DST-observing ones included) with random days, hours and holidays.</summary>
    public static readonly Gen<BusinessCalendar> Calendars =
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

    /// <summary>Instants, to the minute, within 2025–2028.</summary>
    public static readonly Gen<Instant> Instants =
        Gen.Choose(0, MinutesInRange).Select(m => RangeStart + Duration.FromMinutes(m));

    /// <summary>Working times from zero to 200 hours, to the minute.</summary>
    public static readonly Gen<Duration> WorkingTimes = Gen.Choose(0, 200 * 60).Select(m => Duration.FromMinutes(m));

    // Text that must survive JSON escaping: quotes, backslashes, control characters, non-ASCII, emoji.
    private static readonly string[] Fragments =
        ["Checkout", " down", "\"quoted\"", "back\\slash", "line\nbreak", "tab\t", "€47K", "–", "Ünïcödé", "😀", "<html>", "&", "'", "+", "/"];

    private static readonly Gen<string> Text =
        Gen.ListOf(Gen.Elements(Fragments), 1).SelectMany(first => Gen.ListOf(Gen.Elements(Fragments), 3).Select(rest => string.Concat(first.Concat(rest))));

    // Durations with odd seconds and fractions, so the writer's hours/minutes/seconds form is exercised.
    private static readonly Gen<Duration> PositiveDurations = Gen.OneOf(
        Gen.Choose(1, 72 * 60).Select(m => Duration.FromMinutes(m)),
        Gen.Choose(1, 500_000).Select(s => Duration.FromSeconds(s)),
        Gen.Choose(1, 5_000_000).Select(ms => Duration.FromMilliseconds(ms)));

    private static readonly Gen<Duration?> OptionalDurations =
        Gen.OneOf(Gen.Constant((Duration?)null), PositiveDurations.Select(d => (Duration?)d));

    private static readonly Gen<ResponseTarget> Targets = Gen.OneOf(
        PositiveDurations.Select(ResponseTarget.WallClock),
        PositiveDurations.Select(ResponseTarget.BusinessHours),
        Gen.Constant(ResponseTarget.NextBusinessDay));

    private static readonly Gen<StatusUpdateRule> StatusRules = Gen.OneOf(
        Gen.Constant(StatusUpdateRule.None),
        Gen.Constant(StatusUpdateRule.InternalOnly),
        from first in PositiveDurations
        from every in OptionalDurations
        select StatusUpdateRule.External(first, every));

    private static readonly Gen<PostMortemRule?> PostMortemRules = Gen.OneOf(
        Gen.Constant((PostMortemRule?)null),
        from within in PositiveDurations
        from required in Gen.Elements(true, false)
        select (PostMortemRule?)new PostMortemRule(within, required));

    private static readonly Gen<Role[]> Roles =
        from count in Gen.Choose(1, 6)
        from names in Gen.ArrayOf(Text, count)
        from descriptions in Gen.ArrayOf(Text, count)
        select Enumerable.Range(0, count).Select(i => new Role($"role-{i + 1}", names[i], i % 2 == 0 ? descriptions[i] : "")).ToArray();

    private static Gen<SeverityLevel> Level(int rank, int roleCount) =>
        from name in Text
        from description in Text
        from examples in Gen.ListOf(Text, 3)
        from roles in Gen.SubListOf(Enumerable.Range(1, roleCount).Select(i => $"role-{i}").ToArray()).Where(r => r.Count > 0)
        from acknowledge in Targets
        from respond in Targets
        from declare in OptionalDurations
        from commander in OptionalDurations
        from status in StatusRules
        from postMortem in PostMortemRules
        select new SeverityLevel($"SEV-{rank}", rank, name, description, examples, roles, acknowledge, respond, declare, commander, status, postMortem);

    /// <summary>Whole valid policies: random roles, one to five severity levels with distinct ranks, any calendar, random
    /// escalation sections and severity matrices.</summary>
    public static readonly Gen<ResponsePolicy> Policies =
        from roles in Roles
        from ranks in Gen.SubListOf(Enumerable.Range(1, 9).ToArray()).Where(r => r.Count is >= 1 and <= 5)
        from levels in Gen.CollectToArray(ranks.Select(rank => Level(rank, roles.Length)))
        from shuffled in Gen.Shuffle(levels)
        from calendar in Calendars
        from escalation in EscalationGenerators.Settings(roles.Select(r => r.Id).ToArray(), levels.Select(l => l.Id).ToArray())
        from matrix in EscalationGenerators.Matrices(levels.Select(l => l.Id).ToArray())
        select new ResponsePolicy(roles, new SeverityScale(shuffled), calendar).WithEscalation(escalation).WithSeverityMatrix(matrix);
}
