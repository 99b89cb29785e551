using IncidentService.Hosting;

namespace IncidentService.Intake;

/// <summary>
/// The intake secrets dev mode makes up, as it makes up a demo API key, so that a fresh <c>dotnet run</c> can be paged
/// at once: a PagerDuty routing key (service <c>checkout</c>, the <c>default</c> policy), an Alertmanager bearer token
/// and a Slack signing secret. They are printed in the start-up banner and are not secrets.
/// </summary>
/// <remarks>
/// Only in dev mode, and each only where nothing is configured: one configured routing key replaces the demo key, a
/// configured token or signing secret replaces its demo value. Durable mode never gets them: there, an intake without
/// its secret refuses everything (401 or 400), as before. Slack commands also need people mapped to Slack user ids
/// (<c>IncidentService:Intake:People</c>); dev mode maps none, so a signed command from an unmapped user is answered
/// with how to map it. Thread-safe (constants and a pure function).
/// </remarks>
public static class DemoIntakeSecrets
{
    /// <summary>The demo PagerDuty routing key.</summary>
    public const string RoutingKey = "dev-demo-routing-key";

    /// <summary>The service the demo routing key's alerts are for.</summary>
    public const string Service = "checkout";

    /// <summary>The demo Alertmanager bearer token.</summary>
    public const string AlertmanagerToken = "dev-demo-alertmanager-token";

    /// <summary>The demo Slack signing secret.</summary>
    public const string SlackSigningSecret = "dev-demo-slack-secret";

    /// <summary>Fills each unconfigured intake secret of <paramref name="options"/> with its demo value, in dev mode only.</summary>
    /// <param name="options">The bound intake options (changed in place).</param>
    /// <param name="mode">The service's mode.</param>
    public static void Apply(IntakeOptions options, ServiceMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (mode != ServiceMode.Dev)
        {
            return;
        }

        if (options.PagerDuty.RoutingKeys.Count == 0)
        {
            options.PagerDuty.RoutingKeys[RoutingKey] = new IntegrationRoute { Service = Service, Policy = IntakePolicies.DefaultName };
        }

        if (string.IsNullOrEmpty(options.Alertmanager.BearerToken))
        {
            options.Alertmanager.BearerToken = AlertmanagerToken;
        }

        if (string.IsNullOrEmpty(options.Slack.SigningSecret))
        {
            options.Slack.SigningSecret = SlackSigningSecret;
        }
    }

    /// <summary>The demo values <paramref name="options"/> holds, one line each, for the start-up banner.</summary>
    /// <param name="options">The intake options, after <see cref="Apply"/>.</param>
    /// <returns>The lines; empty when no demo value is in use.</returns>
    public static IReadOnlyList<string> InUse(IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lines = new List<string>();
        if (options.PagerDuty.RoutingKeys.ContainsKey(RoutingKey))
        {
            lines.Add($"Demo PagerDuty routing key (POST /v2/enqueue, service {Service}): {RoutingKey}");
        }

        if (options.Alertmanager.BearerToken == AlertmanagerToken)
        {
            lines.Add($"Demo Alertmanager bearer token (POST /webhooks/alertmanager): {AlertmanagerToken}");
        }

        if (options.Slack.SigningSecret == SlackSigningSecret)
        {
            lines.Add($"Demo Slack signing secret (POST /slack/commands): {SlackSigningSecret}");
        }

        return lines;
    }
}
