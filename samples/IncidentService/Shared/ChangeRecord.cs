using NodaTime;

namespace IncidentService.Shared;

/// <summary>A change to a service (a deployment), as a PagerDuty change event reports it.</summary>
/// <param name="At">When the change happened (the event's timestamp, else when it was received).</param>
/// <param name="Service">The service it changed (from the routing key's configuration).</param>
/// <param name="Summary">The event's summary.</param>
/// <param name="Source">The event's source, when given.</param>
/// <param name="Flagged">Whether it happened inside a change window without an approving role.</param>
/// <param name="FlagReason">Why it is flagged.</param>
public sealed record ChangeRecord(Instant At, string Service, string Summary, string? Source, bool Flagged, string? FlagReason);

/// <summary>Where change events are kept, per service. Implementations are thread-safe.</summary>
public interface IChangeLog
{
    /// <summary>Keeps a change.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is kept.</returns>
    Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default);

    /// <summary>The changes to <paramref name="service"/> from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), oldest first.</summary>
    /// <param name="service">The service.</param>
    /// <param name="from">The earliest instant.</param>
    /// <param name="to">The latest instant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes.</returns>
    Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default);

    /// <summary>The flagged changes since <paramref name="since"/>, newest first.</summary>
    /// <param name="since">The earliest instant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The flagged changes.</returns>
    Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default);
}
