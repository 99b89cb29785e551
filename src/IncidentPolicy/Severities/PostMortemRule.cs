using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>
/// A severity's post-mortem rule: the post-mortem must be scheduled within <see cref="SchedulingTimeLimit"/> of
/// resolution ("Schedule post-mortem within 48 hours") and, when <see cref="ActionItemsRequiredBeforeClose"/>
/// holds, published with at least one action item before the incident closes (Rule 5).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PostMortemRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="schedulingTimeLimit">How soon after resolution the post-mortem must be scheduled; positive (policy
    /// files: <c>scheduleWithin</c>).</param>
    /// <param name="actionItemsRequiredBeforeClose">Whether closing requires a published post-mortem with
    /// at least one action item, each with an owner and a due date.</param>
    /// <exception cref="PolicyValidationException"><paramref name="schedulingTimeLimit"/> is zero or negative
    /// (path <c>scheduleWithin</c>).</exception>
    public PostMortemRule(Duration schedulingTimeLimit, bool actionItemsRequiredBeforeClose)
    {
        var problems = new ProblemList();
        Durations.RequirePositive(schedulingTimeLimit, problems, "scheduleWithin");
        problems.ThrowIfAny();
        SchedulingTimeLimit = schedulingTimeLimit;
        ActionItemsRequiredBeforeClose = actionItemsRequiredBeforeClose;
    }

    /// <summary>How soon after resolution the post-mortem must be scheduled.</summary>
    public Duration SchedulingTimeLimit { get; }

    /// <summary>Whether closing requires a published post-mortem with at least one action item.</summary>
    public bool ActionItemsRequiredBeforeClose { get; }

    /// <summary>Describes the rule: <c>scheduled within 48 hours of resolution; action items required before close</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"scheduled within {HumanText.Describe(SchedulingTimeLimit)} of resolution"
        + (ActionItemsRequiredBeforeClose ? "; published with action items before close" : "");
}
