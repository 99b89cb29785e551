namespace IncidentService.Intake;

/// <summary>
/// The intakes' configuration, section <c>IncidentService:Intake</c>: PagerDuty routing keys, the Alertmanager webhook
/// (bearer token, receivers, routing file), Slack's signing secret, and the people (their roles and Slack user ids).
/// Read once at start-up and checked all at once (<see cref="IntakeSettings"/>): every problem is reported together.
/// </summary>
/// <remarks>A plain options object for <c>Microsoft.Extensions.Options</c>; not thread-safe while being bound,
/// read-only by convention afterwards.</remarks>
public sealed class IntakeOptions
{
    /// <summary>The configuration section: <c>IncidentService:Intake</c>.</summary>
    public const string Section = "IncidentService:Intake";

    /// <summary>The PagerDuty Events API v2-compatible intake (alerts and change events).</summary>
    public PagerDutyIntakeOptions PagerDuty { get; set; } = new();

    /// <summary>The Alertmanager webhook.</summary>
    public AlertmanagerIntakeOptions Alertmanager { get; set; } = new();

    /// <summary>Slack slash commands.</summary>
    public SlackIntakeOptions Slack { get; set; } = new();

    /// <summary>People by person id (the policy's person ids, such as <c>sarah</c>): their organisation roles and
    /// their Slack user id. Slack senders and change approvers are looked up here.</summary>
    public Dictionary<string, PersonOptions> People { get; set; } = new(StringComparer.Ordinal);
}
