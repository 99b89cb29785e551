using System.Diagnostics;
using System.Globalization;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Tests.Servers;

namespace IncidentService.Tests.TwoNodes;

/// <summary>
/// The real peers of the two-node test: one <c>redis-server</c> (clustering and reminders), one PostgreSQL (the event
/// store), one <see cref="WebhookReceiver"/> for the pages, and two service processes (<see cref="ServiceNode"/>
/// <c>a</c> and <c>b</c>) in durable mode in one Orleans cluster over them.
/// </summary>
/// <remarks>
/// Each node sends its pages to its own path on the receiver (<c>/node-a/pages</c>, <c>/node-b/pages</c>). The incident
/// grain calls the dispatcher of the silo its activation lives on, so the path a page arrives on names the node that
/// holds the incident — no management grain or log scraping needed. The nodes start one after the other: the first
/// creates the event store's schema, and two stores creating it at once could race in PostgreSQL's catalog.
/// </remarks>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    /// <summary>The API key both nodes accept; its actor is an engineering manager, who may acknowledge.</summary>
    public const string ApiKey = "two-nodes-test-api-key-0000001";

    /// <summary>The PagerDuty routing key both nodes map to the service <c>checkout</c>.</summary>
    public const string RoutingKey = "two-nodes-routing-key-00000001";

    /// <summary>How long a condition in this test may take to hold (a node being declared dead is the slowest).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly RedisServer _redis = new();
    private readonly PostgreSqlServer _postgres = new();
    private readonly string _clusterId = "two-nodes-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A client for the nodes (each request sets its own key and timeout).</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Where the pages arrive.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>The first node.</summary>
    public ServiceNode A { get; private set; } = null!;

    /// <summary>The second node.</summary>
    public ServiceNode B { get; private set; } = null!;

    /// <summary>Both nodes' recent output, for failure messages.</summary>
    public string Outputs => $"--- node a ({A?.Address}) ---\n{A?.Output}\n--- node b ({B?.Address}) ---\n{B?.Output}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Task.WhenAll(_redis.InitializeAsync(), _postgres.InitializeAsync());
        Receiver = await WebhookReceiver.StartAsync();
        A = await ServiceNode.StartAsync("a", Settings("a"), Http);
        B = await ServiceNode.StartAsync("b", Settings("b"), Http);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Each step runs even when one before it fails: nothing started may be left running.
        var steps = new List<Func<Task>>
        {
            async () => { if (A is not null) { await A.DisposeAsync(); } },
            async () => { if (B is not null) { await B.DisposeAsync(); } },
            async () => { if (Receiver is not null) { await Receiver.DisposeAsync(); } },
            _redis.DisposeAsync,
            _postgres.DisposeAsync,
        };
        var failures = new List<Exception>();
        foreach (var step in steps)
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
            {
                failures.Add(e);
            }
        }

        Http.Dispose();
        if (failures.Count > 0)
        {
            throw new AggregateException("stopping the two-node cluster failed", failures);
        }
    }

    /// <summary>The node that is not <paramref name="node"/>.</summary>
    /// <param name="node">One of the two nodes.</param>
    /// <returns>The other.</returns>
    public ServiceNode Other(ServiceNode node) => ReferenceEquals(node, A) ? B : A;

    /// <summary>Polls <paramref name="probe"/> until it answers a value, failing after <see cref="Deadline"/> with
    /// what was awaited, the last thing the probe saw and both nodes' output.</summary>
    /// <typeparam name="T">The value awaited.</typeparam>
    /// <param name="probe">Answers the value, or null and what it saw instead.</param>
    /// <param name="what">What is awaited.</param>
    /// <returns>The value.</returns>
    public async Task<T> EventuallyAsync<T>(Func<Task<(T? Value, string Seen)>> probe, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var watch = Stopwatch.StartNew();
        var seen = "";
        while (watch.Elapsed < Deadline)
        {
            (var value, seen) = await probe();
            if (value is not null)
            {
                return value;
            }

            // A short pause between polls; the wait is bounded by the condition and the deadline.
            await Task.Delay(250);
        }

        throw new TimeoutException($"waited {Deadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {what}; last seen: {seen}\n{Outputs}");
    }

    private Dictionary<string, string> Settings(string node) => new()
    {
        ["Mode"] = "Durable",
        ["PostgreSql"] = _postgres.ConnectionString,
        ["Redis"] = _redis.ConnectionString,
        ["ClusterId"] = _clusterId,
        ["SiloPort"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        ["GatewayPort"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        ["ApiKeys:0:Key"] = ApiKey,
        ["ApiKeys:0:Actor"] = "emery",
        ["ApiKeys:0:Roles:0"] = "engineering-manager",
        ["Webhooks:0:Name"] = "pager",
        ["Webhooks:0:Url"] = Receiver.Url($"node-{node}/pages").ToString(),
        [$"Intake:PagerDuty:RoutingKeys:{RoutingKey}:Service"] = "checkout",
    };
}
