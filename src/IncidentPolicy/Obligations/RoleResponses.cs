using System.Collections.Immutable;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Which events meet a role's <c>respond:ROLE</c> obligation (<see cref="Role.RespondedBy"/>), and who holds a role at
/// an event, as the log tells it. The plain fold and the engine both ask here, so they cannot disagree.
/// </summary>
internal static class RoleResponses
{
    /// <summary>Who holds which role so far, from the events folded: the Incident Commander, the first acknowledger and
    /// every role assigned. Immutable; each change is a new value, so a kept fold can share it.</summary>
    internal sealed record Holders(string? Commander, string? Acknowledger, ImmutableHashSet<(string Role, string Person)> Assigned)
    {
        public static readonly Holders None = new(null, null, []);

        /// <summary>The holders after <paramref name="incidentEvent"/>: a commander assigned replaces the previous one, the
        /// first acknowledger is kept, an assigned role is added.</summary>
        public Holders After(IncidentEvent incidentEvent) => incidentEvent switch
        {
            CommanderAssigned e => this with { Commander = e.Person },
            Acknowledged e when Acknowledger is null => this with { Acknowledger = e.By },
            RoleAssigned e when e.Role is not null && e.Person is not null && !Assigned.Contains((e.Role, e.Person)) =>
                this with { Assigned = Assigned.Add((e.Role, e.Person)) },
            _ => this,
        };
    }

    /// <summary>Whether any role of <paramref name="policy"/> needs to know who holds it: one that lists an event other
    /// than its assignment (and, for the on-call role, an acknowledgement, whose actor holds it by acknowledging). Folds
    /// keep <see cref="Holders"/> only then, so that the default costs nothing.</summary>
    public static bool NeedHolders(ResponsePolicy policy)
    {
        foreach (var role in policy.Roles)
        {
            foreach (var listed in role.RespondedBy)
            {
                if (listed is not ResponseEvent.RoleAssigned && !(listed is ResponseEvent.Acknowledged && role.Id == LifecycleRules.OnCallRole))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>By <see cref="CommandKind"/> of an event: the roles of <paramref name="roles"/> that list events of
    /// that kind, in policy order. A role not in an event kind's entry never shows responding by such an event, so a fold
    /// asks <see cref="Lists"/> only of these (which may still say no: a <c>roleAssigned</c> of another role).</summary>
    public static Role[][] ListingByKind(IReadOnlyList<Role> roles)
    {
        var byKind = new Role[Enum.GetValues<CommandKind>().Length][];
        for (var kind = 0; kind < byKind.Length; kind++)
        {
            byKind[kind] = [.. roles.Where(role => role.RespondedBy.Any(listed => KindOf(listed) == (CommandKind)kind))];
        }

        return byKind;
    }

    /// <summary>The kind of event a response event is.</summary>
    private static CommandKind KindOf(ResponseEvent listed) => listed switch
    {
        ResponseEvent.RoleAssigned => CommandKind.AssignRole,
        ResponseEvent.Acknowledged => CommandKind.Acknowledge,
        ResponseEvent.Declared => CommandKind.Declare,
        ResponseEvent.StatusUpdatePosted or ResponseEvent.ExternalStatusUpdatePosted or ResponseEvent.InternalStatusUpdatePosted =>
            CommandKind.PostStatusUpdate,
        ResponseEvent.NoteAdded => CommandKind.AddNote,
        ResponseEvent.Mitigated => CommandKind.Mitigate,
        ResponseEvent.ChannelCreated => CommandKind.RecordChannel,
        _ => throw new ArgumentOutOfRangeException(nameof(listed), listed, "A response event with no event kind."),
    };

    /// <summary>Whether <paramref name="role"/> lists the kind of <paramref name="incidentEvent"/>; for
    /// <c>roleAssigned</c>, only an assignment of that role.</summary>
    public static bool Lists(Role role, IncidentEvent incidentEvent) => incidentEvent switch
    {
        RoleAssigned e => e.Role == role.Id && role.RespondsTo(ResponseEvent.RoleAssigned),
        Acknowledged => role.RespondsTo(ResponseEvent.Acknowledged),
        Declared => role.RespondsTo(ResponseEvent.Declared),
        StatusUpdatePosted e => role.RespondsTo(ResponseEvent.StatusUpdatePosted)
            || role.RespondsTo(e.Audience == StatusAudience.External ? ResponseEvent.ExternalStatusUpdatePosted : ResponseEvent.InternalStatusUpdatePosted),
        NoteAdded => role.RespondsTo(ResponseEvent.NoteAdded),
        Mitigated => role.RespondsTo(ResponseEvent.Mitigated),
        ChannelCreated => role.RespondsTo(ResponseEvent.ChannelCreated),
        _ => false,
    };

    /// <summary>Whether the event shows <paramref name="role"/> responding: it lists the event, and (except for
    /// <c>roleAssigned</c>) the event's actor holds the role at the event — by the log (<paramref name="holders"/>,
    /// already updated with the event; an acknowledgement's actor holds the on-call role) or by being on call on one
    /// of the policy's schedules for the role.</summary>
    public static bool Meets(ResponsePolicy policy, Role role, IncidentEvent incidentEvent, Holders holders)
    {
        if (!Lists(role, incidentEvent))
        {
            return false;
        }

        if (incidentEvent is RoleAssigned)
        {
            return true;
        }

        var person = incidentEvent.By;
        if (person is null)
        {
            return false;
        }

        if ((role.Id == LifecycleRules.CommanderRole && person == holders.Commander)
            || (role.Id == LifecycleRules.OnCallRole && (person == holders.Acknowledger || incidentEvent is Acknowledged))
            || holders.Assigned.Contains((role.Id, person)))
        {
            return true;
        }

        return OnCall(policy, role.Id, person, incidentEvent.At);
    }

    private static bool OnCall(ResponsePolicy policy, string roleId, string person, Instant at)
    {
        if (!Limits.Contains(at))
        {
            return false;
        }

        foreach (var schedule in policy.Schedules)
        {
            if (schedule.Role == roleId && schedule.OnCallAt(at)?.PersonId == person)
            {
                return true;
            }
        }

        return false;
    }
}
