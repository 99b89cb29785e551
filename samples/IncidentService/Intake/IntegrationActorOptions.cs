using IncidentPolicy.Lifecycle;

namespace IncidentService.Intake;

/// <summary>Who an integration acts as: an actor id (recorded as the events' <c>by</c>) and the organisation roles the
/// configuration gives it, which decide what the policy lets that alert source do.</summary>
public sealed class IntegrationActorOptions
{
    /// <summary>The actor id, such as <c>integration:pagerduty</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The actor's organisation roles (role ids of the policy); none by default.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The actor.</summary>
    /// <returns>The actor with <see cref="Id"/> and <see cref="Roles"/>.</returns>
    public Actor ToActor() => new(Id, Roles);
}
