namespace IncidentPolicy;

/// <summary>
/// Every command an incident accepts. The policy's permission table is keyed by these, written camelCase
/// (<c>assignCommander</c>); each command produces the event of the same meaning.
/// </summary>
public enum CommandKind
{
    /// <summary>An alert fires and opens the incident (<c>alertFired</c>).</summary>
    RaiseAlert,

    /// <summary>Someone acknowledges the alert (<c>acknowledged</c>).</summary>
    Acknowledge,

    /// <summary>The incident is declared with a severity and a title (<c>declared</c>).</summary>
    Declare,

    /// <summary>An Incident Commander is assigned; a later assignment is a hand-off (<c>commanderAssigned</c>).</summary>
    AssignCommander,

    /// <summary>A person takes a role, such as comms lead (<c>roleAssigned</c>).</summary>
    AssignRole,

    /// <summary>The severity changes (<c>severityChanged</c>).</summary>
    ChangeSeverity,

    /// <summary>A status update is posted internally or to the status page (<c>statusUpdatePosted</c>).</summary>
    PostStatusUpdate,

    /// <summary>An impact figure is recorded, e.g. failed checkouts or revenue loss (<c>impactRecorded</c>).</summary>
    RecordImpact,

    /// <summary>A flag is raised, e.g. <c>dataBreachSuspected</c> (<c>flagRaised</c>).</summary>
    RaiseFlag,

    /// <summary>The impact is mitigated (<c>mitigated</c>).</summary>
    Mitigate,

    /// <summary>The incident is resolved (<c>resolved</c>).</summary>
    Resolve,

    /// <summary>A resolved incident is reopened within the policy's window (<c>reopened</c>).</summary>
    Reopen,

    /// <summary>The post-mortem is scheduled (<c>postMortemScheduled</c>).</summary>
    SchedulePostMortem,

    /// <summary>The post-mortem is published (<c>postMortemPublished</c>).</summary>
    PublishPostMortem,

    /// <summary>A post-mortem action item is added with its owner and due date (<c>actionItemAdded</c>).</summary>
    AddActionItem,

    /// <summary>An action item is completed (<c>actionItemCompleted</c>).</summary>
    CompleteActionItem,

    /// <summary>An action item changes status, e.g. won't do with a reason (<c>actionItemStatusChanged</c>).</summary>
    ChangeActionItemStatus,

    /// <summary>The incident is closed (<c>closed</c>).</summary>
    Close,

    /// <summary>The alert is declined as a false alarm (<c>declined</c>).</summary>
    Decline,

    /// <summary>The incident is merged into another one (<c>merged</c>).</summary>
    MergeInto,

    /// <summary>A note is added to the timeline (<c>noteAdded</c>).</summary>
    AddNote,

    /// <summary>A host records a page or notification it sent for an obligation (<c>notificationSent</c>).</summary>
    RecordNotification,

    /// <summary>A host records a reminder it sent about an obligation (<c>reminderSent</c>).</summary>
    RecordReminder,

    /// <summary>A host records that it created the incident's chat channel (<c>channelCreated</c>).</summary>
    RecordChannel,

    /// <summary>An alert with the open incident's dedup key fired again and joins it (<c>alertJoined</c>).</summary>
    JoinAlert,

    /// <summary>The alert source says the alert with the incident's dedup key cleared (<c>alertCleared</c>); it does not
    /// resolve the incident.</summary>
    ClearAlert,

    /// <summary>The incident is migrated to another policy, named by its content hash (<c>policyAdopted</c>).</summary>
    AdoptPolicy,
}
