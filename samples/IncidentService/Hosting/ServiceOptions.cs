namespace IncidentService.Hosting;

/// <summary>
/// The service's settings, bound from configuration section <c>IncidentService</c> (appsettings, environment variables
/// <c>IncidentService__Mode=Durable</c>, or the command line <c>--IncidentService:Mode=Durable</c>).
/// </summary>
/// <remarks>
/// A plain options object: bound once at start-up, checked by <see cref="ServiceConfiguration.Read"/> (every problem
/// gathered into one error) and read-only by convention afterwards. Collections are get-only so that binding fills
/// them; defaults of the lists are applied when the configuration leaves them empty, because binding appends to a
/// pre-filled list instead of replacing it.
/// </remarks>
public sealed class ServiceOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IncidentService";

    /// <summary>The silo port in durable mode when none is configured (Orleans' usual one).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The gateway port in durable mode when none is configured (Orleans' usual one).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary><see cref="ServiceMode.Dev"/> (default) or <see cref="ServiceMode.Durable"/>.</summary>
    public ServiceMode Mode { get; set; } = ServiceMode.Dev;

    /// <summary>The policy file (<c>PolicyJson</c> format); when absent, the seed's <c>ResponsePolicy.Default</c>.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>More teams' policies, by name: each value is a policy file (<c>PolicyJson</c> format), e.g.
    /// <c>IncidentService:Policies:payments=/etc/incident/payments.json</c>. Intake routes (routing keys, Alertmanager
    /// receivers, Slack channels) name the policy their incidents are raised under; the policy of
    /// <see cref="PolicyPath"/> is named <c>default</c>. Names: 1 to 64 letters, digits, <c>.</c>, <c>_</c> and
    /// <c>-</c>, starting with a letter or digit.</summary>
    public IDictionary<string, string> Policies { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Durable mode: the Npgsql connection string of the event store and of the Slack channel bindings
    /// (table <c>incident_service_slack_channels</c>); required there, ignored in dev mode.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Durable mode: the StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6379</c>) for
    /// clustering and reminders (required there, ignored in dev mode).</summary>
    public string? Redis { get; set; }

    /// <summary>The Orleans cluster id: nodes with the same id on the same Redis form one cluster.</summary>
    public string ClusterId { get; set; } = "incident-service";

    /// <summary>The Orleans service id: keeps reminders apart from other services sharing the Redis.</summary>
    public string ServiceId { get; set; } = "incident-service";

    /// <summary>The port silos talk to each other on. Durable mode: default 11111; nodes on one machine need different
    /// ports. Dev mode: default a free loopback port picked at start-up, because the single dev silo talks to nobody —
    /// so two dev instances (or test hosts) on one machine never collide.</summary>
    public int? SiloPort { get; set; }

    /// <summary>The port Orleans clients connect to; 0 opens no gateway. Durable mode: default 30000. Dev mode: default
    /// 0. The service's own endpoints call the silo in their process, so a gateway is only for external Orleans
    /// clients.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>Durable mode: the IP address other silos reach this one at. Default: loopback (all nodes on one
    /// machine); set it to the node's own address for a multi-machine cluster.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The API keys; each maps to an actor. Empty in dev mode: a printed demo key is made up (see
    /// <see cref="ServiceConfiguration.DemoApiKey"/>). Empty in durable mode: the API refuses every request (401).</summary>
    public IList<ApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>The outbound webhooks every due page, notification and reminder goes to. Empty: pages are written to
    /// the log (and counted as delivered to <c>log</c>), so dev mode works with nothing configured.</summary>
    public IList<WebhookOptions> Webhooks { get; } = [];

    /// <summary>The waits between quick delivery attempts inside one dispatch (one more attempt than waits). Empty:
    /// 0.5 s and 2 s, three attempts. After the last the dispatch fails and the incident grain tries again after its
    /// retry delay (10 s).</summary>
    public IList<TimeSpan> DeliveryRetryDelays { get; } = [];

    /// <summary>How long one delivery attempt may take. Default 10 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the overdue-obligations gauge is reused between scrapes before it is counted again
    /// (it asks every open incident). Default 15 s.</summary>
    public TimeSpan OverdueRefresh { get; set; } = TimeSpan.FromSeconds(15);
}
