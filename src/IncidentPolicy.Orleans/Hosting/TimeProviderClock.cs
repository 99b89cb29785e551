using NodaTime;

namespace IncidentPolicy.Orleans.Hosting;

/// <summary>The default <see cref="IClock"/> of a silo that registered none: the host's <see cref="TimeProvider"/>
/// (the system's unless the host replaced it), read only through this injected service.</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
}
