namespace IncidentService.Api;

/// <summary>One open incident in <c>GET /api/incidents</c>: its head, without replaying its log.</summary>
/// <param name="Id">The incident's id.</param>
/// <param name="Version">The number of events in its log (its <c>ETag</c> is this number, quoted).</param>
/// <param name="Status">Its status, camelCase as in event logs (<c>triggered</c>, <c>acknowledged</c>, …).</param>
/// <param name="Severity">Its severity id, or null.</param>
/// <param name="Service">The service the alert named, or null.</param>
/// <param name="Summary">The alert's summary.</param>
/// <param name="Title">The declared title, or null.</param>
/// <param name="AlertAt">When the alert fired, ISO 8601 UTC.</param>
/// <param name="LastEventAt">When its last event happened, ISO 8601 UTC.</param>
/// <param name="DedupKey">The opening alert's dedup key, or null.</param>
public sealed record IncidentSummary(
    string Id, int Version, string Status, string? Severity, string? Service, string Summary, string? Title, string AlertAt, string LastEventAt, string? DedupKey);
