using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>
    /// A plain view of the configured rules — severities with their targets, roles and commander requirement,
    /// status-page cadences and post-mortem rules, escalation levels, targets, delays and repeats, conditional rules as
    /// text, the calendar's zone, lifecycle rules and the ids of schedules, change windows and runbooks — for
    /// assertions in tests: <c>Assert.Equal(ResponseTarget.WallClock(Duration.FromMinutes(15)), policy.Describe().Severity("SEV-1")!.ResponseTarget)</c>.
    /// </summary>
    /// <returns>The description; its <see cref="PolicyDescription.ToString"/> prints it.</returns>
    public PolicyDescription Describe() => new(
        ContentHash,
        Calendar.Zone.Id,
        Calendar.ToString(),
        Roles.Select(r => r.Id).ToList().AsReadOnly(),
        Severities.Select(DescribeLevel).ToList().AsReadOnly(),
        Escalation.DispatchGrace,
        Escalation.Policies.Select(DescribeEscalationPolicy).ToList().AsReadOnly(),
        Escalation.Rules.Select(r => new EscalationRuleDescription(r.Id, HumanText.CamelCase(r.Action), r.Target.ToString(), r.When.Describe())).ToList().AsReadOnly(),
        Lifecycle.ReopenWindow,
        Lifecycle.MaxSilence,
        Lifecycle.CommanderSeparateFromOnCall,
        Lifecycle.ResolverRoles,
        Schedules.Select(s => s.Id).ToList().AsReadOnly(),
        ChangeWindows.Select(w => w.Id).ToList().AsReadOnly(),
        Runbooks.Select(r => r.Id).ToList().AsReadOnly());

    private static SeverityDescription DescribeLevel(SeverityLevel level) => new(
        level.Id,
        level.Rank,
        level.Name,
        level.AcknowledgementTarget,
        level.ResponseTarget,
        level.RolesInvolved,
        level.RequiresCommander,
        level.DeclarationTimeLimit,
        level.CommanderAssignmentTimeLimit,
        level.StatusUpdates.ToString(),
        level.StatusUpdates.Every,
        level.PostMortem?.ToString());

    private static EscalationPolicyDescription DescribeEscalationPolicy(EscalationPolicy policy) => new(
        policy.Id,
        policy.AppliesTo.Describe(),
        policy.Levels.Select(l => new EscalationLevelDescription(l.Delay, l.Targets.Select(t => t.ToString()).ToList().AsReadOnly())).ToList().AsReadOnly(),
        HumanText.CamelCase(policy.StopCondition),
        policy.RepeatCount,
        policy.RepeatDelay,
        policy.Describe());
}
