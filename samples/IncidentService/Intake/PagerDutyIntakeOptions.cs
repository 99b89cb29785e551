namespace IncidentService.Intake;

/// <summary>The PagerDuty Events API v2-compatible intake (<c>POST /v2/enqueue</c>, <c>POST /v2/change/enqueue</c>).</summary>
public sealed class PagerDutyIntakeOptions
{
    /// <summary>Routing keys (the integration keys senders put in <c>routing_key</c>) and where each one's events go.
    /// An event with a key not listed here is refused (400).</summary>
    public Dictionary<string, IntegrationRoute> RoutingKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Who the intake acts as. Default: <c>integration:pagerduty</c> with no roles.</summary>
    public IntegrationActorOptions Actor { get; set; } = new() { Id = "integration:pagerduty" };

    /// <summary>PagerDuty's <c>payload.severity</c> values mapped to the policy's severity ids. Default:
    /// <c>critical</c> → SEV-1, <c>error</c> → SEV-2, <c>warning</c> → SEV-3, <c>info</c> → SEV-4. A configured entry
    /// replaces the default for its value; the four values are the only ones PagerDuty accepts.</summary>
    public Dictionary<string, string> Severities { get; set; } = new(StringComparer.Ordinal)
    {
        ["critical"] = "SEV-1",
        ["error"] = "SEV-2",
        ["warning"] = "SEV-3",
        ["info"] = "SEV-4",
    };
}
