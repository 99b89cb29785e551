using System.Net;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Hosting;

namespace IncidentService.Hosting;

/// <summary>
/// The service's settings after checking: <see cref="ServiceOptions"/> read once at start-up, every problem gathered into
/// one <see cref="ServiceConfigurationException"/>, and the policy loaded. Immutable and thread-safe.
/// </summary>
public sealed class ServiceConfiguration
{
    /// <summary>The demo key dev mode makes up when no key is configured, printed at start-up. Not a secret: dev mode
    /// listens on localhost and keeps nothing.</summary>
    public const string DemoApiKey = "dev-demo-key-not-a-secret";

    /// <summary>The demo key's actor: an engineering manager, who may run every command the seed permits.</summary>
    public static readonly Actor DemoActor = new("demo-manager", "engineering-manager");

    private static readonly TimeSpan[] DefaultRetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    private ServiceConfiguration(
        ServiceOptions options, ResponsePolicy policy, IReadOnlyDictionary<string, ResponsePolicy> namedPolicies, IReadOnlyList<ApiKey> keys, IReadOnlyList<Webhook> webhooks, IPAddress? advertised)
    {
        Options = options;
        Policy = policy;
        NamedPolicies = namedPolicies;
        ApiKeys = keys;
        Webhooks = webhooks;
        AdvertisedAddress = advertised;
        var dev = options.Mode == ServiceMode.Dev;
        SiloPort = options.SiloPort ?? (dev ? FreeLoopbackPort() : ServiceOptions.DefaultSiloPort);
        GatewayPort = options.GatewayPort ?? (dev ? 0 : ServiceOptions.DefaultGatewayPort);
        RetryDelays = options.DeliveryRetryDelays.Count == 0 ? DefaultRetryDelays : [.. options.DeliveryRetryDelays];
    }

    /// <summary>The options as bound (read them, do not change them).</summary>
    public ServiceOptions Options { get; }

    /// <summary>The mode.</summary>
    public ServiceMode Mode => Options.Mode;

    /// <summary>The host's current policy: from <see cref="ServiceOptions.PolicyPath"/>, else the seed's.</summary>
    public ResponsePolicy Policy { get; }

    /// <summary>The other teams' policies by name (<see cref="ServiceOptions.Policies"/>), loaded and checked; empty
    /// when only the default policy is configured.</summary>
    public IReadOnlyDictionary<string, ResponsePolicy> NamedPolicies { get; }

    /// <summary>The API keys (in dev mode with none configured: the demo key alone).</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; }

    /// <summary>Whether <see cref="DemoApiKey"/> is in use.</summary>
    public bool UsesDemoKey => ApiKeys.Count == 1 && ApiKeys[0].Key == DemoApiKey;

    /// <summary>The outbound webhooks.</summary>
    public IReadOnlyList<Webhook> Webhooks { get; }

    /// <summary>The silo port: as configured, else a free loopback port in dev mode and 11111 in durable mode.</summary>
    public int SiloPort { get; }

    /// <summary>The gateway port: as configured, else none (0) in dev mode and 30000 in durable mode.</summary>
    public int GatewayPort { get; }

    /// <summary>The waits between quick delivery attempts inside one dispatch.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; }

    /// <summary>Durable mode: the address other silos reach this one at (loopback when not configured).</summary>
    public IPAddress? AdvertisedAddress { get; }

    /// <summary>Binds section <see cref="ServiceOptions.Section"/> and checks it.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ServiceConfigurationException">Lists every problem, each with its key.</exception>
    public static ServiceConfiguration Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ServiceOptions();
        var problems = new List<string>();
        try
        {
            configuration.GetSection(ServiceOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong shape (Mode=Durabel, SiloPort=abc): the binder names the key in its message.
            throw new ServiceConfigurationException([$"{ServiceOptions.Section}: {e.Message}"]);
        }

        return Check(options, problems);
    }

    /// <summary>Checks bound options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ServiceConfigurationException">Lists every problem, each with its key.</exception>
    public static ServiceConfiguration Check(ServiceOptions options) => Check(options, []);

    private static ServiceConfiguration Check(ServiceOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = ServiceOptions.Section;
        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add($"{S}:Mode: must be Dev or Durable.");
        }

        if (options.Mode == ServiceMode.Durable)
        {
            if (string.IsNullOrWhiteSpace(options.PostgreSql))
            {
                problems.Add($"{S}:PostgreSql: durable mode needs the event store's connection string.");
            }

            if (string.IsNullOrWhiteSpace(options.Redis))
            {
                problems.Add($"{S}:Redis: durable mode needs Redis for clustering and reminders.");
            }
        }

        if (options.SiloPort is { } siloPort)
        {
            CheckPort(problems, "SiloPort", siloPort, allowZero: false);
        }

        if (options.GatewayPort is { } gatewayPort)
        {
            CheckPort(problems, "GatewayPort", gatewayPort, allowZero: true);
        }
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            problems.Add($"{S}:ClusterId: must not be blank.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            problems.Add($"{S}:ServiceId: must not be blank.");
        }

        IPAddress? advertised = null;
        if (options.AdvertisedAddress is { } address && !IPAddress.TryParse(address, out advertised))
        {
            problems.Add($"{S}:AdvertisedAddress: '{address}' is not an IP address.");
        }

        var policy = ResponsePolicy.Default;
        if (options.PolicyPath is { } path)
        {
            if (!PolicyJson.TryLoad(path, out var loaded, out var policyProblems))
            {
                problems.AddRange(policyProblems.Select(p => $"{S}:PolicyPath: {path}: {p}"));
            }
            else
            {
                policy = loaded;
            }
        }

        var named = LoadNamedPolicies(options, problems);
        var keys = CheckKeys(options, problems);
        var webhooks = CheckWebhooks(options, problems);
        if (options.DeliveryRetryDelays.Any(d => d < TimeSpan.Zero || d > TimeSpan.FromMinutes(1)))
        {
            problems.Add($"{S}:DeliveryRetryDelays: each wait must be between 0 and 1 minute (the grain retries later anyway).");
        }

        if (options.DeliveryTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{S}:DeliveryTimeout: must be positive.");
        }

        if (options.OverdueRefresh < TimeSpan.Zero)
        {
            problems.Add($"{S}:OverdueRefresh: must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ServiceConfigurationException(problems);
        }

        return new ServiceConfiguration(options, policy, named, keys, webhooks, advertised);
    }

    private static Dictionary<string, ResponsePolicy> LoadNamedPolicies(ServiceOptions options, List<string> problems)
    {
        const string S = ServiceOptions.Section;
        var named = new Dictionary<string, ResponsePolicy>(StringComparer.Ordinal);
        foreach (var (name, path) in options.Policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!IncidentPolicySiloBuilderExtensions.IsValidPolicyName(name))
            {
                problems.Add($"{S}:Policies:{name}: not a policy name; use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }
            else if (string.Equals(name, IncidentPolicySiloBuilderExtensions.DefaultPolicyName, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{S}:Policies:{name}: '{IncidentPolicySiloBuilderExtensions.DefaultPolicyName}' is the policy of {S}:PolicyPath; give this one another name.");
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"{S}:Policies:{name}: a policy file's path is required.");
            }
            else if (!PolicyJson.TryLoad(path, out var loaded, out var policyProblems))
            {
                problems.AddRange(policyProblems.Select(p => $"{S}:Policies:{name}: {path}: {p}"));
            }
            else
            {
                named[name] = loaded;
            }
        }

        return named;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CheckPort(List<string> problems, string key, int port, bool allowZero)
    {
        if (port < (allowZero ? 0 : 1) || port > 65535)
        {
            problems.Add($"{ServiceOptions.Section}:{key}: {port} is not a port{(allowZero ? " (0 for none)" : "")}.");
        }
    }

    private static List<ApiKey> CheckKeys(ServiceOptions options, List<string> problems)
    {
        var keys = new List<ApiKey>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var at = $"{ServiceOptions.Section}:ApiKeys:{i}";
            var ok = true;
            if (string.IsNullOrEmpty(entry.Key) || entry.Key.Length < 16)
            {
                problems.Add($"{at}:Key: must be at least 16 characters.");
                ok = false;
            }
            else if (!seen.Add(entry.Key))
            {
                problems.Add($"{at}:Key: the same key is configured twice.");
                ok = false;
            }

            if (string.IsNullOrWhiteSpace(entry.Actor))
            {
                problems.Add($"{at}:Actor: must name the actor (a person id of the policy or a bot's name).");
                ok = false;
            }

            if (entry.Roles.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{at}:Roles: a role must not be blank.");
                ok = false;
            }

            if (ok)
            {
                keys.Add(new ApiKey(entry.Key, new Actor(entry.Actor, entry.Roles), entry.ReadOnly));
            }
        }

        if (options.ApiKeys.Count == 0 && options.Mode == ServiceMode.Dev)
        {
            keys.Add(new ApiKey(DemoApiKey, DemoActor, ReadOnly: false));
        }

        return keys;
    }

    private static List<Webhook> CheckWebhooks(ServiceOptions options, List<string> problems)
    {
        var webhooks = new List<Webhook>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var entry = options.Webhooks[i];
            var at = $"{ServiceOptions.Section}:Webhooks:{i}";
            var ok = true;
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"{at}:Name: must not be blank.");
                ok = false;
            }
            else if (!names.Add(entry.Name))
            {
                problems.Add($"{at}:Name: '{entry.Name}' is used twice.");
                ok = false;
            }

            if (entry.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{at}:Url: must be an absolute http or https address.");
                ok = false;
            }

            if (!Enum.IsDefined(entry.Kind))
            {
                problems.Add($"{at}:Kind: must be Json or Slack.");
                ok = false;
            }

            if (ok)
            {
                webhooks.Add(new Webhook(entry.Name, entry.Url!, entry.Kind));
            }
        }

        return webhooks;
    }
}
