using NodaTime;

namespace IncidentPolicy.Orleans.PostgreSql;

/// <summary>
/// Keeps an <see cref="Instant"/> exactly in two columns: a <c>timestamptz</c> (whole microseconds, readable and
/// ordered by the database) and the nanoseconds within that microsecond (0 to 999), because PostgreSQL's timestamps
/// stop at microseconds while an instant has nanoseconds.
/// </summary>
internal static class InstantColumns
{
    // PostgreSQL's timestamptz starts in 4713 BC; NodaTime's instants start in 9999 BC. Year 1 is where DateTime starts.
    private static readonly Instant Earliest = Instant.FromUtc(1, 1, 1, 0, 0);

    internal static (DateTime Micros, int Nanos) Split(Instant instant, string name)
    {
        if (instant < Earliest)
        {
            throw new ArgumentOutOfRangeException(name, instant, $"{name} is before the year 1, which the event store cannot keep");
        }

        // Ticks (100 ns) are truncated towards the start of time, so both remainders below are non-negative.
        var ticks = instant.ToUnixTimeTicks();
        var withinTick = (instant - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds();
        var ticksWithinMicro = ((ticks % 10) + 10) % 10;
        var nanos = (ticksWithinMicro * 100) + withinTick;
        var micros = instant - Duration.FromNanoseconds(nanos);
        return (micros.ToDateTimeUtc(), (int)nanos);
    }

    /// <summary>Splits <paramref name="instant"/>, or the earliest instant the store keeps when it is earlier: for a
    /// lower bound of a query, where "before anything stored" means the same as the earliest instant.</summary>
    internal static (DateTime Micros, int Nanos) SplitAtOrAfterEarliest(Instant instant) =>
        Split(instant < Earliest ? Earliest : instant, nameof(instant));

    internal static Instant Join(DateTime micros, int nanos) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(micros, DateTimeKind.Utc)) + Duration.FromNanoseconds(nanos);
}
