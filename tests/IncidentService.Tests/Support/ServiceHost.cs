using System.Text.Json;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Shared;
using IncidentService.Tests.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace IncidentService.Tests.Support;

/// <summary>
/// The one test host: the whole service (<c>Program</c>) in dev mode — in-memory store, a co-hosted silo on a free
/// loopback port — with a clock the test drives, four known API keys, the intakes configured (a PagerDuty routing key,
/// an Alertmanager receiver and bearer token, a Slack signing secret, four people with Slack ids), and a
/// <see cref="RecordingDispatcher"/> in front of the service's own dispatcher, so tests can count what the grains handed
/// over while pages still go wherever the configuration sends them (the log when no webhook is set, real webhooks
/// when <c>Webhooks:N</c> is <see cref="Set"/>). Served on the in-memory TestServer, or on Kestrel on a loopback port
/// with <see cref="StartOnLoopback"/> for real peers (a browser, Alertmanager).
/// </summary>
public class ServiceHost : WebApplicationFactory<Program>
{
    /// <summary>The instant the clock starts at unless a subclass says otherwise: Friday 29 May 2026, 14:00 UTC.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 5, 29, 14, 0);

    /// <summary><see cref="Manager"/>'s key.</summary>
    public const string ManagerKey = "manager-key-0123456789";

    /// <summary><see cref="Engineer"/>'s key.</summary>
    public const string EngineerKey = "engineer-key-0123456789";

    /// <summary><see cref="Outsider"/>'s key.</summary>
    public const string OutsiderKey = "outsider-key-0123456789";

    /// <summary>A read-only key of <c>viewer</c>, an engineering manager.</summary>
    public const string ReadOnlyKey = "readonly-key-0123456789";

    /// <summary>The PagerDuty routing key of the <c>checkout</c> service.</summary>
    public const string RoutingKey = "pd-checkout-routing-key-000000001";

    /// <summary>A PagerDuty routing key that names a policy but no service.</summary>
    public const string NoServiceKey = "pd-no-service-routing-key-0000002";

    /// <summary>The bearer token Alertmanager must send.</summary>
    public const string AlertmanagerToken = "am-test-token";

    /// <summary>The Slack signing secret unless a subclass gives another.</summary>
    public const string SlackSecret = "slack-test-signing-secret";

    /// <summary><c>mia</c>, an engineering manager: may see restricted incidents.</summary>
    public static readonly Actor Manager = new("mia", "engineering-manager");

    /// <summary><c>alex</c>, the on-call engineer (also a person of the intakes, Slack id <c>UALEX</c>).</summary>
    public static readonly Actor Engineer = new("alex", "on-call-engineer");

    /// <summary><c>olly</c>, who holds no role.</summary>
    public static readonly Actor Outsider = new("olly");

    /// <summary>A responder holding every role of the seed's policy, for driving incidents through their grains.</summary>
    public static readonly Actor Responder = new("alice", ResponsePolicy.Default.Roles.Select(r => r.Id));

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    /// <summary>A host at <see cref="Start"/> with <see cref="SlackSecret"/>.</summary>
    public ServiceHost()
        : this(Start, SlackSecret)
    {
    }

    /// <summary>A host whose clock starts at <paramref name="start"/> and whose Slack intake checks
    /// <paramref name="slackSecret"/>.</summary>
    /// <param name="start">The clock's first instant.</param>
    /// <param name="slackSecret">The Slack signing secret.</param>
    protected ServiceHost(Instant start, string slackSecret)
    {
        Clock = new FakeClock(start);
        SigningSecret = slackSecret;
        Set("Mode", "Dev");
        AddKey(0, ManagerKey, Manager, readOnly: false);
        AddKey(1, EngineerKey, Engineer, readOnly: false);
        AddKey(2, OutsiderKey, Outsider, readOnly: false);
        AddKey(3, ReadOnlyKey, new Actor("viewer", "engineering-manager"), readOnly: true);
        Set($"Intake:PagerDuty:RoutingKeys:{RoutingKey}:Service", "checkout");
        Set($"Intake:PagerDuty:RoutingKeys:{NoServiceKey}:Policy", "default");
        Set("Intake:Alertmanager:BearerToken", AlertmanagerToken);
        Set("Intake:Alertmanager:Receivers:team-checkout:Service", "checkout");
        Set("Intake:Alertmanager:Receivers:service:Service", "checkout");
        Set("Intake:Slack:SigningSecret", slackSecret);
        AddPerson("alex", "UALEX", "on-call-engineer");
        AddPerson("blake", "UBLAKE", "incident-commander");
        AddPerson("emery", "UEMERY", "engineering-manager");
        AddPerson("casey", "UCASEY", null);
    }

    /// <summary>The clock the service reads.</summary>
    public FakeClock Clock { get; }

    /// <summary>The Slack signing secret the service checks.</summary>
    public string SigningSecret { get; }

    /// <summary>Every due action the grains handed to the service's dispatcher (recorded before it is sent on).</summary>
    public RecordingDispatcher Dispatcher { get; } = new();

    /// <summary>Replaces services after the service registered its own (e.g. an event store that fails).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The grains.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The journal of intakes and deliveries the dashboard reads.</summary>
    public ServiceJournal Journal => Services.GetRequiredService<ServiceJournal>();

    /// <summary>The service's change log (the dashboard reads it, the change-events intake writes it).</summary>
    public IChangeLog Changes => Services.GetRequiredService<IChangeLog>();

    /// <summary>Sets <c>IncidentService:KEY</c> before the host starts.</summary>
    /// <param name="key">The key under <c>IncidentService</c>.</param>
    /// <param name="value">The value; <see langword="null"/> removes a default.</param>
    /// <returns>This host.</returns>
    public ServiceHost Set(string key, string? value)
    {
        _settings["IncidentService:" + key] = value;
        return this;
    }

    /// <summary>Forgets every intake setting made so far (routing keys, tokens, the Slack secret, people), so the host
    /// starts as a fresh dev-mode service with no intake configured.</summary>
    /// <returns>This host.</returns>
    public ServiceHost WithoutIntakeSettings()
    {
        foreach (var key in _settings.Keys.Where(k => k.StartsWith("IncidentService:Intake:", StringComparison.Ordinal)).ToList())
        {
            _settings.Remove(key);
        }

        return this;
    }

    /// <summary>Sends the service's pages to <paramref name="url"/> as webhook number <paramref name="index"/>.</summary>
    /// <param name="name">The webhook's name.</param>
    /// <param name="url">Its URL.</param>
    /// <param name="index">Its index in <c>Webhooks</c>.</param>
    /// <returns>This host.</returns>
    public ServiceHost AddWebhook(string name, Uri url, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Set($"Webhooks:{index}:Name", name).Set($"Webhooks:{index}:Url", url.AbsoluteUri);
    }

    /// <summary>Serves the service on Kestrel on 127.0.0.1 and a free port (before anything else started it).</summary>
    /// <returns>Its base address.</returns>
    public Uri StartOnLoopback() => KestrelLoopback.Start(this);

    /// <summary>A client (to the TestServer, or to Kestrel after <see cref="StartOnLoopback"/>) that sends
    /// <c>X-Api-Key</c> when <paramref name="key"/> is given.</summary>
    /// <param name="key">The API key, or <see langword="null"/> for none.</param>
    /// <returns>The client.</returns>
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
        var answer = await ApplyAtCurrentVersionAsync(Grains.GetGrain<IIncidentGrain>(id), command, actor);
        Assert.True(answer.IsAccepted, answer.ToString());
        return answer.Version;
    }

    /// <summary>Applies at the version the grain reports, again at the version a conflict answers when a wake-up
    /// recorded a page or reminder in between (as any client does).</summary>
    private static async Task<ApplyAnswer> ApplyAtCurrentVersionAsync(IIncidentGrain grain, IncidentCommand command, Actor actor)
    {
        var answer = await grain.ApplyAsync(command, actor, await grain.GetVersionAsync());
        for (var retry = 0; retry < 5 && answer.Outcome == ApplyOutcome.Conflict; retry++)
        {
            answer = await grain.ApplyAsync(command, actor, answer.Version);
        }

        return answer;
    }

    /// <summary>Applies commands in order as <see cref="Responder"/>, each at the clock's instant; asserts each was
    /// accepted. The first command of a new incident is a <see cref="RaiseAlert"/>.</summary>
    public async Task ApplyAsResponderAsync(string id, params IncidentCommand[] commands)
    {
        foreach (var command in commands)
        {
            var answer = await ApplyAtCurrentVersionAsync(Grains.GetGrain<IIncidentGrain>(id), command, Responder);
            Assert.True(answer.IsAccepted, $"{id} {command}: {answer}");
        }
    }

    /// <summary>The incident's event log as the grain serialises it.</summary>
    public async Task<JsonElement[]> EventsAsync(string incidentId)
    {
        var json = await Grains.GetGrain<IIncidentGrain>(incidentId).GetEventLogJsonAsync();
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The incident's state as the grain serialises it.</summary>
    public async Task<JsonElement> StateAsync(string incidentId)
    {
        var json = await Grains.GetGrain<IIncidentGrain>(incidentId).GetStateJsonAsync();
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("incident").Clone();
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

    /// <inheritdoc />
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
            var own = services.LastOrDefault(d => d.ServiceType == typeof(IIncidentDispatcher));
            if (own is not null)
            {
                services.Remove(own);
                services.AddSingleton<IIncidentDispatcher>(provider => Dispatcher.Forwarding(Create(own, provider)));
            }

            TestServices?.Invoke(services);
        });
    }

    private static IIncidentDispatcher Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IIncidentDispatcher)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

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

    private void AddPerson(string id, string slackUserId, string? role)
    {
        if (role is not null)
        {
            Set($"Intake:People:{id}:Roles:0", role);
        }

        Set($"Intake:People:{id}:SlackUserId", slackUserId);
    }
}
