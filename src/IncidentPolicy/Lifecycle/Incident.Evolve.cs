namespace IncidentPolicy.Lifecycle;

public sealed partial class Incident
{
    /// <summary>
    /// The incident after <paramref name="event"/>, in state <paramref name="next"/>. Only called for events the
    /// engine accepted (or, in a lenient replay, applied anyway); never changes this instance.
    /// </summary>
    internal Incident Evolve(IncidentEvent @event, LifecycleState next)
    {
        WorkMeter.Add(1);
        var copy = (Incident)MemberwiseClone();
        copy._memo = null; // what was worked out from this version does not describe the next
        copy._state = next;
        copy._events = _events.Add(@event);
        copy.StoredBytes = StoredBytes + StorableEvent.Bytes(@event);
        copy.LastEventAt = @event.At > LastEventAt || _events.Count == 0 ? @event.At : LastEventAt;
        switch (@event)
        {
            case AlertFired e:
                copy.Summary = e.Summary;
                copy.Service = e.Service;
                copy.SeverityId = e.Severity;
                copy.AlertAt = e.At;
                copy.PolicyHash = e.PolicyHash;
                copy.DedupKey = e.DedupKey;
                break;
            case AlertJoined:
                copy.JoinedAlerts = JoinedAlerts + 1;
                copy.AlertClearedAt = null;
                break;
            case AlertCleared e:
                copy.AlertClearedAt = e.At;
                break;
            case PolicyAdopted e:
                copy.PolicyHash = e.PolicyHash;
                break;
            case Acknowledged e when AcknowledgedAt is null:
                copy.AcknowledgedAt = e.At;
                copy.AcknowledgedBy = e.By;
                break;
            case Declared e:
                copy.SeverityId = e.Severity;
                copy.Title = e.Title;
                copy.DeclaredAt ??= e.At;
                break;
            case CommanderAssigned e:
                copy.Commander = e.Person;
                break;
            case RoleAssigned e when !_roleSet.Contains((e.Role, e.Person)):
                copy._roles = _roles.Add(new RoleAssignment(e.Role, e.Person, e.At));
                copy._roleSet = _roleSet.Add((e.Role, e.Person));
                copy._rolesByPerson = _rolesByPerson.SetItem(KeyOf(e.Person),
                    (_rolesByPerson.TryGetValue(KeyOf(e.Person), out var held) ? held : []).Add(e.Role));
                copy._firstOnCall ??= e.Role == LifecycleRules.OnCallRole ? e.Person : null;
                break;
            case SeverityChanged e:
                copy.SeverityId = e.Severity;
                break;
            case ImpactRecorded e:
                var figure = new ImpactFigure(e.Metric, e.Value, e.Unit, e.At);
                if (_impactIndex.TryGetValue(KeyOf(e.Metric), out var index))
                {
                    copy._impacts = _impacts.SetItem(index, figure);
                }
                else
                {
                    copy._impactIndex = _impactIndex.Add(KeyOf(e.Metric), _impacts.Count);
                    copy._impacts = _impacts.Add(figure);
                }

                break;
            case FlagRaised e when !_flagSet.Contains(KeyOf(e.Flag)):
                copy._flags = _flags.Add(e.Flag);
                copy._flagSet = _flagSet.Add(KeyOf(e.Flag));
                copy._restricted |= e.Flag is not null && Policy.Lifecycle.RestrictedFlags.Contains(e.Flag, StringComparer.Ordinal);
                break;
            case Mitigated e:
                copy.MitigatedAt = e.At;
                break;
            case StatusUpdatePosted { Audience: StatusAudience.External } e when FirstExternalUpdateAt is null:
                copy.FirstExternalUpdateAt = e.At;
                break;
            case Resolved e:
                copy.ResolvedAt = e.At;
                break;
            case Reopened:
                copy.ResolvedAt = null;
                break;
            case PostMortemScheduled e:
                copy.PostMortemScheduledFor = e.For;
                break;
            case PostMortemPublished e:
                copy.PostMortemPublishedAt = e.At;
                break;
            case ActionItemAdded e:
                copy._actionItems = _actionItems.Add(new ActionItem(e.Id, e.Action, e.Owner, e.Due, ActionItemStatus.Open, null, null));
                if (!_actionItemIndex.ContainsKey(KeyOf(e.Id)))
                {
                    copy._actionItemIndex = _actionItemIndex.Add(KeyOf(e.Id), _actionItems.Count);
                }

                break;
            case ActionItemCompleted e:
                copy._actionItems = UpdateItem(e.Id, item => item with { Status = ActionItemStatus.Done, CompletedAt = e.At });
                break;
            case ActionItemStatusChanged e:
                copy._actionItems = UpdateItem(e.Id, item => item with
                {
                    Status = e.Status,
                    CompletedAt = e.Status == ActionItemStatus.Done ? e.At : null,
                    Reason = e.Reason,
                });
                break;
            case Closed e:
                copy.ClosedAt = e.At;
                break;
            case Merged e:
                copy.MergedInto = e.Into;
                break;
        }

        return copy;
    }

    private System.Collections.Immutable.ImmutableList<ActionItem> UpdateItem(string id, Func<ActionItem, ActionItem> change)
    {
        return _actionItemIndex.TryGetValue(KeyOf(id), out var index) ? _actionItems.SetItem(index, change(_actionItems[index])) : _actionItems;
    }

    /// <summary>The first action item with <paramref name="id"/>, or <see langword="null"/>.</summary>
    internal ActionItem? FindActionItem(string? id) =>
        _actionItemIndex.TryGetValue(KeyOf(id), out var index) ? _actionItems[index] : null;

    /// <summary>A lookup key for a text an event holds; a leniently replayed event built in code may hold null, which
    /// no storable text equals.</summary>
    private static string KeyOf(string? text) => text ?? "\0null";

    internal LifecycleState State => _state;

    /// <summary>The events, oldest first, for a loop that allocates nothing.</summary>
    internal ReadOnlySpan<IncidentEvent> EventSpan => _events.AsSpan();

    /// <summary>Whether <paramref name="person"/> is the on-call responder or holds <c>on-call-engineer</c> here.</summary>
    internal bool IsOnCallResponder(string person) =>
        person == AcknowledgedBy || _roleSet.Contains((LifecycleRules.OnCallRole, person));
}
