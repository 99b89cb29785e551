using NodaTime;

namespace IncidentPolicy.Lifecycle;

public sealed partial class Incident
{
    private object? _evaluationCache;

    /// <summary>When the first external (status-page) update was posted, if one was: a time-to metric of audits.</summary>
    internal Instant? FirstExternalUpdateAt { get; private set; }

    /// <summary>
    /// What the obligations engine folded from all of this incident's events under one policy, kept so that evaluating
    /// the same incident again (at each wake-up, or a dashboard's refresh) only walks time from where the fold stands.
    /// Replaced with a plain reference write, only by a fold for another policy or one standing later (a fold is
    /// immutable once published, so a race only costs a second fold); a new version of the incident starts without
    /// one (<see cref="Evolve"/>).
    /// </summary>
    internal object? EvaluationCache
    {
        get => Volatile.Read(ref _evaluationCache);
        set => Volatile.Write(ref _evaluationCache, value);
    }
}
