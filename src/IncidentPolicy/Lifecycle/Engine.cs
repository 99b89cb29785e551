namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Checks one event against an incident — its time, its actor, its data, the permission table, and the lifecycle
/// machine with its guards — and says which state it leads to.
/// </summary>
internal static class Engine
{
    /// <summary>Checks an event for <c>Apply</c> (with <paramref name="actor"/>) or a strict replay (without).</summary>
    public static (Rejection? Rejection, LifecycleState Next) Step(Incident before, IncidentEvent @event, Actor? actor)
    {
        var rejection = CheckTime(before, @event) ?? CheckActor(before, @event, actor) ?? CheckData(before, @event, live: actor is not null);
        if (rejection is not null)
        {
            return (rejection, before.State);
        }

        var context = StepContext.Rent(before, @event, actor, actor is null ? StepMode.Strict : StepMode.Live, before.Version, null);
        try
        {
            LifecycleMachine.Fire(context);
            if (!context.Unhandled)
            {
                return (null, context.State);
            }

            return context.FailedGuard is { } guard
                ? (new Rejection(RejectionCode.GuardFailed, context.FailedReason!, guard.RuleId), before.State)
                : (InvalidTransition(before, @event), before.State);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Applies an event for an audit: every broken rule becomes a violation and the event still counts.</summary>
    public static LifecycleState StepLeniently(Incident before, IncidentEvent @event, int index, List<Violation> violations)
    {
        foreach (var rejection in new[] { CheckTime(before, @event), CheckActor(before, @event, null), CheckData(before, @event, live: false) })
        {
            if (rejection is not null)
            {
                violations.Add(new Violation(rejection.RuleId, index, rejection.Reason));
            }
        }

        var context = StepContext.Rent(before, @event, null, StepMode.Lenient, index, violations);
        bool unhandled;
        LifecycleState next;
        try
        {
            LifecycleMachine.Fire(context);
            (unhandled, next) = (context.Unhandled, context.State);
        }
        finally
        {
            context.Return();
        }

        if (!unhandled)
        {
            return next;
        }

        var invalid = InvalidTransition(before, @event);
        violations.Add(new Violation(invalid.RuleId, index, invalid.Reason));
        return LifecycleTable.ForcedTarget(before.State, @event.Kind);
    }

    private static Rejection InvalidTransition(Incident before, IncidentEvent @event)
    {
        if (before.State == LifecycleState.Start)
        {
            return new Rejection(RejectionCode.InvalidTransition, $"An incident starts with its alert, not with {@event.Type}.", RuleIds.Transition);
        }

        var allowed = before.PermittedCommands.Select(c => Incident.Describe(c)).ToList();
        return new Rejection(
            RejectionCode.InvalidTransition,
            $"Cannot {Incident.Describe(@event.Kind)} an incident that is {HumanText.Words(HumanText.CamelCase(before.Status))}"
            + (allowed.Count == 0 ? "." : $"; possible now: {string.Join(", ", allowed)}."),
            RuleIds.Transition);
    }

    private static Rejection? CheckTime(Incident before, IncidentEvent @event) =>
        StorableEvent.CheckInstants(@event) ?? (before.Version > 0 && @event.At < before.LastEventAt
            ? new Rejection(
                RejectionCode.TimeWentBackwards,
                $"{HumanText.Format(@event.At)} is before the incident's last event at {HumanText.Format(before.LastEventAt)}.",
                RuleIds.TimeOrder)
            : null);

    private static Rejection? CheckActor(Incident before, IncidentEvent @event, Actor? actor)
    {
        if (string.IsNullOrWhiteSpace(@event.By))
        {
            return new Rejection(RejectionCode.UnknownActor, "The actor has no id.", RuleIds.ActorKnown);
        }

        if (actor is null)
        {
            return null;
        }

        var policy = before.Policy;
        var roles = actor.Roles;
        for (var i = 0; i < roles.Count; i++)
        {
            if (policy.FindRole(roles[i]) is null)
            {
                return new Rejection(RejectionCode.UnknownActor, $"{actor.Id} claims the role '{roles[i]}', which the policy does not have.", RuleIds.ActorKnown);
            }
        }

        var permissions = policy.Lifecycle.Permissions;
        var command = @event.Kind;
        if (permissions.RolesFor(command) is { } allowed && !permissions.Allows(command, actor.Roles.Concat(before.IncidentRolesOf(actor.Id))))
        {
            return new Rejection(
                RejectionCode.NotPermitted,
                $"{actor.Id} may not {Incident.Describe(command)}: the policy allows it to {string.Join(", ", allowed)}.",
                RuleIds.PermissionsPrefix + HumanText.CamelCase(command));
        }

        return null;
    }

    /// <summary>Checks what the event carries against the policy; <paramref name="live"/> adds the checks that only
    /// <c>Apply</c> makes (a replay accepts what its log recorded).</summary>
    private static Rejection? CheckData(Incident before, IncidentEvent @event, bool live)
    {
        var policy = before.Policy;
        return @event switch
        {
            AlertFired e => Blank(e.Summary, "alert summary") ?? Severity(policy, e.Severity),
            Declared e => Severity(policy, e.Severity ?? "") ?? Blank(e.Title, "title"),
            CommanderAssigned e => Blank(e.Person, "commander"),
            RoleAssigned e => Blank(e.Person, "person") ?? RoleAndPerson(policy, e, live),
            SeverityChanged e => Severity(policy, e.Severity ?? ""),
            StatusUpdatePosted e => Blank(e.Message, "status update") ?? (Enum.IsDefined(e.Audience)
                ? null
                : new Rejection(RejectionCode.InvalidCommand, $"{(int)e.Audience} is not an audience.", RuleIds.TextRequired)),
            ImpactRecorded e => Blank(e.Metric, "impact metric"),
            FlagRaised e => Blank(e.Flag, "flag"),
            ActionItemAdded e => Blank(e.Id, "action item id") ?? Blank(e.Action, "action"),
            ActionItemCompleted e => Blank(e.Id, "action item id"),
            ActionItemStatusChanged e => Blank(e.Id, "action item id") ?? (Enum.IsDefined(e.Status)
                ? null
                : new Rejection(RejectionCode.InvalidCommand, $"{(int)e.Status} is not an action item status.", RuleIds.TextRequired)),
            Merged e => Blank(e.Into, "incident to merge into"),
            NoteAdded e => Blank(e.Text, "note"),
            NotificationSent e => Blank(e.Key, "obligation key") ?? Blank(e.Target, "notification target"),
            ReminderSent e => Blank(e.Key, "obligation key"),
            ChannelCreated e => Blank(e.Channel, "channel"),
            AlertJoined e => Blank(e.Summary, "alert summary") ?? Blank(e.DedupKey, "dedup key"),
            AlertCleared e => Blank(e.DedupKey, "dedup key"),
            PolicyAdopted e => Blank(e.PolicyHash, "policy hash"),
            _ => null,
        };
    }

    /// <summary>The role must be one of the policy's; when it is not, or (live) when the person is a role id, the reason
    /// says which argument is the role and which the person, since the two are easily swapped.</summary>
    private static Rejection? RoleAndPerson(ResponsePolicy policy, RoleAssigned e, bool live)
    {
        var role = e.Role ?? "";
        var personIsRole = policy.FindRole(e.Person) is not null && policy.FindPerson(e.Person) is null;
        if (policy.FindRole(role) is null)
        {
            var roleIsPerson = policy.FindPerson(role) is not null;
            var reason = (personIsRole, roleIsPerson) switch
            {
                (true, true) => $"'{role}' is a person and '{e.Person}' is a role of the policy: the role and the person are swapped; assign the role '{e.Person}' to '{role}'.",
                (true, false) => $"Unknown role '{role}', but '{e.Person}', given as the person, is a role of the policy: the role and the person look swapped; assign the role '{e.Person}' to '{role}'.",
                (false, true) => $"'{role}' is a person of the policy, not a role; give the role first, then the person. The policy's roles are: {string.Join(", ", policy.Roles.Select(r => r.Id))}.",
                _ => $"Unknown role '{role}'; the policy's roles are: {string.Join(", ", policy.Roles.Select(r => r.Id))}.",
            };
            return new Rejection(RejectionCode.InvalidCommand, reason, RuleIds.RoleKnown);
        }

        return live && personIsRole
            ? new Rejection(
                RejectionCode.InvalidCommand,
                $"'{e.Person}', given as the person, is a role of the policy, not a person; give the role '{role}' first, then the person who takes it.",
                RuleIds.PersonNotRole)
            : null;
    }

    private static Rejection? Blank(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? new Rejection(RejectionCode.InvalidCommand, $"The {what} must not be blank.", RuleIds.TextRequired) : null;

    private static Rejection? Severity(ResponsePolicy policy, string? id) =>
        id is null || policy.Severities.Find(id) is not null
            ? null
            : new Rejection(RejectionCode.InvalidCommand, $"Unknown severity '{id}'; the policy has {policy.Severities}.", RuleIds.SeverityKnown);
}
