using NodaTime;

namespace IncidentPolicy.Orleans.Storage;

/// <summary>
/// What a dashboard lists about an incident without replaying its log, kept by the event store beside the events and
/// written in the same step as the event it describes.
/// </summary>
/// <param name="IncidentId">The incident's id.</param>
/// <param name="Version">The number of events in its log.</param>
/// <param name="Status">Its status after the last event.</param>
/// <param name="Severity">Its severity's id, when it has one.</param>
/// <param name="Service">The service the alert named, when it named one.</param>
/// <param name="Summary">The alert's summary.</param>
/// <param name="Title">The title it was declared with, when declared.</param>
/// <param name="AlertAt">When its alert fired.</param>
/// <param name="LastEventAt">When its last event happened.</param>
/// <param name="PolicyHash">The content hash of the policy it was opened under.</param>
/// <param name="DedupKey">The de-duplication key of its opening alert, when it had one.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IncidentHead(
    string IncidentId,
    int Version,
    IncidentStatus Status,
    string? Severity,
    string? Service,
    string Summary,
    string? Title,
    Instant AlertAt,
    Instant LastEventAt,
    string? PolicyHash,
    string? DedupKey);
