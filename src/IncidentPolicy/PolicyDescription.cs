using System.Text;
using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

/// <summary>
/// A plain view of a policy's configured rules, for assertions in tests and for reading — after Polly's pipeline
/// descriptor. <see cref="ResponsePolicy.Describe"/> makes one; <see cref="ToString"/> prints it.
/// </summary>
/// <remarks>Immutable and thread-safe. Lists compare by reference: compare their items in tests.</remarks>
/// <param name="ContentHash">The policy's <see cref="ResponsePolicy.ContentHash"/>.</param>
/// <param name="TimeZone">The business calendar's tzdb zone id, such as <c>Europe/Berlin</c>.</param>
/// <param name="Calendar">The business calendar in words: zone, working days, hours, holidays.</param>
/// <param name="Roles">The role ids, in the policy's order.</param>
/// <param name="Severities">The severity levels, most severe first.</param>
/// <param name="DispatchGrace">How long after an escalation falls due its notification still counts as on time.</param>
/// <param name="EscalationPolicies">The escalation policies.</param>
/// <param name="EscalationRules">The conditional escalation rules.</param>
/// <param name="ReopenWindow">How long after resolution an incident may be reopened.</param>
/// <param name="MaxSilence">The longest the commander may go without a status update.</param>
/// <param name="CommanderSeparateFromOnCall">Whether the on-call responder may not be the Incident Commander.</param>
/// <param name="ResolverRoles">Roles that may resolve, besides the commander, where a commander is required.</param>
/// <param name="Schedules">The on-call schedule ids.</param>
/// <param name="ChangeWindows">The change window ids.</param>
/// <param name="Runbooks">The runbook ids.</param>
public sealed record PolicyDescription(
    string ContentHash,
    string TimeZone,
    string Calendar,
    IReadOnlyList<string> Roles,
    IReadOnlyList<SeverityDescription> Severities,
    Duration DispatchGrace,
    IReadOnlyList<EscalationPolicyDescription> EscalationPolicies,
    IReadOnlyList<EscalationRuleDescription> EscalationRules,
    Duration ReopenWindow,
    Duration MaxSilence,
    bool CommanderSeparateFromOnCall,
    IReadOnlyList<string> ResolverRoles,
    IReadOnlyList<string> Schedules,
    IReadOnlyList<string> ChangeWindows,
    IReadOnlyList<string> Runbooks)
{
    /// <summary>Finds a severity by id.</summary>
    /// <param name="id">A severity id such as <c>SEV-2</c>.</param>
    /// <returns>Its description, or <see langword="null"/>.</returns>
    public SeverityDescription? Severity(string id) => Severities.FirstOrDefault(s => s.Id == id);

    /// <summary>The whole policy, one rule a line, in sections: calendar, severities, escalation, lifecycle, on-call,
    /// change windows and runbooks.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("policy ").AppendLine(ContentHash);
        text.Append("calendar: ").AppendLine(Calendar);
        text.Append("roles: ").AppendLine(string.Join(", ", Roles));
        text.AppendLine("severities:");
        foreach (var severity in Severities)
        {
            text.Append("  ").AppendLine(severity.ToString());
        }

        text.Append("escalation (dispatch grace ").Append(HumanText.Describe(DispatchGrace)).AppendLine("):");
        foreach (var policy in EscalationPolicies)
        {
            text.Append("  policy ").AppendLine(policy.ToString());
        }

        foreach (var rule in EscalationRules)
        {
            text.Append("  rule ").AppendLine(rule.ToString());
        }

        text.Append("lifecycle: reopen within ").Append(HumanText.Describe(ReopenWindow))
            .Append("; commander silent at most ").Append(HumanText.Describe(MaxSilence))
            .Append("; commander ").Append(CommanderSeparateFromOnCall ? "separate from" : "may be").Append(" on-call")
            .Append("; resolvers: commander").Append(string.Concat(ResolverRoles.Select(r => ", " + r))).AppendLine();
        text.Append("schedules: ").AppendLine(Schedules.Count == 0 ? "none" : string.Join(", ", Schedules));
        text.Append("change windows: ").AppendLine(ChangeWindows.Count == 0 ? "none" : string.Join(", ", ChangeWindows));
        text.Append("runbooks: ").AppendLine(Runbooks.Count == 0 ? "none" : string.Join(", ", Runbooks));
        return text.ToString();
    }
}
