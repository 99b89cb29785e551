namespace IncidentPolicy.Obligations;

/// <summary>Where an obligation stands at the instant of an evaluation. Written camelCase in JSON (<c>metLate</c>).</summary>
public enum ObligationState
{
    /// <summary>Not met, and not yet overdue.</summary>
    Pending,

    /// <summary>Not met, and its deadline has passed; <see cref="Obligation.LateBy"/> says by how much.</summary>
    Overdue,

    /// <summary>Met at or before its deadline.</summary>
    Met,

    /// <summary>Met after its deadline; <see cref="Obligation.LateBy"/> says by how much.</summary>
    MetLate,

    /// <summary>No longer owed: the incident was resolved, declined or merged, or its severity changed, before it fell due.</summary>
    Cancelled,
}
