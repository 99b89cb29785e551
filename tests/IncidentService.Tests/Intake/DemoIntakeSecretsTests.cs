using System.Net;
using System.Text;
using System.Text.Json;
using IncidentService.Hosting;
using IncidentService.Intake;
using IncidentService.Tests.Support;

namespace IncidentService.Tests.Intake;

/// <summary>Dev mode's printed demo intake secrets: filled only in dev mode and only where nothing is configured, and a
/// fresh dev host can be paged with the demo routing key (the README's curl), which counts as an alert received.</summary>
public sealed class DemoIntakeSecretsTests(DemoIntakeSecretsTests.UnconfiguredHost service) : IClassFixture<DemoIntakeSecretsTests.UnconfiguredHost>
{
    [Fact]
    public void Apply_DevModeNothingConfigured_FillsEachSecret()
    {
        var options = new IntakeOptions();

        DemoIntakeSecrets.Apply(options, ServiceMode.Dev);

        var route = Assert.Single(options.PagerDuty.RoutingKeys);
        Assert.Equal(DemoIntakeSecrets.RoutingKey, route.Key);
        Assert.Equal("checkout", route.Value.Service);
        Assert.Equal(IntakePolicies.DefaultName, route.Value.Policy);
        Assert.Equal(DemoIntakeSecrets.AlertmanagerToken, options.Alertmanager.BearerToken);
        Assert.Equal(DemoIntakeSecrets.SlackSigningSecret, options.Slack.SigningSecret);
        Assert.Equal(3, DemoIntakeSecrets.InUse(options).Count);
    }

    [Fact]
    public void Apply_DurableMode_FillsNothing()
    {
        var options = new IntakeOptions();

        DemoIntakeSecrets.Apply(options, ServiceMode.Durable);

        Assert.Empty(options.PagerDuty.RoutingKeys);
        Assert.Null(options.Alertmanager.BearerToken);
        Assert.Null(options.Slack.SigningSecret);
        Assert.Empty(DemoIntakeSecrets.InUse(options));
    }

    [Fact]
    public void Apply_DevModeWithConfiguredSecrets_KeepsThem()
    {
        var options = new IntakeOptions();
        options.PagerDuty.RoutingKeys["team-key"] = new IntegrationRoute { Service = "search" };
        options.Alertmanager.BearerToken = "configured-token";
        options.Slack.SigningSecret = "configured-secret";

        DemoIntakeSecrets.Apply(options, ServiceMode.Dev);

        Assert.Equal("team-key", Assert.Single(options.PagerDuty.RoutingKeys).Key);
        Assert.Equal("configured-token", options.Alertmanager.BearerToken);
        Assert.Equal("configured-secret", options.Slack.SigningSecret);
        Assert.Empty(DemoIntakeSecrets.InUse(options));
    }

    [Fact]
    public async Task Enqueue_DevHostWithDemoRoutingKey_Answers202AndCountsTheAlert()
    {
        using var client = service.ClientWithKey(ServiceHost.ManagerKey);
        var dedupKey = "demo-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new
        {
            routing_key = DemoIntakeSecrets.RoutingKey,
            event_action = "trigger",
            dedup_key = dedupKey,
            payload = new { summary = "Checkout error rate above 5%", severity = "critical", source = "prometheus" },
        });

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v2/enqueue", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(dedupKey, answer.RootElement.GetProperty("dedup_key").GetString());
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("incident_service_alerts_received_total{source=\"pagerduty\"} ", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_DevHostWithOtherRoutingKey_Answers400()
    {
        using var client = service.ClientWithKey(null);
        const string body = """{"routing_key":"not-the-demo-key","event_action":"trigger","payload":{"summary":"s","severity":"critical","source":"x"}}""";

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v2/enqueue", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("routing_key: unknown routing key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A dev-mode service whose intakes are not configured, as after <c>dotnet run</c>.</summary>
    public sealed class UnconfiguredHost : ServiceHost
    {
        /// <summary>Creates the host.</summary>
        public UnconfiguredHost() => WithoutIntakeSettings();
    }
}
