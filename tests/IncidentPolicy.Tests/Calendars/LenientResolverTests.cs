using IncidentPolicy.Calendars;
using NodaTime;
using NodaTime.TimeZones;

namespace IncidentPolicy.Tests.Calendars;

public class LenientResolverTests
{
    private static readonly Instant From = Instant.FromUtc(1990, 1, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2035, 1, 1, 0, 0);

    // Around each transition: the exact edges of gaps and overlaps, a nanosecond either side, and coarser steps.
    private static readonly Duration[] Nudges =
    [
        .. Enumerable.Range(-16, 33).Select(i => Duration.FromMinutes(15 * i)),
        Duration.Epsilon,
        -Duration.Epsilon,
    ];

    [Fact]
    public void Resolve_AroundEveryTzdbTransition_MatchesNodaTimeLenientResolver()
    {
        var mismatches = new List<string>();
        foreach (var id in DateTimeZoneProviders.Tzdb.Ids)
        {
            var zone = DateTimeZoneProviders.Tzdb[id];
            foreach (var interval in zone.GetZoneIntervals(From, To))
            {
                if (!interval.HasStart)
                {
                    continue;
                }

                // Local times near the transition, as seen with the offsets on both sides of it.
                var before = zone.GetUtcOffset(interval.Start - Duration.Epsilon);
                foreach (var offset in new[] { before, interval.WallOffset })
                {
                    foreach (var nudge in Nudges)
                    {
                        var local = (interval.Start + nudge).WithOffset(offset).LocalDateTime;
                        var expected = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
                        var actual = LenientResolver.Resolve(zone, local.InUtc().ToInstant());
                        if (actual != expected && mismatches.Count < 10)
                        {
                            mismatches.Add($"{id} {local}: expected {expected}, got {actual}");
                        }
                    }
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Resolve_FixedOffsetZone_SubtractsOffset()
    {
        var zone = DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 30));
        var local = new LocalDateTime(2026, 3, 29, 2, 30);
        Assert.Equal(Instant.FromUtc(2026, 3, 28, 21, 0), LenientResolver.Resolve(zone, local.InUtc().ToInstant()));
    }
}
