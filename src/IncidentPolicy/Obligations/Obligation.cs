using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Something the policy says must happen by an instant, and where it stands: pending, overdue, met, met late or
/// cancelled.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Key">Stable and unique within the incident: <c>kind[:qualifier][#n]</c>, such as <c>acknowledge</c>,
/// <c>respond:engineering-manager</c>, <c>externalUpdate#3</c> or <c>actionItem:AI-2</c>. A bot uses it as an
/// idempotency key.</param>
/// <param name="Kind">What must happen.</param>
/// <param name="DueAt">By when.</param>
/// <param name="State">Where it stands at the evaluation instant.</param>
/// <param name="MetAt">When the event that met it happened, for met and met-late obligations.</param>
/// <param name="LateBy">For met-late obligations, <c>MetAt − DueAt</c>; for overdue ones, <c>now − DueAt</c>.</param>
/// <param name="CancelledAt">When it stopped being owed, for cancelled obligations.</param>
/// <param name="RuleId">The policy rule that creates it, such as <c>SEV-1.respond</c> or <c>communication.maxSilence</c>.</param>
/// <param name="Reason">Why it is owed, in plain words, and what met or cancelled it.</param>
public sealed record Obligation(
    string Key,
    ObligationKind Kind,
    Instant DueAt,
    ObligationState State,
    Instant? MetAt,
    Duration? LateBy,
    Instant? CancelledAt,
    string RuleId,
    string Reason)
{
    /// <summary>Whether a host should act on it now: it is due (<c>DueAt ≤ now</c>) and neither met nor cancelled.</summary>
    /// <param name="now">The evaluation instant.</param>
    /// <returns><see langword="true"/> when it is due and open.</returns>
    public bool IsDue(Instant now) => DueAt <= now && State is ObligationState.Pending or ObligationState.Overdue;

    /// <summary>One line: <c>respond:comms-lead  overdue  due 2026-05-29T04:17:00Z  late by 12 minutes</c>. An
    /// obligation evaluated at exactly its deadline is overdue (the deadline is not a grace period) but not late by
    /// anything yet: it reads <c>… overdue  due 2026-05-29T04:17:00Z  due now</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Key}  {HumanText.CamelCase(State)}  due {HumanText.Format(DueAt)}"
        + (LateBy is { } late ? "  " + LateText(late) : "");

    /// <summary>How late an obligation is, in words: <c>late by 12 minutes</c>, or <c>due now</c> when it is late by
    /// nothing (evaluated at exactly its deadline).</summary>
    /// <param name="lateBy">The <see cref="LateBy"/> of an obligation.</param>
    /// <returns>The words.</returns>
    public static string LateText(Duration lateBy) => lateBy == Duration.Zero ? "due now" : $"late by {HumanText.Describe(lateBy)}";
}
