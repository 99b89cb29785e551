using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// One level of an <see cref="EscalationPolicy"/>: the targets notified together, and how long after the
/// previous level (the first level: after the policy starts) they are notified.
/// </summary>
/// <remarks>
/// <para>JSON: <c>{"delay": "PT5M", "targets": [{"kind": "role", "id": "engineering-manager"}]}</c>.</para>
/// <para>Delays are relative to the previous level, as in PagerDuty's "escalates after N minutes": levels with delays
/// 0, 5 and 10 minutes notify at 0, 5 and 15 minutes. A delay of zero notifies at the same instant as the level before.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class EscalationLevel
{
    /// <summary>Creates the level.</summary>
    /// <param name="delay">How long after the previous level (or the start, for the first level); zero or more.</param>
    /// <param name="targets">At least one target, none twice.</param>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">The delay is negative (path <c>delay</c>), there is no target
    /// (path <c>targets</c>) or a target is listed twice (path <c>targets[i]</c>).</exception>
    public EscalationLevel(Duration delay, params IEnumerable<EscalationTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var list = targets.ToList();
        if (list.Any(t => t is null))
        {
            throw new ArgumentNullException(nameof(targets), "A target is null.");
        }

        var problems = new ProblemList();
        Validate(delay, list, problems, "");
        problems.ThrowIfAny();
        Delay = delay;
        Targets = list.AsReadOnly();
    }

    /// <summary>How long after the previous level (or the start) the targets are notified.</summary>
    public Duration Delay { get; }

    /// <summary>Who is notified, in the order given.</summary>
    public IReadOnlyList<EscalationTarget> Targets { get; }

    internal static void Validate(Duration? delay, IReadOnlyList<EscalationTarget?> targets, ProblemList problems, string path)
    {
        var delayPath = ProblemList.Join(path, "delay");
        if (delay is null)
        {
            problems.AddMissing(delayPath, "a delay is required, like PT5M (PT0S for immediately)");
        }
        else
        {
            Durations.NotNegative(delay.Value, problems, delayPath);
        }

        var targetsPath = ProblemList.Join(path, "targets");
        if (targets.Count == 0)
        {
            problems.AddMissing(targetsPath, "at least one target is required");
        }

        var seen = new Dictionary<EscalationTarget, int>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] is { } target && !seen.TryAdd(target, i))
            {
                problems.Add(ProblemList.Index(targetsPath, i), $"{target} is already a target at {ProblemList.Index(targetsPath, seen[target])}");
            }
        }
    }
}
