using NodaTime;

namespace ChatOpsBot;

/// <summary>
/// Bridges .NET's <see cref="TimeProvider"/> to NodaTime's <see cref="IClock"/>: the host (ASP.NET Core, a worker,
/// a test with a fake provider) owns time, and the library is given instants from it.
/// </summary>
internal sealed class TimeProviderClock(TimeProvider time) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
}

/// <summary>
/// A clock that starts at a chosen instant and runs <see cref="Factor"/> times faster than real time, so a demo plays
/// a 45-minute incident in 45 seconds (factor 60). Real time is measured with <see cref="TimeProvider"/> timestamps.
/// </summary>
internal sealed class ScaledClock : IClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    public ScaledClock(Instant start, double factor, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Start = start;
        Factor = factor;
        _time = time;
        _startTimestamp = time.GetTimestamp();
    }

    public Instant Start { get; }

    public double Factor { get; }

    public Instant GetCurrentInstant() =>
        Start + Duration.FromTimeSpan(_time.GetElapsedTime(_startTimestamp) * Factor);

    /// <summary>How long to wait in real time until this clock reads <paramref name="target"/>.</summary>
    public TimeSpan RealTimeUntil(Instant target)
    {
        var left = target - GetCurrentInstant();
        return left <= Duration.Zero ? TimeSpan.Zero : left.ToTimeSpan() / Factor;
    }
}

/// <summary>Time as the bot loop sees it: a clock, and a way to wait until it reads an instant.</summary>
internal interface ITimeline
{
    IClock Clock { get; }

    /// <summary>Completes when <see cref="Clock"/> reads <paramref name="target"/> or later.</summary>
    Task WaitUntilAsync(Instant target, CancellationToken cancellationToken);
}

/// <summary>Real (or scaled) time: waits with a timer of the <see cref="TimeProvider"/>.</summary>
internal sealed class ScaledTimeline(ScaledClock clock, TimeProvider time) : ITimeline
{
    public IClock Clock => clock;

    public async Task WaitUntilAsync(Instant target, CancellationToken cancellationToken)
    {
        // Timers may fire a little early; wait again until the clock has really reached the target.
        while (clock.RealTimeUntil(target) is { } left && left > TimeSpan.Zero)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
