using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>
/// Turns a <see cref="HistoryPlan"/> into a valid history by driving <see cref="Incident.Apply"/>: each intent becomes
/// one command chosen from what the incident's current state permits, tried as each actor of a small cast in turn,
/// and kept only when accepted. Deterministic, so the same plan always gives the same history.
/// </summary>
internal sealed class HistoryDriver
{
    public const string IncidentId = "INC-GENERATED-1";

    private static readonly Actor Monitoring = new("monitoring");
    private static readonly string[] CommanderCandidates = ["commander-1", "commander-2", "commander-3"];
    private static readonly string[] Flags = ["customerFacing", "dataBreachSuspected", "restricted", "checkoutDown"];

    private readonly ResponsePolicy _policy;
    private readonly Actor _responder;
    private readonly Actor _lead;
    private readonly string[] _roleIds;
    private readonly string[] _severityIds;

    public HistoryDriver(ResponsePolicy policy)
    {
        _policy = policy;
        _roleIds = policy.Roles.Select(r => r.Id).ToArray();
        _severityIds = policy.Severities.Select(l => l.Id).ToArray();

        // Both hold every organisation role the policy has, so permission tables never stand in the way; the
        // responder acknowledges, the lead does the rest, and commanders come from outside the on-call schedules.
        _responder = new Actor("responder-1", _roleIds);
        _lead = new Actor("lead-1", _roleIds);
    }

    public IncidentHistory Drive(HistoryPlan plan)
    {
        var severity = plan.AlertSeverity >= 0 && _severityIds.Length > 0 ? _severityIds[plan.AlertSeverity % _severityIds.Length] : null;
        var alert = new RaiseAlert("Generated alert: checkout error rate > 5%", "checkout", severity);
        var raised = Incident.Raise(_policy, IncidentId, alert, Monitoring, plan.Start);
        if (!raised.IsAccepted)
        {
            throw new InvalidOperationException($"The policy rejected the generated alert: {raised}");
        }

        var incident = raised.Incident!;
        var steps = new List<HistoryStep> { new(alert, Monitoring, plan.Start, raised.Event!, incident.Status) };
        var now = plan.Start;
        var actionItems = 0;
        foreach (var intent in plan.Intents)
        {
            now += Duration.FromMinutes(intent.Minutes);
            var command = Choose(incident, intent, now, actionItems);
            if (command is null)
            {
                continue;
            }

            foreach (var actor in ActorsFor(incident, command))
            {
                var result = incident.Apply(command, actor, now, incident.Version);
                if (result.IsAccepted)
                {
                    incident = result.Incident!;
                    steps.Add(new HistoryStep(command, actor, now, result.Event!, incident.Status));
                    actionItems += command is AddActionItem ? 1 : 0;
                    break;
                }
            }
        }

        return new IncidentHistory(_policy, incident, steps, plan);
    }

    private IEnumerable<Actor> ActorsFor(Incident incident, IncidentCommand command)
    {
        if (command is Acknowledge)
        {
            yield return _responder;
            yield break;
        }

        yield return _lead;
        if (incident.Commander is { } commander)
        {
            yield return new Actor(commander, _roleIds);
        }

        yield return _responder;
    }

    private IncidentCommand? Choose(Incident incident, HistoryIntent intent, Instant now, int actionItems)
    {
        var choice = intent.Choice;
        return intent.Kind switch
        {
            IntentKind.Progress => Progress(incident, choice, now, actionItems),
            IntentKind.Acknowledge => new Acknowledge(),
            IntentKind.Declare => new Declare(incident.SeverityId ?? Pick(_severityIds, choice), "Checkout errors"),
            IntentKind.AssignCommander => new AssignCommander(NextCommander(incident, choice)),
            IntentKind.AssignRole => AssignRole(choice),
            IntentKind.ChangeSeverity => ChangeSeverity(incident, choice),
            IntentKind.StatusUpdate => new PostStatusUpdate(choice % 2 == 0 ? StatusAudience.External : StatusAudience.Internal, "Still investigating"),
            IntentKind.RecordImpact => new RecordImpact(choice % 3 == 0 ? "paymentFailureRate" : "revenueLoss", choice * 1000m % 60_000m),
            IntentKind.RaiseFlag => new RaiseFlag(Pick(Flags, choice)),
            IntentKind.Mitigate => new Mitigate("Hotfix deployed"),
            IntentKind.Resolve => new Resolve("Monitoring confirmed stable"),
            IntentKind.Reopen => new Reopen("Errors are back"),
            IntentKind.SchedulePostMortem => new SchedulePostMortem(now + Duration.FromDays(1 + (choice % 3))),
            IntentKind.PublishPostMortem => new PublishPostMortem(),
            IntentKind.AddActionItem => AddActionItem(now, actionItems, choice),
            IntentKind.CompleteActionItem => incident.ActionItems.FirstOrDefault(i => i.Status != ActionItemStatus.Done) is { } item
                ? new CompleteActionItem(item.Id)
                : null,
            IntentKind.Close => new Close(),
            IntentKind.Decline => new Decline("False alarm"),
            IntentKind.Merge => new MergeInto("INC-GENERATED-0"),
            IntentKind.AddNote => new AddNote("Looking at the dashboards"),
            _ => new RecordNotification("escalate:generated#1", Pick(_roleIds, choice)),
        };
    }

    // The next step along triggered → acknowledged → investigating → mitigated → resolved → postMortem → closed,
    // with what the policy asks for first; now and then a detour the main path would never take (a severity change, a
    // commander hand-off, a reopen), so every history of enough steps has a fair chance of each.
    private IncidentCommand? Progress(Incident incident, int choice, Instant now, int actionItems)
    {
        var level = incident.Severity;
        var open = incident.Status is IncidentStatus.Investigating or IncidentStatus.Mitigated;
        if (open && choice % 7 == 1)
        {
            return ChangeSeverity(incident, choice / 7);
        }

        if (open && incident.Commander is not null && choice % 7 == 2)
        {
            return new AssignCommander(NextCommander(incident, choice / 7));
        }

        if (incident.Status == IncidentStatus.Resolved && choice % 5 == 3)
        {
            return new Reopen("Errors are back");
        }

        var needsCommander = level is { RequiresCommander: true } && incident.Commander is null;
        return incident.Status switch
        {
            IncidentStatus.Triggered => incident.SeverityId is null || choice % 2 == 0
                ? new Declare(incident.SeverityId ?? Pick(_severityIds, choice), "Checkout errors")
                : new Acknowledge(),
            IncidentStatus.Acknowledged => new Declare(incident.SeverityId ?? Pick(_severityIds, choice), "Checkout errors"),
            IncidentStatus.Investigating => needsCommander ? new AssignCommander(NextCommander(incident, choice)) : new Mitigate("Hotfix deployed"),
            IncidentStatus.Mitigated => needsCommander ? new AssignCommander(NextCommander(incident, choice)) : new Resolve("Monitoring confirmed stable"),
            IncidentStatus.Resolved => level?.PostMortem is not null ? new SchedulePostMortem(now + Duration.FromDays(1)) : new Close(),
            IncidentStatus.PostMortem when incident.PostMortemPublishedAt is null => new PublishPostMortem(),
            IncidentStatus.PostMortem when level is { PostMortem.ActionItemsRequiredBeforeClose: true } && incident.ActionItems.Count == 0
                => AddActionItem(now, actionItems, choice),
            IncidentStatus.PostMortem when incident.ActionItems.FirstOrDefault(i => i.Status != ActionItemStatus.Done) is { } item && choice % 2 == 0
                => new CompleteActionItem(item.Id),
            IncidentStatus.PostMortem => new Close(),
            _ => null,
        };
    }

    private string NextCommander(Incident incident, int choice)
    {
        var person = Pick(CommanderCandidates, choice);
        return person == incident.Commander ? Pick(CommanderCandidates, choice + 1) : person;
    }

    private IncidentCommand? AssignRole(int choice)
    {
        var roles = _roleIds.Where(r => r is not LifecycleRules.CommanderRole and not LifecycleRules.OnCallRole).ToArray();
        return roles.Length == 0 ? null : new AssignRole(Role: Pick(roles, choice), Person: $"person-{(choice % 4) + 1}");
    }

    private IncidentCommand? ChangeSeverity(Incident incident, int choice)
    {
        var others = _severityIds.Where(id => id != incident.SeverityId).ToArray();
        return others.Length == 0 ? null : new ChangeSeverity(Pick(others, choice), "Reassessed");
    }

    private AddActionItem AddActionItem(Instant now, int actionItems, int choice) =>
        new($"AI-{actionItems + 1}", "Add integration tests for webhook events", $"owner-{(choice % 3) + 1}",
            now.InZone(_policy.Calendar.Zone).Date.PlusDays(7 + (choice % 14)));

    private static string Pick(string[] values, int choice) => values[(int)((uint)choice % (uint)values.Length)];
}
