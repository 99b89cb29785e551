using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>What a generated history is made from: the alert instant, the alert's severity (an index into the scale,
/// or negative for none) and a list of intents. <see cref="HistoryDriver"/> maps it deterministically to a valid
/// history, so shrinking the intents shrinks the history and keeps it valid.</summary>
internal sealed record HistoryPlan(Instant Start, int AlertSeverity, IReadOnlyList<HistoryIntent> Intents);

/// <summary>One intent: what to try next, a number that picks among the choices (person, severity, audience, …) and
/// the minutes since the previous step.</summary>
internal readonly record struct HistoryIntent(IntentKind Kind, int Choice, int Minutes);

/// <summary>What an intent tries. <see cref="Progress"/> takes the next step along the lifecycle's main path, doing
/// what the policy requires first (a commander before resolving, a published post-mortem with an action item before
/// closing).</summary>
internal enum IntentKind
{
    Progress,
    Acknowledge,
    Declare,
    AssignCommander,
    AssignRole,
    ChangeSeverity,
    StatusUpdate,
    RecordImpact,
    RaiseFlag,
    Mitigate,
    Resolve,
    Reopen,
    SchedulePostMortem,
    PublishPostMortem,
    AddActionItem,
    CompleteActionItem,
    Close,
    Decline,
    Merge,
    AddNote,
    RecordNotification,
}
