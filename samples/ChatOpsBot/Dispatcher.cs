using IncidentPolicy;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;

namespace ChatOpsBot;

/// <summary>One thing to do now: a message to send, and the command that records it in the log.</summary>
internal sealed record DueAction(OutboundMessage Message, IncidentCommand Record);

/// <summary>
/// Decides what is due and not yet done: a declared incident without a <c>channelCreated</c> in the log gets its
/// channel; every due escalate obligation without a <c>notificationSent</c> of its key in
/// the log is a page or notification; every other due duty without a <c>reminderSent</c> of its key is a reminder. The
/// log alone says what was sent, so planning again after a restart plans nothing twice and forgets nothing.
/// </summary>
internal sealed class Dispatcher(Team team)
{
    public IReadOnlyList<DueAction> Plan(Incident incident, Evaluation evaluation, Instant now)
    {
        var notified = incident.Events.OfType<NotificationSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var reminded = incident.Events.OfType<ReminderSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var actions = new List<DueAction>();

        // The seed's minute 5: once declared, the incident gets its channel; recording it lets the post-mortem say so.
        if (incident.DeclaredAt is not null
            && incident.PermittedCommands.Contains(CommandKind.RecordChannel)
            && !incident.Events.OfType<ChannelCreated>().Any())
        {
            var channel = incident.ChannelName;
            actions.Add(new DueAction(
                new OutboundMessage(now, MessageKind.Channel, channel, incident.Id, null, $"created for {incident.Title ?? incident.Summary}"),
                new RecordChannel(channel)));
        }

        foreach (var obligation in evaluation.Due)
        {
            if (obligation.Kind == ObligationKind.Escalate)
            {
                if (!notified.Contains(obligation.Key))
                {
                    var (action, target) = EscalationOf(incident.Policy, obligation.Key);
                    var person = target is null ? incident.ChannelName : team.Resolve(target, incident.Policy, now);
                    var kind = action == EscalationAction.Notify ? MessageKind.Notify : MessageKind.Page;
                    actions.Add(new DueAction(
                        new OutboundMessage(now, kind, At(person), incident.Id, obligation.Key, $"{incident.Title ?? incident.Summary}: {obligation.Reason}"),
                        new RecordNotification(obligation.Key, person)));
                }
            }
            else if (!reminded.Contains(obligation.Key))
            {
                var when = obligation.DueAt == now ? "due now" : $"overdue since {TextFormats.Format(obligation.DueAt)}";
                var text = $"{obligation.Key} {when}: {obligation.Reason}";
                actions.Add(new DueAction(
                    new OutboundMessage(now, MessageKind.Reminder, RecipientOf(incident, obligation, now), incident.Id, obligation.Key, text),
                    new RecordReminder(obligation.Key)));
            }
        }

        return actions;
    }

    /// <summary>The action and target behind an escalate key: <c>escalate:RULE#n</c> for a conditional rule,
    /// <c>escalate:POLICY.LEVEL.TARGET#n</c> for a step of an escalation policy.</summary>
    internal static (EscalationAction Action, EscalationTarget? Target) EscalationOf(ResponsePolicy policy, string key)
    {
        var qualifier = key.Split(':', 2) is [_, var q] ? q.Split('#')[0] : key;
        if (policy.Escalation.FindRule(qualifier) is { } rule)
        {
            return (rule.Action, rule.Target);
        }

        var parts = qualifier.Split('.');
        if (parts.Length >= 3
            && policy.Escalation.FindPolicy(string.Join('.', parts[..^2])) is { } escalationPolicy
            && int.TryParse(parts[^2], out var level) && level >= 1 && level <= escalationPolicy.Levels.Count)
        {
            return (EscalationAction.Page, escalationPolicy.Levels[level - 1].Targets.FirstOrDefault(t => t.Id == parts[^1]));
        }

        return (EscalationAction.Page, null);
    }

    /// <summary>Who a duty falls to: the role's holder for respond, the owner of an action item, the comms lead or the
    /// commander for status updates, the responder for declaring; else the incident channel.</summary>
    private string RecipientOf(Incident incident, Obligation obligation, Instant now)
    {
        var policy = incident.Policy;
        var qualifier = obligation.Key.Split(':', 2) is [_, var q] ? q.Split('#')[0] : null;
        var assigned = (string role) => incident.RoleAssignments.LastOrDefault(r => r.Role == role)?.Person;
        var person = obligation.Kind switch
        {
            ObligationKind.Acknowledge => team.HolderOf("on-call-engineer", policy, now),
            ObligationKind.Declare or ObligationKind.AssignCommander => incident.OnCallResponder ?? team.HolderOf("on-call-engineer", policy, now),
            ObligationKind.Respond when qualifier is not null => team.HolderOf(qualifier, policy, now) ?? incident.Commander,
            ObligationKind.FirstExternalUpdate or ObligationKind.ExternalUpdate => assigned("comms-lead") ?? incident.Commander ?? incident.OnCallResponder,
            ObligationKind.InternalUpdate or ObligationKind.SchedulePostMortem => incident.Commander ?? incident.OnCallResponder,
            ObligationKind.ActionItem => incident.ActionItems.FirstOrDefault(a => a.Id == qualifier)?.Owner,
            _ => null,
        };
        return person is null ? incident.ChannelName : At(person);
    }

    private static string At(string person) => person.StartsWith('#') ? person : "@" + person;
}
