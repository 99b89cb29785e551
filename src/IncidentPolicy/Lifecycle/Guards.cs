using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The guards of <see cref="LifecycleTable"/>: the seed's rules and the policy's lifecycle rules.</summary>
internal static class Guards
{
    public static readonly Guard DedupKeyMatches = new(RuleIds.DedupKeyMatches, false, c =>
    {
        var key = c.Event switch
        {
            AlertJoined e => e.DedupKey,
            AlertCleared e => e.DedupKey,
            _ => null,
        };
        return c.Before.DedupKey is not { } own
            ? $"The incident's alert has no dedup key, so no alert with the key '{key}' belongs to it."
            : key != own
                ? $"The dedup key '{key}' is not the incident's; its alert came with '{own}'."
                : null;
    });

    public static readonly Guard AcknowledgeOnce = new(RuleIds.AcknowledgeOnce, false, c =>
        c.Before.AcknowledgedAt is { } at ? $"{c.Before.AcknowledgedBy} already acknowledged the alert at {Show(at)}." : null);

    public static readonly Guard SeparateOnAcknowledge = new(RuleIds.CommanderSeparateFromOnCall, false, c =>
        Separate(c) && c.Event.By == c.Before.Commander
            ? $"{c.Event.By} is the Incident Commander and cannot also be the on-call responder; the policy keeps them separate."
            : null);

    public static readonly Guard OneCommanderOnAssign = new(RuleIds.OneCommander, false, c =>
        c.Event is CommanderAssigned e && e.Person == c.Before.Commander
            ? $"{e.Person} is already the Incident Commander."
            : null);

    public static readonly Guard OneCommanderOnRole = new(RuleIds.OneCommander, false, c =>
        c.Event is RoleAssigned { Role: LifecycleRules.CommanderRole }
            ? "There is one Incident Commander, not a committee: assign the commander with assign commander, which hands off."
            : null);

    public static readonly Guard SeparateOnAssignCommander = new(RuleIds.CommanderSeparateFromOnCall, false, c =>
    {
        if (!Separate(c) || c.Event is not CommanderAssigned e)
        {
            return null;
        }

        if (c.Before.IsOnCallResponder(e.Person))
        {
            return $"{e.Person} is the incident's on-call responder and cannot also be the Incident Commander; the policy keeps them separate.";
        }

        // Whoever the on-call schedules put on call at this instant is on call, even before acknowledging.
        foreach (var schedule in c.Before.Policy.SchedulesFor(LifecycleRules.OnCallRole))
        {
            if (schedule.OnCallAtOrNobody(c.Event.At) is { } assignment && assignment.PersonId == e.Person)
            {
                return $"{e.Person} is on call now ({assignment}) and cannot also be the Incident Commander; the policy keeps them separate.";
            }
        }

        return null;
    });

    public static readonly Guard SeparateOnAssignRole = new(RuleIds.CommanderSeparateFromOnCall, false, c =>
        Separate(c) && c.Event is RoleAssigned { Role: LifecycleRules.OnCallRole } e && e.Person == c.Before.Commander
            ? $"{e.Person} is the Incident Commander and cannot also be the on-call engineer; the policy keeps them separate."
            : null);

    public static readonly Guard SeverityChanges = new(RuleIds.SeverityChanges, false, c =>
        c.Event is SeverityChanged e && e.Severity == c.Before.SeverityId ? $"The incident is already {e.Severity}." : null);

    public static readonly Guard CommanderRequired = new(RuleIds.CommanderRequired, false, c =>
        c.Before.Severity is { RequiresCommander: true } level && c.Before.Commander is null
            ? $"{level.Id} requires an Incident Commander: assign one before resolving."
            : null);

    public static readonly Guard ResolveByCommander = new(RuleIds.ResolveByCommander, true, c =>
    {
        if (c.Before.Severity is not { RequiresCommander: true } level || c.Before.Commander is null || c.Event.By == c.Before.Commander)
        {
            return null;
        }

        var resolvers = c.Before.Policy.Lifecycle.ResolverRoles;
        if (c.ActorRoles.Any(r => resolvers.Contains(r, StringComparer.Ordinal)))
        {
            return null;
        }

        var others = resolvers.Count == 0 ? "" : $" or someone with the role {string.Join(" or ", resolvers)}";
        return $"Only the Incident Commander ({c.Before.Commander}){others} may resolve a {level.Id} incident; {c.Event.By} is neither"
            + (c.Actor is null ? " as far as the log shows." : ".");
    });

    public static readonly Guard ReopenWindow = new(RuleIds.ReopenWindow, false, c =>
    {
        var window = c.Before.Policy.Lifecycle.ReopenWindow;
        return c.Before.ResolvedAt is { } resolved && c.Event.At - resolved > window
            ? $"The incident was resolved at {Show(resolved)}, more than {HumanText.Describe(window)} ago; open a new incident instead."
            : null;
    });

    public static readonly Guard PostMortemBeforeClose = new(RuleIds.PostMortemBeforeClose, false, c =>
        c.Before.Severity is { PostMortem: not null } level
            ? $"{level.Id} owes a post-mortem: schedule it before closing."
            : null);

    public static readonly Guard PublishedPostMortemWithActionItems = new(RuleIds.PublishedPostMortemWithActionItems, false, c =>
    {
        if (c.Before.Severity is not { PostMortem.ActionItemsRequiredBeforeClose: true } level)
        {
            return null;
        }

        if (c.Before.PostMortemPublishedAt is null)
        {
            return $"Every {level.Id} gets a post-mortem with action items: publish the post-mortem before closing.";
        }

        return c.Before.ActionItems.Count == 0
            ? $"Every {level.Id} gets a post-mortem with action items: add at least one action item before closing."
            : null;
    });

    public static readonly Guard ActionItemUnique = new(RuleIds.ActionItemUnique, false, c =>
        c.Event is ActionItemAdded e && c.Before.FindActionItem(e.Id) is not null ? $"Action item {e.Id} exists already." : null);

    public static readonly Guard ActionItemOwnerAndDueDate = new(RuleIds.ActionItemOwnerAndDueDate, false, c =>
        c.Event is ActionItemAdded e && (string.IsNullOrWhiteSpace(e.Owner) || e.Due == default)
            ? $"Action item {e.Id} needs an owner and a due date."
            : null);

    public static readonly Guard ActionItemExists = new(RuleIds.ActionItemExists, false, c =>
        ItemId(c.Event) is { } id && c.Before.FindActionItem(id) is null ? $"There is no action item {id}." : null);

    public static readonly Guard ActionItemOpen = new(RuleIds.ActionItemOpen, false, c =>
        ItemId(c.Event) is { } id && c.Before.FindActionItem(id) is { Status: ActionItemStatus.Done } item
            ? $"Action item {id} was completed at {Show(item.CompletedAt!.Value)}."
            : null);

    public static readonly Guard ActionItemWontDoReason = new(RuleIds.ActionItemWontDoReason, false, c =>
        c.Event is ActionItemStatusChanged { Status: ActionItemStatus.WontDo } e && string.IsNullOrWhiteSpace(e.Reason)
            ? $"Say why action item {e.Id} won't be done."
            : null);

    public static readonly Guard MergeNotSelf = new(RuleIds.MergeNotSelf, false, c =>
        c.Event is Merged e && e.Into == c.Before.Id ? "An incident cannot be merged into itself." : null);

    private static bool Separate(StepContext c) => c.Before.Policy.Lifecycle.CommanderSeparateFromOnCall;

    private static string? ItemId(IncidentEvent e) => e switch
    {
        ActionItemCompleted x => x.Id,
        ActionItemStatusChanged x => x.Id,
        _ => null,
    };

    private static string Show(Instant instant) => HumanText.Format(instant);
}
