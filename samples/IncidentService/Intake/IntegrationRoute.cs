namespace IncidentService.Intake;

/// <summary>Where an integration's events go: the service they are about and the policy (by name) they are handled
/// under. A PagerDuty routing key or an Alertmanager receiver maps to one route.</summary>
public sealed class IntegrationRoute
{
    /// <summary>The service, such as <c>checkout</c>; <see langword="null"/> when the event says (an Alertmanager
    /// service label) or none is known.</summary>
    public string? Service { get; set; }

    /// <summary>The name of the policy incidents are raised under: <c>default</c> (the policy of
    /// <c>IncidentService:PolicyPath</c>) or a name under <c>IncidentService:Policies</c>. A named policy's dedup keys
    /// are kept apart from other policies' (see <see cref="IntakeRoute.Scope"/>). Default: <c>default</c>.</summary>
    public string Policy { get; set; } = IntakePolicies.DefaultName;
}
