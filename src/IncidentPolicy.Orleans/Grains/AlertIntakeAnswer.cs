namespace IncidentPolicy.Orleans.Grains;

/// <summary>What the alert intake did with an alert action.</summary>
/// <param name="IncidentId">The incident the action went to, or <see langword="null"/> when no open incident has the
/// dedup key (acknowledge, resolve and clear only).</param>
/// <param name="Answer">The incident grain's answer, or <see langword="null"/> when there was no incident.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AlertIntakeAnswer(string? IncidentId, ApplyAnswer? Answer)
{
    /// <summary>No open incident has the dedup key: nothing was done.</summary>
    public static AlertIntakeAnswer NoIncident { get; } = new(null, null);
}
