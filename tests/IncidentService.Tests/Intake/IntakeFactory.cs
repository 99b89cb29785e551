using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Intake;
using IncidentService.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Orleans.Configuration;

namespace IncidentService.Tests.Intake;

/// <summary>The service with the intakes mapped (through a startup filter, so the tests do not depend on Program.cs
/// wiring them), a test clock, a recording dispatcher, its own silo ports and a test configuration.</summary>
public class IntakeFactory : WebApplicationFactory<Program>
{
    public const string RoutingKey = "pd-checkout-routing-key-000000001";
    public const string NoServiceKey = "pd-no-service-routing-key-0000002";
    public const string AlertmanagerToken = "am-test-token";
    public const string SlackSecret = "slack-test-signing-secret";

    public IntakeFactory()
        : this(Instant.FromUtc(2026, 5, 29, 14, 0), SlackSecret)
    {
    }

    protected IntakeFactory(Instant start, string slackSecret)
    {
        Clock = new FakeClock(start);
        SigningSecret = slackSecret;
    }

    public FakeClock Clock { get; }

    public string SigningSecret { get; }

    public RecordingDispatcher Dispatcher { get; } = new();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public ServiceJournal Journal => Services.GetRequiredService<ServiceJournal>();

    public async Task<JsonElement[]> EventsAsync(string incidentId)
    {
        var json = await Grains.GetGrain<IIncidentGrain>(incidentId).GetEventLogJsonAsync();
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
    }

    public async Task<JsonElement> StateAsync(string incidentId)
    {
        var json = await Grains.GetGrain<IIncidentGrain>(incidentId).GetStateJsonAsync();
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("incident").Clone();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"IncidentService:Intake:PagerDuty:RoutingKeys:{RoutingKey}:Service"] = "checkout",
            [$"IncidentService:Intake:PagerDuty:RoutingKeys:{NoServiceKey}:Policy"] = "default",
            ["IncidentService:Intake:Alertmanager:BearerToken"] = AlertmanagerToken,
            ["IncidentService:Intake:Alertmanager:Receivers:team-checkout:Service"] = "checkout",
            ["IncidentService:Intake:Slack:SigningSecret"] = SigningSecret,
            ["IncidentService:Intake:People:alex:Roles:0"] = "on-call-engineer",
            ["IncidentService:Intake:People:alex:SlackUserId"] = "UALEX",
            ["IncidentService:Intake:People:blake:Roles:0"] = "incident-commander",
            ["IncidentService:Intake:People:blake:SlackUserId"] = "UBLAKE",
            ["IncidentService:Intake:People:emery:Roles:0"] = "engineering-manager",
            ["IncidentService:Intake:People:emery:SlackUserId"] = "UEMERY",
            ["IncidentService:Intake:People:casey:SlackUserId"] = "UCASEY",
        }));
        builder.ConfigureServices((context, services) =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<IIncidentDispatcher>(Dispatcher);
            services.AddIncidentIntakes(context.Configuration);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, MapIntakesFilter>();

            // Each factory its own silo ports, so test classes (and other parts' tests) can run side by side.
            services.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = siloPort;
                options.GatewayPort = gatewayPort;
            });
            services.Configure<DevelopmentClusterMembershipOptions>(options =>
                options.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort));
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class MapIntakesFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapIncidentIntakes());
            next(app);
        };
    }
}
