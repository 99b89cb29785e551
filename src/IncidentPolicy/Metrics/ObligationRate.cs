namespace IncidentPolicy.Metrics;

/// <summary>How often one kind of obligation was met on time across the incidents of an
/// <see cref="IncidentMetrics"/>.</summary>
/// <remarks>Only decided obligations count: met, met late, or overdue at the metrics instant. Pending obligations
/// (not yet due) and cancelled ones (no longer owed) are left out. Immutable and thread-safe.</remarks>
/// <param name="Kind">The obligation kind.</param>
/// <param name="Met">Met at or before their due instant.</param>
/// <param name="MetLate">Met after their due instant.</param>
/// <param name="Overdue">Not met and past their due instant.</param>
public sealed record ObligationRate(ObligationKind Kind, int Met, int MetLate, int Overdue)
{
    /// <summary>Decided obligations: <c>Met + MetLate + Overdue</c>.</summary>
    public int Decided => Met + MetLate + Overdue;

    /// <summary>The share met on time, <c>Met / Decided</c>, from 0 to 1; <see langword="null"/> when none is
    /// decided.</summary>
    public double? OnTimeRate => Decided == 0 ? null : (double)Met / Decided;
}
