namespace IncidentPolicy.Primitives;

/// <summary>Who a posted status update is for. Written camelCase in JSON (<c>external</c>).</summary>
public enum StatusAudience
{
    /// <summary>The incident channel and internal stakeholders.</summary>
    Internal,

    /// <summary>The public status page.</summary>
    External,
}
