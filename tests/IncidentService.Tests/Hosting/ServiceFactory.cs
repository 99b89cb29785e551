using System.Net;
using System.Net.Sockets;
using IncidentPolicy;
using IncidentPolicy.Obligations;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans;

namespace IncidentService.Tests.Hosting;

/// <summary>
/// The service in dev mode on the test server, with a clock the test drives and known API keys. Dev mode's own default
/// (a free loopback silo port, no gateway) keeps test hosts and other runs on the machine from colliding.
/// </summary>
public class ServiceFactory : WebApplicationFactory<Program>
{
    public static readonly Instant Start = Instant.FromUtc(2026, 5, 29, 4, 0);

    public const string ManagerKey = "manager-key-0123456789";
    public const string EngineerKey = "engineer-key-0123456789";
    public const string OutsiderKey = "outsider-key-0123456789";
    public const string ReadOnlyKey = "readonly-key-0123456789";

    public static readonly Actor Manager = new("mia", "engineering-manager");
    public static readonly Actor Engineer = new("alex", "on-call-engineer");
    public static readonly Actor Outsider = new("olly");

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    public ServiceFactory()
    {
        Set("Mode", "Dev");
        AddKey(0, ManagerKey, Manager, readOnly: false);
        AddKey(1, EngineerKey, Engineer, readOnly: false);
        AddKey(2, OutsiderKey, Outsider, readOnly: false);
        AddKey(3, ReadOnlyKey, new Actor("viewer", "engineering-manager"), readOnly: true);
    }

    public FakeClock Clock { get; } = new(Start);

    /// <summary>Replaces services after the service registered its own (e.g. an event store that fails).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Sets <c>IncidentService:KEY</c> before the host starts.</summary>
    public ServiceFactory Set(string key, string? value)
    {
        _settings["IncidentService:" + key] = value;
        return this;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>Opens an incident through its grain, as an intake would.</summary>
    public async Task<string> RaiseAsync(string summary = "Checkout error rate > 5%", string severity = "SEV-2", string? id = null)
    {
        id ??= "INC-" + Guid.NewGuid().ToString("N")[..12];
        var answer = await Grains.GetGrain<IIncidentGrain>(id).ApplyAsync(new RaiseAlert(summary, "checkout", severity), new Actor("monitoring"), 0);
        Assert.True(answer.IsAccepted, answer.ToString());
        return id;
    }

    /// <summary>Applies a command as <paramref name="actor"/> at the current version; asserts it was accepted.</summary>
    public async Task<int> ApplyAsync(string id, IncidentCommand command, Actor actor)
    {
        var grain = Grains.GetGrain<IIncidentGrain>(id);
        var answer = await grain.ApplyAsync(command, actor, await grain.GetVersionAsync());
        Assert.True(answer.IsAccepted, answer.ToString());
        return answer.Version;
    }

    /// <summary>Waits until the incident's grain has sent and recorded everything due at the test clock's instant (its
    /// evaluation's next wake-up is later), so a version read next is not overtaken by a recorded page.</summary>
    public async Task SettleAsync(string id)
    {
        var reader = Services.GetRequiredService<IncidentService.Api.IncidentReader>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var read = await reader.ReadAsync(id, CancellationToken.None);
            Assert.NotNull(read);
            var incident = read.Incident;
            var notified = incident.Events.OfType<NotificationSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var reminded = incident.Events.OfType<ReminderSent>().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var now = Instant.Max(Clock.GetCurrentInstant(), incident.LastEventAt);
            var pending = incident.Policy.Evaluate(incident, now).Due
                .Where(o => !(o.Kind == ObligationKind.Escalate ? notified : reminded).Contains(o.Key))
                .Select(o => o.Key)
                .ToList();
            if (pending.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} still has {string.Join(", ", pending)} to send.");
            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            TestServices?.Invoke(services);
        });
    }

    private void AddKey(int index, string key, Actor actor, bool readOnly)
    {
        Set($"ApiKeys:{index}:Key", key);
        Set($"ApiKeys:{index}:Actor", actor.Id);
        for (var i = 0; i < actor.Roles.Count; i++)
        {
            Set($"ApiKeys:{index}:Roles:{i}", actor.Roles[i]);
        }

        Set($"ApiKeys:{index}:ReadOnly", readOnly ? "true" : "false");
    }
}
