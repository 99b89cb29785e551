using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A post-mortem action item as the incident's events leave it (Rule 6: owners and due dates, tracked).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Id">The id within the incident, such as <c>AI-1</c>.</param>
/// <param name="Action">What will be done.</param>
/// <param name="Owner">Who owns it.</param>
/// <param name="Due">The due date, in the policy's time zone.</param>
/// <param name="Status">Open, in progress, done or won't do.</param>
/// <param name="CompletedAt">When it was completed, for done items.</param>
/// <param name="Reason">The reason given with the last status change (required for won't do), or null.</param>
public sealed record ActionItem(string Id, string Action, string Owner, LocalDate Due, ActionItemStatus Status, Instant? CompletedAt, string? Reason);
