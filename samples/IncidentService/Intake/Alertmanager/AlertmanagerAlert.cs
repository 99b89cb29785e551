namespace IncidentService.Intake.Alertmanager;

/// <summary>One alert of an Alertmanager webhook payload, checked.</summary>
/// <param name="Firing">Whether it fires (<c>firing</c>) or cleared (<c>resolved</c>).</param>
/// <param name="Fingerprint">Its fingerprint: the dedup key.</param>
/// <param name="Summary">What it says: the <c>summary</c> annotation, else <c>description</c>, else the
/// <c>alertname</c> label, else the fingerprint.</param>
/// <param name="Labels">Its labels.</param>
public sealed record AlertmanagerAlert(bool Firing, string Fingerprint, string Summary, IReadOnlyDictionary<string, string> Labels);
