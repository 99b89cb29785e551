using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Tests.Support;

/// <summary>FsCheck generators for rotations and schedules over real tzdb zones, with windows, overrides and leave.</summary>
internal static class OnCallGenerators
{
    public static readonly string[] Members = ["p1", "p2", "p3", "p4", "p5"];

    // Override people are never unavailable, so generated overrides never clash with generated leave.
    private static readonly string[] Substitutes = ["o1", "o2"];

    private static readonly IsoDayOfWeek[] Days = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray();

    public static readonly Instant Epoch = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static readonly Gen<ShiftLength> WallClockLengths = Gen.OneOf(
        Gen.Elements(Period.FromWeeks(1), Period.FromDays(1), Period.FromHours(12), Period.FromHours(8), Period.FromWeeks(2))
            .Select(ShiftLength.WallClock),
        Gen.Choose(60, 3 * 7 * 24 * 60).Select(m => ShiftLength.WallClock(Period.FromMinutes(m))));

    private static readonly Gen<ShiftLength> ElapsedLengths = Gen.OneOf(
        Gen.Elements(Duration.FromDays(7), Duration.FromDays(1), Duration.FromHours(12)).Select(ShiftLength.Elapsed),
        Gen.Choose(1, 3 * 7 * 24 * 60).Select(m => ShiftLength.Elapsed(Duration.FromMinutes(m))));

    public static readonly Gen<ActiveWindow> Windows =
        from days in Gen.SubListOf(Days).Where(d => d.Count > 0)
        from edge in Gen.Elements(true, false)
        from fromMinute in edge ? Gen.Elements(0, 60, 120, 150, 180, 540) : Gen.Choose(0, (24 * 60) - 1)
        from toMinute in edge ? Gen.Elements(0, 150, 180, 1020) : Gen.Choose(0, (24 * 60) - 1)
        select new ActiveWindow(days, LocalTime.FromMinutesSinceMidnight(fromMinute), LocalTime.FromMinutesSinceMidnight(toMinute));

    private static Gen<Rotation> Rotations(DateTimeZone zone, bool withWindows) =>
        from count in Gen.Choose(1, Members.Length)
        from members in Gen.Shuffle(Members)
        from startMinute in Gen.Choose(0, 365 * 24 * 60)
        from wallClock in withWindows && zone.MinOffset != zone.MaxOffset ? Gen.Constant(true) : Gen.Elements(true, false)
        from length in wallClock ? WallClockLengths : ElapsedLengths
        from windowCount in withWindows ? Gen.Choose(1, 2) : Gen.Constant(0)
        from windows in Gen.ArrayOf(Windows, windowCount)
        select new Rotation(members.Take(count), (Epoch + Duration.FromMinutes(startMinute)).InUtc().LocalDateTime, length, activeWindows: windows);

    /// <summary>Rotations with one or two active windows, in any of the test zones.</summary>
    public static readonly Gen<(Rotation Rotation, DateTimeZone Zone)> WindowedRotations =
        from zoneId in Gen.Elements(Generators.ZoneIds)
        let zone = DateTimeZoneProviders.Tzdb[zoneId]
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
        var at = Epoch + Duration.FromDays(300);
        var result = new List<(Instant, Instant)>();
        for (var i = 0; i < gaps.Length; i++)
        {
            var start = at + Duration.FromMinutes(gaps[i]);
            at = start + Duration.FromMinutes(lengths[i]);
            result.Add((start, at));
        }

        return result;
    }

    /// <summary>Schedules of one to three layers with overrides per layer and for the whole schedule, and leave.</summary>
    public static readonly Gen<Schedule> Schedules =
        from zoneId in Gen.Elements(Generators.ZoneIds)
        let zone = DateTimeZoneProviders.Tzdb[zoneId]
        from layerCount in Gen.Choose(1, 3)
        from windowed in Gen.ArrayOf(Gen.Elements(true, false), layerCount)
        from rotations in Gen.CollectToArray(windowed.Select(w => Rotations(zone, w)))
        from overrideWindows in Gen.ArrayOf(DisjointIntervals(3), layerCount + 1)
        from overridePeople in Gen.ArrayOf(Gen.Elements(Substitutes), 4 * (layerCount + 1))
        from leave in DisjointIntervals(4)
        from leavePeople in Gen.ArrayOf(Gen.Elements(Members), 4)
        from policy in Gen.Elements(UnavailabilityPolicy.NextAvailableMember, UnavailabilityPolicy.Gap)
        select new Schedule(
            "generated", "Generated", null, zone,
            rotations.Select((r, i) => new ScheduleLayer($"layer-{i}", r)),
            overrideWindows.SelectMany((list, layer) => list.Select((w, j) =>
                new ScheduleOverride(overridePeople[(layer * 4) + j], w.Start, w.End, layer < layerCount ? $"layer-{layer}" : null))),
            leave.Select((w, i) => new Unavailability(leavePeople[i], w.Start, w.End)),
            policy);

    /// <summary>Query windows of up to 60 days within 2025–2026, often around the generated overrides and leave.</summary>
    public static readonly Gen<(Instant From, Instant To)> QueryWindows =
        from startMinute in Gen.Choose(0, 2 * 365 * 24 * 60)
        from lengthMinute in Gen.Choose(1, 60 * 24 * 60)
        let start = Epoch + Duration.FromMinutes(startMinute)
        select (start, start + Duration.FromMinutes(lengthMinute));
}
