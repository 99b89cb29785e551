using IncidentPolicy;

namespace IncidentService.Intake;

/// <summary>A checked <see cref="IntegrationRoute"/>: the service and the policy itself.</summary>
/// <param name="Service">The service, or <see langword="null"/> when the event's own service (or none) applies.</param>
/// <param name="PolicyName">The policy's name.</param>
/// <param name="Policy">The policy.</param>
public sealed record IntakeRoute(string? Service, string PolicyName, ResponsePolicy Policy)
{
    /// <summary>The name passed to the silo when an alert raises an incident: <see langword="null"/> for the default
    /// policy.</summary>
    public string? SiloPolicyName => IsDefault ? null : PolicyName;

    /// <summary>How many characters <see cref="Scope"/> puts before a key: 0 for the default policy.</summary>
    public int ScopeLength => IsDefault ? 0 : PolicyName.Length + 1;

    private bool IsDefault => string.Equals(PolicyName, IntakePolicies.DefaultName, StringComparison.Ordinal);

    /// <summary>
    /// The dedup key as the incidents store it. A named policy's keys are prefixed with its name and a slash
    /// (<c>payments/disk-full</c>), so two teams whose tools send the same key get two incidents, as PagerDuty keeps
    /// keys apart per service; the default policy's keys are used as sent. The sender is always answered its own key.
    /// </summary>
    /// <param name="dedupKey">The key as sent.</param>
    /// <returns>The stored key.</returns>
    public string Scope(string dedupKey) => IsDefault ? dedupKey : $"{PolicyName}/{dedupKey}";
}
