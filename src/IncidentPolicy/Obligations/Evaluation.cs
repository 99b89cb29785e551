using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// What a policy says about an incident at an instant: every obligation with its state, and when to look again.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Evaluation
{
    internal Evaluation(Incident incident, Instant evaluatedAt, IReadOnlyList<Obligation> obligations, Instant? nextWakeUp)
    {
        Incident = incident;
        EvaluatedAt = evaluatedAt;
        Obligations = obligations;
        NextWakeUp = nextWakeUp;
    }

    /// <summary>The incident evaluated (only its events at or before <see cref="EvaluatedAt"/> count).</summary>
    public Incident Incident { get; }

    /// <summary>The instant of the evaluation.</summary>
    public Instant EvaluatedAt { get; }

    /// <summary>Every obligation, ordered by due instant, then key.</summary>
    public IReadOnlyList<Obligation> Obligations { get; }

    /// <summary>
    /// The earliest instant after <see cref="EvaluatedAt"/> at which a state changes or a new obligation appears
    /// without any new event; <see langword="null"/> when only a new event can change the answer. A bot sleeps until
    /// then (or until a new event).
    /// </summary>
    public Instant? NextWakeUp { get; }

    /// <summary>Obligations a host should act on now: due and neither met nor cancelled.</summary>
    public IEnumerable<Obligation> Due => Obligations.Where(o => o.IsDue(EvaluatedAt));

    /// <summary>The obligations that are overdue.</summary>
    public IEnumerable<Obligation> Overdue => Obligations.Where(o => o.State == ObligationState.Overdue);

    /// <summary>Finds an obligation by key.</summary>
    /// <param name="key">The key, such as <c>respond:comms-lead</c>.</param>
    /// <returns>The obligation, or <see langword="null"/>.</returns>
    public Obligation? Find(string key) => Obligations.FirstOrDefault(o => o.Key == key);
}
