namespace IncidentPolicy.Primitives;

/// <summary>
/// Where an incident is in its lifecycle. Written camelCase in JSON (<c>postMortem</c>).
/// </summary>
/// <remarks>
/// The main path is <see cref="Triggered"/> → <see cref="Acknowledged"/> → <see cref="Investigating"/> →
/// <see cref="Mitigated"/> → <see cref="Resolved"/> → <see cref="PostMortem"/> → <see cref="Closed"/>;
/// <see cref="Declined"/> (a false alarm) and <see cref="Merged"/> are side exits.
/// </remarks>
public enum IncidentStatus
{
    /// <summary>The alert fired; nobody has acknowledged it yet.</summary>
    Triggered,

    /// <summary>Someone acknowledged the alert and is assessing it.</summary>
    Acknowledged,

    /// <summary>The incident is declared with a severity and is being investigated.</summary>
    Investigating,

    /// <summary>The impact is mitigated ("stop the bleeding"); the root cause may still be open.</summary>
    Mitigated,

    /// <summary>The incident is resolved; it may be reopened within the policy's window.</summary>
    Resolved,

    /// <summary>The post-mortem is scheduled or published.</summary>
    PostMortem,

    /// <summary>Closed; nothing more is owed except tracked action items.</summary>
    Closed,

    /// <summary>Declined as a false alarm.</summary>
    Declined,

    /// <summary>Merged into another incident.</summary>
    Merged,
}
