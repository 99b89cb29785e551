namespace IncidentService.Intake;

/// <summary>Where an integration's events go: the service they are about and the policy (by name) they are handled
/// under. A PagerDuty routing key or an Alertmanager receiver maps to one route.</summary>
public sealed class IntegrationRoute
{
    /// <summary>The service, such as <c>checkout</c>; <see langword="null"/> when the event says (an Alertmanager
    /// service label) or none is known.</summary>
    public string? Service { get; set; }

    /// <summary>The policy's name. Only <c>default</c> (the policy the silo runs) exists for now; the field is kept so
    /// a deployment serving several teams can name theirs once the host registers more. Default: <c>default</c>.</summary>
    public string Policy { get; set; } = IntakePolicies.DefaultName;
}
