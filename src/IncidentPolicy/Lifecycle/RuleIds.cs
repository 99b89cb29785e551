namespace IncidentPolicy.Lifecycle;

/// <summary>
/// The ids of the lifecycle's rules, as rejections and audit violations name them. Each is a guard on the
/// lifecycle's state machine or a check made before it.
/// </summary>
public static class RuleIds
{
    /// <summary>A command's instant may not precede the incident's last event.</summary>
    public const string TimeOrder = "time.order";

    /// <summary>The actor must have an id and hold only roles the policy has.</summary>
    public const string ActorKnown = "actor.known";

    /// <summary>Prefix of the permission rules: <c>permissions.resolve</c> and so on.</summary>
    public const string PermissionsPrefix = "permissions.";

    /// <summary>The command must be possible in the incident's state.</summary>
    public const string Transition = "lifecycle.transition";

    /// <summary>Required texts (summary, title, message, …) must not be blank.</summary>
    public const string TextRequired = "command.textRequired";

    /// <summary>What a command records must be storable as the event log writes it and read back unchanged: valid
    /// Unicode, no control characters (free text may hold line breaks and tabs), instants and dates within the
    /// supported range, and sizes within <see cref="Limits"/>.</summary>
    public const string Storable = "command.storable";

    /// <summary>A severity must be one of the policy's.</summary>
    public const string SeverityKnown = "command.severityKnown";

    /// <summary>A role must be one of the policy's.</summary>
    public const string RoleKnown = "command.roleKnown";

    /// <summary>The person a role is assigned to must not be one of the policy's role ids (unless a person of the
    /// policy has that id too): the role and the person were given the wrong way round, or the person is missing.
    /// Checked by <c>Incident.Apply</c>; a replay accepts what its log recorded.</summary>
    public const string PersonNotRole = "command.personNotRole";

    /// <summary>An alert is acknowledged once.</summary>
    public const string AcknowledgeOnce = "acknowledge.once";

    /// <summary>Rule 2: one Incident Commander at a time — assign the commander with assignCommander (a hand-off), not as a role.</summary>
    public const string OneCommander = "commander.one";

    /// <summary>The Incident Commander is not the incident's on-call responder, when the policy keeps them separate.</summary>
    public const string CommanderSeparateFromOnCall = "commander.separateFromOnCall";

    /// <summary>A severity that requires a commander cannot be resolved without one.</summary>
    public const string CommanderRequired = "commander.required";

    /// <summary>Only the commander, or a role the policy permits, resolves an incident whose severity requires a commander.</summary>
    public const string ResolveByCommander = "resolve.byCommander";

    /// <summary>A severity change must change the severity.</summary>
    public const string SeverityChanges = "severity.changes";

    /// <summary>A resolved incident may be reopened only within the policy's window.</summary>
    public const string ReopenWindow = "reopen.window";

    /// <summary>Severities with a post-mortem rule close from the post-mortem, not straight from resolved.</summary>
    public const string PostMortemBeforeClose = "close.postMortemFirst";

    /// <summary>Rule 5: where the severity demands it, close requires a published post-mortem with at least one action item.</summary>
    public const string PublishedPostMortemWithActionItems = "close.postMortemWithActionItems";

    /// <summary>Action item ids are unique within an incident.</summary>
    public const string ActionItemUnique = "actionItem.unique";

    /// <summary>Rule 6: every action item has an owner and a due date.</summary>
    public const string ActionItemOwnerAndDueDate = "actionItem.ownerAndDueDate";

    /// <summary>An action item must exist to be completed or changed.</summary>
    public const string ActionItemExists = "actionItem.exists";

    /// <summary>A completed action item cannot be completed again.</summary>
    public const string ActionItemOpen = "actionItem.open";

    /// <summary>An action item marked won't do needs a reason.</summary>
    public const string ActionItemWontDoReason = "actionItem.wontDoReason";

    /// <summary>An alert joins, or a clear reaches, only the incident opened with its dedup key.</summary>
    public const string DedupKeyMatches = "alert.dedupKeyMatches";

    /// <summary>An incident adopts only the policy it is governed by, and a log that adopted a policy is replayed under
    /// the last policy it adopted (<see cref="Incident.Adopt"/>).</summary>
    public const string PolicyAdopted = "policy.adopted";

    /// <summary>An incident cannot be merged into itself.</summary>
    public const string MergeNotSelf = "merge.notSelf";
}
