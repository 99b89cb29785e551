using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// Maps a local date and time to an instant the way <see cref="NodaTime.TimeZones.Resolvers.LenientResolver"/>
/// does — a skipped local time is shifted forward by the length of the gap, a repeated one takes the
/// earlier instant — without allocating.
/// </summary>
/// <remarks>
/// <see cref="DateTimeZone.MapLocal"/> allocates a <see cref="NodaTime.TimeZones.ZoneLocalMapping"/> on every call,
/// which the calendar's hot paths cannot afford; <see cref="DateTimeZone.GetZoneInterval"/> on a tzdb zone returns
/// cached intervals. Like NodaTime itself, this assumes a zone interval lasts longer than the largest offset
/// (18 hours), so only the interval the local time falls in when read as UTC and its two neighbours can match.
/// </remarks>
internal static class LenientResolver
{
    private static readonly Duration MaxOffset = Duration.FromHours(18);

    /// <summary>The instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/>, resolved leniently.</summary>
    /// <param name="zone">Any time zone.</param>
    /// <param name="local">The local date and time, written as the instant at which UTC shows it
    /// (see <see cref="WorkingDates.LocalAsUtc"/>).</param>
    public static Instant Resolve(DateTimeZone zone, Instant local)
    {
        var guess = zone.GetZoneInterval(local);
        var inGuess = local - OffsetOf(guess);

        if (guess.HasStart && local < guess.Start + MaxOffset)
        {
            var before = zone.GetZoneInterval(guess.Start - Duration.Epsilon);
            var inBefore = local - OffsetOf(before);

            // Either the local time happens in the earlier interval (perhaps again in guess, but this is the
            // earlier instant), or it falls in the gap between the two and moves forward by the gap's length.
            if (inBefore < guess.Start || inGuess < guess.Start)
            {
                return inBefore;
            }
        }

        // Also the earlier instant when the local time happens again in the next interval.
        if (!guess.HasEnd || inGuess < guess.End)
        {
            return inGuess;
        }

        var after = zone.GetZoneInterval(guess.End);
        var inAfter = local - OffsetOf(after);

        // Otherwise it falls in the gap after guess, and guess's offset shifts it forward across the gap.
        return inAfter >= guess.End ? inAfter : inGuess;
    }

    private static Duration OffsetOf(NodaTime.TimeZones.ZoneInterval interval) =>
        Duration.FromSeconds(interval.WallOffset.Seconds);
}
