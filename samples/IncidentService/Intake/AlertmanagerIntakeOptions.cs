namespace IncidentService.Intake;

/// <summary>The Alertmanager webhook (<c>POST /webhooks/alertmanager</c>).</summary>
public sealed class AlertmanagerIntakeOptions
{
    /// <summary>The bearer token Alertmanager sends (<c>http_config.authorization.credentials</c> in its receiver).
    /// Required: without it every request is refused (401).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Receivers (the payload's <c>receiver</c>) and where each one's alerts go. When none are configured any
    /// receiver is accepted with no service of its own; otherwise an unknown receiver is refused (400).</summary>
    public Dictionary<string, IntegrationRoute> Receivers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The routing file (JSON; relative paths from the content root) that maps labels to service and severity;
    /// <see langword="null"/> for the built-in routing (<see cref="Alertmanager.AlertmanagerRouting.Default"/>).</summary>
    public string? RoutingFile { get; set; }

    /// <summary>Who the webhook acts as. Default: <c>integration:alertmanager</c> with no roles.</summary>
    public IntegrationActorOptions Actor { get; set; } = new() { Id = "integration:alertmanager" };
}
