namespace IncidentPolicy.Primitives;

/// <summary>The state of a post-mortem action item. Written camelCase in JSON (<c>inProgress</c>, <c>wontDo</c>).</summary>
public enum ActionItemStatus
{
    /// <summary>Not started.</summary>
    Open,

    /// <summary>Being worked on.</summary>
    InProgress,

    /// <summary>Completed.</summary>
    Done,

    /// <summary>Deliberately not done; the reason is recorded.</summary>
    WontDo,
}
