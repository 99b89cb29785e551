namespace IncidentPolicy.Primitives;

/// <summary>
/// The kinds of things a policy says must happen by a deadline. Written camelCase in JSON
/// (<c>firstExternalUpdate</c>).
/// </summary>
public enum ObligationKind
{
    /// <summary>Someone acknowledges the alert.</summary>
    Acknowledge,

    /// <summary>The incident is declared with a severity (SEV-1/2 in the default policy).</summary>
    Declare,

    /// <summary>An Incident Commander is assigned.</summary>
    AssignCommander,

    /// <summary>A role the severity involves is engaged.</summary>
    Respond,

    /// <summary>The first status-page update.</summary>
    FirstExternalUpdate,

    /// <summary>A later status-page update, one cadence after the previous one.</summary>
    ExternalUpdate,

    /// <summary>An update of any audience, so the commander never goes silent too long.</summary>
    InternalUpdate,

    /// <summary>A page or notification an escalation rule calls for.</summary>
    Escalate,

    /// <summary>The post-mortem is scheduled after resolution.</summary>
    SchedulePostMortem,

    /// <summary>A post-mortem action item is completed by its due date.</summary>
    ActionItem,
}
