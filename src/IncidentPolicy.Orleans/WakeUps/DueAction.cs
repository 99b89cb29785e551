using NodaTime;

namespace IncidentPolicy.Orleans.WakeUps;

/// <summary>
/// One message that is due and not yet recorded in the incident's log, handed to the host's
/// <see cref="IIncidentDispatcher"/>. After the dispatcher returns, the incident grain records it
/// (<c>RecordNotification</c> or <c>RecordReminder</c> with <see cref="ObligationKey"/>); if the silo dies in between,
/// the same action is handed over again, with the same key, on the next wake-up.
/// </summary>
/// <param name="IncidentId">The incident's id.</param>
/// <param name="ObligationKey">The obligation's key (e.g. <c>escalate:page-commander#1</c>, <c>acknowledge</c>): unique
/// within the incident, so <c>(IncidentId, ObligationKey)</c> is the de-duplication key for at-least-once delivery.</param>
/// <param name="Kind">Page, notification or reminder.</param>
/// <param name="Obligation">The kind of obligation that fell due.</param>
/// <param name="Target">Who it is for. A page or notification: the escalation target as <c>role:ID</c>,
/// <c>person:ID</c> or <c>schedule:ID</c>, or the incident's channel (<c>#inc-…</c>) when the escalation names none.
/// A reminder: <c>person:ID</c> of whoever holds the duty in the incident (commander, comms lead, on-call responder,
/// action-item owner), <c>role:ID</c> when the incident has nobody in that role yet, else the channel. Mapping roles and
/// schedules to people is the host's job.</param>
/// <param name="Text">A one-line message: the incident's title (or alert summary) and the obligation's reason.</param>
/// <param name="DueAt">When the obligation fell due; dispatch lateness is the dispatch instant minus this.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record DueAction(
    string IncidentId,
    string ObligationKey,
    DueActionKind Kind,
    ObligationKind Obligation,
    string Target,
    string Text,
    Instant DueAt);
