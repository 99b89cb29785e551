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
    // Stored compactly (an evaluation allocates one of these per obligation): the optional instants and duration as
    // plain values plus a bit each for "has a value", the enums as bytes. Equality compares these fields, which are
    // normalised (no value → default), so it means what the positional record's equality means.
    private const byte HasMetAt = 1, HasLateBy = 2, HasCancelledAt = 4;
    private readonly Instant _metAt = MetAt.GetValueOrDefault();
    private readonly Instant _cancelledAt = CancelledAt.GetValueOrDefault();
    private readonly Duration _lateBy = LateBy.GetValueOrDefault();
    private readonly byte _kind = ToByte((int)Kind, nameof(Kind));
    private readonly byte _state = ToByte((int)State, nameof(State));
    private readonly byte _has = (byte)((MetAt.HasValue ? HasMetAt : 0) | (LateBy.HasValue ? HasLateBy : 0) | (CancelledAt.HasValue ? HasCancelledAt : 0));

    /// <summary>What must happen.</summary>
    public ObligationKind Kind
    {
        get => (ObligationKind)_kind;
        init => _kind = ToByte((int)value, nameof(Kind));
    }

    /// <summary>Where it stands at the evaluation instant.</summary>
    public ObligationState State
    {
        get => (ObligationState)_state;
        init => _state = ToByte((int)value, nameof(State));
    }

    /// <summary>When the event that met it happened, for met and met-late obligations.</summary>
    public Instant? MetAt
    {
        get => (_has & HasMetAt) != 0 ? _metAt : null;
        init => (_metAt, _has) = (value.GetValueOrDefault(), (byte)(value.HasValue ? _has | HasMetAt : _has & ~HasMetAt));
    }

    /// <summary>For met-late obligations, <c>MetAt − DueAt</c>; for overdue ones, <c>now − DueAt</c>.</summary>
    public Duration? LateBy
    {
        get => (_has & HasLateBy) != 0 ? _lateBy : null;
        init => (_lateBy, _has) = (value.GetValueOrDefault(), (byte)(value.HasValue ? _has | HasLateBy : _has & ~HasLateBy));
    }

    /// <summary>When it stopped being owed, for cancelled obligations.</summary>
    public Instant? CancelledAt
    {
        get => (_has & HasCancelledAt) != 0 ? _cancelledAt : null;
        init => (_cancelledAt, _has) = (value.GetValueOrDefault(), (byte)(value.HasValue ? _has | HasCancelledAt : _has & ~HasCancelledAt));
    }

    private static byte ToByte(int value, string name) =>
        (uint)value <= byte.MaxValue ? (byte)value : throw new ArgumentOutOfRangeException(name, value, "Not a value of the enumeration.");

    /// <summary>Whether a host should act on it now: it is due (<c>DueAt ≤ now</c>) and neither met nor cancelled.</summary>
    /// <param name="now">The evaluation instant.</param>
    /// <returns><see langword="true"/> when it is due and open.</returns>
    public bool IsDue(Instant now) => DueAt <= now && State is ObligationState.Pending or ObligationState.Overdue;

    /// <summary>One line: <c>respond:comms-lead  overdue  due 2026-05-29T04:17:00Z  late by 12 minutes</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Key}  {HumanText.CamelCase(State)}  due {HumanText.Format(DueAt)}"
        + (LateBy is { } late ? $"  late by {HumanText.Describe(late)}" : "");
}
