using System.Runtime.CompilerServices;
using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// The gaps of a time zone — local times a change of offset skips — from <see cref="Limits.MinInstant"/> to
/// <see cref="Limits.LatestResult"/>, as local [from, to) written as the instant at which UTC shows them. Computed
/// once per zone (a few hundred changes) and shared by every rotation in it.
/// </summary>
/// <remarks>Thread-safe: the table is built by at most a few threads at once, and every build gives the same list.</remarks>
internal static class ZoneGaps
{
    private static readonly ConditionalWeakTable<DateTimeZone, (Instant LocalFrom, Instant LocalTo)[]> Cache = [];

    /// <summary>The gaps of <paramref name="zone"/> in time order.</summary>
    public static (Instant LocalFrom, Instant LocalTo)[] Of(DateTimeZone zone) => Cache.GetValue(zone, Build);

    private static (Instant LocalFrom, Instant LocalTo)[] Build(DateTimeZone zone)
    {
        var gaps = new List<(Instant, Instant)>();
        NodaTime.TimeZones.ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(new Interval(Limits.MinInstant, Limits.LatestResult)))
        {
            if (previous is not null && interval.WallOffset > previous.WallOffset)
            {
                gaps.Add((
                    interval.Start + Duration.FromSeconds(previous.WallOffset.Seconds),
                    interval.Start + Duration.FromSeconds(interval.WallOffset.Seconds)));
            }

            previous = interval;
        }

        return [.. gaps];
    }
}
