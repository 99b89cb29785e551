using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace IncidentPolicy.Orleans.WakeUps;

/// <summary>
/// Decides what is due and not yet recorded: every due escalate obligation without a <c>notificationSent</c> of its
/// key is a page or notification; every other due duty without a <c>reminderSent</c> of its key is a reminder. The log
/// alone says what was sent, so planning again after a lost silo plans nothing twice that was recorded and forgets
/// nothing that was not.
/// </summary>
internal static class DueActionPlanner
{
    public static IReadOnlyList<(DueAction Action, IncidentCommand Record)> Plan(Incident incident, Evaluation evaluation)
    {
        var notified = incident.Events.OfType<NotificationSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var reminded = incident.Events.OfType<ReminderSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var title = incident.Title ?? incident.Summary;
        var plan = new List<(DueAction, IncidentCommand)>();
        foreach (var obligation in evaluation.Due)
        {
            if (obligation.Kind == ObligationKind.Escalate)
            {
                if (notified.Contains(obligation.Key))
                {
                    continue;
                }

                var (action, target) = EscalationOf(incident.Policy, obligation.Key);
                var to = target is null ? incident.ChannelName : TargetText(target);
                var kind = action == EscalationAction.Notify ? DueActionKind.Notify : DueActionKind.Page;
                plan.Add((new DueAction(incident.Id, obligation.Key, kind, obligation.Kind, to, $"{title}: {obligation.Reason}", obligation.DueAt),
                    new RecordNotification(obligation.Key, to)));
            }
            else if (!reminded.Contains(obligation.Key))
            {
                plan.Add((new DueAction(incident.Id, obligation.Key, DueActionKind.Reminder, obligation.Kind, RecipientOf(incident, obligation),
                    $"{title}: {obligation.Reason}", obligation.DueAt), new RecordReminder(obligation.Key)));
            }
        }

        return plan;
    }

    /// <summary>The action and target behind an escalate key: <c>escalate:RULE#n</c> for a conditional rule,
    /// <c>escalate:POLICY.LEVEL.TARGET#n</c> for a step of an escalation policy.</summary>
    internal static (EscalationAction Action, EscalationTarget? Target) EscalationOf(ResponsePolicy policy, string key)
    {
        var qualifier = Qualifier(key) ?? key;
        if (policy.Escalation.FindRule(qualifier) is { } rule)
        {
            return (rule.Action, rule.Target);
        }

        var parts = qualifier.Split('.');
        if (parts.Length >= 3
            && policy.Escalation.FindPolicy(string.Join('.', parts[..^2])) is { } escalationPolicy
            && int.TryParse(parts[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level)
            && level >= 1 && level <= escalationPolicy.Levels.Count)
        {
            return (EscalationAction.Page, escalationPolicy.Levels[level - 1].Targets.FirstOrDefault(t => t.Id == parts[^1]));
        }

        return (EscalationAction.Page, null);
    }

    private static string TargetText(EscalationTarget target) => target.Kind switch
    {
        EscalationTargetKind.Person => "person:" + target.Id,
        EscalationTargetKind.Schedule => "schedule:" + target.Id,
        _ => "role:" + target.Id,
    };

    private static string? Qualifier(string key) => key.Split(':', 2) is [_, var q] ? q.Split('#')[0] : null;

    /// <summary>Who a duty falls to within the incident; the host maps roles to people.</summary>
    private static string RecipientOf(Incident incident, Obligation obligation)
    {
        var qualifier = Qualifier(obligation.Key);
        string? Assigned(string role) => incident.RoleAssignments.LastOrDefault(r => r.Role == role)?.Person;
        var person = obligation.Kind switch
        {
            ObligationKind.Acknowledge => Assigned("on-call-engineer"),
            ObligationKind.Declare or ObligationKind.AssignCommander => incident.OnCallResponder,
            ObligationKind.Respond when qualifier is not null => Assigned(qualifier) ?? incident.Commander,
            ObligationKind.FirstExternalUpdate or ObligationKind.ExternalUpdate => Assigned("comms-lead") ?? incident.Commander ?? incident.OnCallResponder,
            ObligationKind.InternalUpdate or ObligationKind.SchedulePostMortem => incident.Commander ?? incident.OnCallResponder,
            ObligationKind.ActionItem => incident.ActionItems.FirstOrDefault(a => a.Id == qualifier)?.Owner,
            _ => null,
        };
        if (person is not null)
        {
            return "person:" + person;
        }

        var role = obligation.Kind switch
        {
            ObligationKind.Acknowledge or ObligationKind.Declare or ObligationKind.AssignCommander => "on-call-engineer",
            ObligationKind.Respond when qualifier is not null => qualifier,
            _ => null,
        };
        return role is null ? incident.ChannelName : "role:" + role;
    }
}
