using NodaTime;

namespace ChatOpsBot.Tests;

public sealed class ClockTests
{
    /// <summary>A time provider whose time moves only when told to.</summary>
    private sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => now + TimeSpan.FromTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void ScaledClock_AfterOneRealSecond_HasMovedFactorSeconds()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new ScaledClock(Instant.FromUtc(2026, 5, 29, 4, 0), 60, time);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Instant.FromUtc(2026, 5, 29, 4, 1), clock.GetCurrentInstant());
        Assert.Equal(TimeSpan.FromSeconds(4), clock.RealTimeUntil(Instant.FromUtc(2026, 5, 29, 4, 5)));
        Assert.Equal(TimeSpan.Zero, clock.RealTimeUntil(Instant.FromUtc(2026, 5, 29, 4, 0)));
    }

    [Fact]
    public void ScaledClock_WithAFactorNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledClock(Instant.FromUtc(2026, 5, 29, 4, 0), 0, TimeProvider.System));
    }

    [Fact]
    public void TimeProviderClock_ReadsTheProvidersUtcNow()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 5, 29, 6, 2, 0, TimeSpan.FromHours(2)));

        Assert.Equal(Instant.FromUtc(2026, 5, 29, 4, 2), new TimeProviderClock(time).GetCurrentInstant());
    }
}
