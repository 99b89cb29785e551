using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    private static readonly string[] RotationMembers = ["p1", "p2", "p3", "p4", "p5"];

    // Override people are never unavailable, so generated overrides never clash with generated leave.
    private static readonly string[] Substitutes = ["o1", "o2"];

    private static readonly IsoDayOfWeek[] WeekDays = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();

    private static readonly Instant OnCallEpoch = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static readonly Gen<ShiftLength> WallClockLengths = Gen.OneOf(
        Gen.Elements(Period.FromWeeks(1), Period.FromDays(1), Period.FromHours(12), Period.FromHours(8), Period.FromWeeks(2))
            .Select(ShiftLength.WallClock),
        Gen.Choose(60, 3 * 7 * 24 * 60).Select(m => ShiftLength.WallClock(Period.FromMinutes(m))),
        Gen.Choose(15, 59).Select(m => ShiftLength.WallClock(Period.FromMinutes(m))),
        Gen.Choose(1, 3).SelectMany(m => Gen.Elements(MonthlyAnchor.DayOfMonth, MonthlyAnchor.WeekdayOfMonth).Select(a => ShiftLength.Monthly(m, a))));

    private static readonly Gen<ShiftLength> ElapsedLengths = Gen.OneOf(
        Gen.Elements(Duration.FromDays(7), Duration.FromDays(1), Duration.FromHours(12)).Select(ShiftLength.Elapsed),
        Gen.Choose(1, 3 * 7 * 24 * 60).Select(m => ShiftLength.Elapsed(Duration.FromMinutes(m))));

    /// <summary>Active windows: some days of the week, from and to local times that are often DST edges (00:00, 01:00,
    /// 02:00, 02:30, 03:00) or office hours, otherwise any minute; a <c>to</c> not after <c>from</c> ends the next day.</summary>
    public static Gen<ActiveWindow> ActiveWindows { get; } =
        from days in Gen.SubListOf(WeekDays).Where(d => d.Count > 0)
        from edge in Gen.Elements(true, false)
        from fromMinute in edge ? Gen.Elements(0, 60, 120, 150, 180, 540) : Gen.Choose(0, (24 * 60) - 1)
        from toMinute in edge ? Gen.Elements(0, 150, 180, 1020) : Gen.Choose(0, (24 * 60) - 1)
        select new ActiveWindow(days, LocalTime.FromMinutesSinceMidnight(fromMinute), LocalTime.FromMinutesSinceMidnight(toMinute));

    private static Gen<Rotation> Rotations(DateTimeZone zone, bool withWindows) =>
        from count in Gen.Choose(1, RotationMembers.Length)
        from members in Gen.Shuffle(RotationMembers)
        from startMinute in Gen.Choose(0, 365 * 24 * 60)
        from wallClock in withWindows && zone.MinOffset != zone.MaxOffset ? Gen.Constant(true) : Gen.Elements(true, false)
        from length in wallClock ? WallClockLengths : ElapsedLengths
        from windowCount in withWindows ? Gen.Choose(1, 2) : Gen.Constant(0)
        from windows in Gen.ArrayOf(ActiveWindows, windowCount)
        select new Rotation(members.Take(count), (OnCallEpoch + Duration.FromMinutes(startMinute)).InUtc().LocalDateTime, length, activeWindows: windows);

    /// <summary>Rotations of members <c>p1</c>–<c>p5</c> starting in 2025 with one or two active windows, with the
    /// zone (one of <see cref="ZoneIds"/>) they are read in; shifts are wall-clock where the zone observes DST.</summary>
    public static Gen<(Rotation Rotation, DateTimeZone Zone)> WindowedRotations { get; } =
        from zone in Zones
        from rotation in Rotations(zone, withWindows: true)
        where rotation.ActiveWindows.Count > 0
        select (rotation, zone);

    private static Gen<List<(Instant Start, Instant End)>> DisjointIntervals(int maxCount) =>
        from count in Gen.Choose(0, maxCount)
        from gaps in Gen.ArrayOf(Gen.Choose(0, 40 * 24 * 60), count)
        from lengths in Gen.ArrayOf(Gen.Choose(1, 10 * 24 * 60), count)
        select Chain(gaps, lengths);

    private static List<(Instant Start, Instant End)> Chain(int[] gaps, int[] lengths)
    {
        var at = OnCallEpoch + Duration.FromDays(300);
        var result = new List<(Instant, Instant)>();
        for (var i = 0; i < gaps.Length; i++)
        {
            var start = at + Duration.FromMinutes(gaps[i]);
            at = start + Duration.FromMinutes(lengths[i]);
            result.Add((start, at));
        }

        return result;
    }

    /// <summary>Schedules of one to three layers (rotations of <c>p1</c>–<c>p5</c>, some with active windows, a third of
    /// them with a roster change in 2026) in one
    /// of <see cref="ZoneIds"/>, with overrides per layer and for the whole schedule (by <c>o1</c> and <c>o2</c>),
    /// leave, and either unavailability policy.</summary>
    public static Gen<Schedule> Schedules { get; } =
        from zone in Zones
        from layerCount in Gen.Choose(1, 3)
        from windowed in Gen.ArrayOf(Gen.Elements(true, false), layerCount)
        from rotations in Gen.CollectToArray(windowed.Select(w => Rotations(zone, w)))
        from changes in Gen.CollectToArray(windowed.Select(w => Gen.Frequency(
            (2, Gen.Constant(Array.Empty<Rotation>())),
            (1, Rotations(zone, w).Select(r => new[] { Later(r) })))))
        from overrideWindows in Gen.ArrayOf(DisjointIntervals(3), layerCount + 1)
        from overridePeople in Gen.ArrayOf(Gen.Elements(Substitutes), 4 * (layerCount + 1))
        from leave in DisjointIntervals(4)
        from leavePeople in Gen.ArrayOf(Gen.Elements(RotationMembers), 4)
        from policy in Gen.Elements(UnavailabilityPolicy.NextAvailableMember, UnavailabilityPolicy.Gap)
        select new Schedule(
            "generated", "Generated", null, zone,
            rotations.Select((r, i) => new ScheduleLayer($"layer-{i}", r, changes[i])),
            overrideWindows.SelectMany((list, layer) => list.Select((w, j) =>
                new ScheduleOverride(overridePeople[(layer * 4) + j], w.Start, w.End, layer < layerCount ? $"layer-{layer}" : null))),
            leave.Select((w, i) => new Unavailability(leavePeople[i], w.Start, w.End)),
            policy);

    /// <summary>The rotation starting 400 days later (in 2026, after every generated first rotation): a roster change.</summary>
    private static Rotation Later(Rotation rotation) =>
        new(rotation.Members, rotation.Start.PlusDays(400), rotation.ShiftLength, rotation.TimeZone, rotation.ActiveWindows);

    /// <summary>Query windows of a minute to 60 days starting in 2025–2026, often around the overrides and leave of
    /// <see cref="Schedules"/>.</summary>
    public static Gen<(Instant From, Instant To)> ScheduleQueryWindows { get; } =
        from startMinute in Gen.Choose(0, 2 * 365 * 24 * 60)
        from lengthMinute in Gen.Choose(1, 60 * 24 * 60)
        let start = OnCallEpoch + Duration.FromMinutes(startMinute)
        select (start, start + Duration.FromMinutes(lengthMinute));
}
