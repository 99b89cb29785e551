using IncidentService.Hosting;
using Microsoft.Extensions.Configuration;

namespace IncidentService.Tests.Hosting;

public sealed class ServiceConfigurationTests
{
    [Fact]
    public void Read_NoConfiguration_IsDevModeWithTheSeedPolicyAndTheDemoKey()
    {
        var settings = ServiceConfiguration.Read(Config());

        Assert.Equal(ServiceMode.Dev, settings.Mode);
        Assert.Equal(IncidentPolicy.ResponsePolicy.Default.ContentHash, settings.Policy.ContentHash);
        Assert.True(settings.UsesDemoKey);
        var key = Assert.Single(settings.ApiKeys);
        Assert.Equal(ServiceConfiguration.DemoActor, key.Actor);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)], settings.RetryDelays);
        Assert.Empty(settings.Webhooks);
        Assert.InRange(settings.SiloPort, 1, 65535);
        Assert.Equal(0, settings.GatewayPort);
    }

    [Fact]
    public void Read_FullDurableConfiguration_BindsEverything()
    {
        var settings = ServiceConfiguration.Read(Config(
            ("Mode", "Durable"), ("PostgreSql", "Host=127.0.0.1;Port=5432;Username=incidents;Database=incidents"), ("Redis", "127.0.0.1:6379"),
            ("SiloPort", "11112"), ("GatewayPort", "30001"), ("AdvertisedAddress", "10.0.0.5"),
            ("ApiKeys:0:Key", "sarah-key-0123456789"), ("ApiKeys:0:Actor", "sarah"), ("ApiKeys:0:Roles:0", "engineering-manager"),
            ("Webhooks:0:Name", "pager"), ("Webhooks:0:Url", "https://pager.example/hook"),
            ("Webhooks:1:Name", "slack"), ("Webhooks:1:Url", "https://hooks.slack.com/services/T/B/X"), ("Webhooks:1:Kind", "Slack"),
            ("DeliveryRetryDelays:0", "00:00:01")));

        Assert.Equal(ServiceMode.Durable, settings.Mode);
        Assert.Equal((11112, 30001), (settings.SiloPort, settings.GatewayPort));
        Assert.Equal("10.0.0.5", settings.AdvertisedAddress?.ToString());
        var key = Assert.Single(settings.ApiKeys);
        Assert.Equal(new IncidentPolicy.Lifecycle.Actor("sarah", "engineering-manager"), key.Actor);
        Assert.False(settings.UsesDemoKey);
        Assert.Equal([WebhookKind.Json, WebhookKind.Slack], settings.Webhooks.Select(w => w.Kind));
        Assert.Equal([TimeSpan.FromSeconds(1)], settings.RetryDelays);
    }

    [Fact]
    public void Read_DurableWithNothingElse_ListsEveryMissingSettingAtOnce()
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceConfiguration.Read(Config(("Mode", "Durable"))));

        Assert.Contains(error.Problems, p => p.StartsWith("IncidentService:PostgreSql:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("IncidentService:Redis:", StringComparison.Ordinal));
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Read_DurableWithoutKeys_HasNoDemoKey()
    {
        var settings = ServiceConfiguration.Read(Config(("Mode", "Durable"), ("PostgreSql", "Host=x"), ("Redis", "x:6379")));

        Assert.Empty(settings.ApiKeys);
        Assert.Equal((11111, 30000), (settings.SiloPort, settings.GatewayPort));
    }

    [Theory]
    [InlineData("Mode", "Durabel")]
    [InlineData("SiloPort", "eleven")]
    public void Read_ValueOfTheWrongShape_NamesTheSection(string key, string value)
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceConfiguration.Read(Config((key, value))));

        Assert.Contains(value, Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadKeysWebhooksAndPorts_ListsEachWithItsKey()
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceConfiguration.Read(Config(
            ("SiloPort", "70000"), ("GatewayPort", "-1"), ("AdvertisedAddress", "not-an-ip"),
            ("ApiKeys:0:Key", "short"), ("ApiKeys:0:Actor", "sarah"),
            ("ApiKeys:1:Key", "long-enough-key-000"), ("ApiKeys:1:Actor", " "),
            ("ApiKeys:2:Key", "long-enough-key-000"), ("ApiKeys:2:Actor", "sam"),
            ("Webhooks:0:Name", "pager"), ("Webhooks:0:Url", "ftp://pager.example/"),
            ("Webhooks:1:Name", "PAGER"), ("Webhooks:1:Url", "https://pager.example/"),
            ("Webhooks:2:Name", ""), ("Webhooks:2:Url", "https://x.example/"),
            ("DeliveryRetryDelays:0", "00:05:00"), ("DeliveryTimeout", "00:00:00"),
            ("PolicyPath", "/nonexistent/policy.json"))));

        string[] expected =
        [
            "IncidentService:SiloPort:", "IncidentService:GatewayPort:", "IncidentService:AdvertisedAddress:",
            "IncidentService:ApiKeys:0:Key:", "IncidentService:ApiKeys:1:Actor:", "IncidentService:ApiKeys:2:Key:",
            "IncidentService:Webhooks:0:Url:", "IncidentService:Webhooks:1:Name:", "IncidentService:Webhooks:2:Name:",
            "IncidentService:DeliveryRetryDelays:", "IncidentService:DeliveryTimeout:", "IncidentService:PolicyPath:",
        ];
        foreach (var prefix in expected)
        {
            Assert.Contains(error.Problems, p => p.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.Contains("IncidentService:ApiKeys:2:Key:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PolicyPath_LoadsThatPolicy()
    {
        var path = Path.Combine(Path.GetTempPath(), "incident-service-policy-" + Guid.NewGuid().ToString("N") + ".json");
        var changed = IncidentPolicy.PolicyJson.Parse(
            IncidentPolicy.PolicyJson.Serialize(IncidentPolicy.ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT4M\"", StringComparison.Ordinal));
        File.WriteAllText(path, IncidentPolicy.PolicyJson.Serialize(changed));
        try
        {
            var settings = ServiceConfiguration.Read(Config(("PolicyPath", path)));

            Assert.Equal(changed.ContentHash, settings.Policy.ContentHash);
            Assert.NotEqual(IncidentPolicy.ResponsePolicy.Default.ContentHash, settings.Policy.ContentHash);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NamedPolicies_LoadedByName()
    {
        var path = Path.Combine(Path.GetTempPath(), "incident-service-payments-" + Guid.NewGuid().ToString("N") + ".json");
        var payments = IncidentPolicy.PolicyJson.Parse(
            IncidentPolicy.PolicyJson.Serialize(IncidentPolicy.ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT3M\"", StringComparison.Ordinal));
        File.WriteAllText(path, IncidentPolicy.PolicyJson.Serialize(payments));
        try
        {
            var settings = ServiceConfiguration.Read(Config(("Policies:payments", path)));

            Assert.Equal(payments.ContentHash, Assert.Single(settings.NamedPolicies, p => p.Key == "payments").Value.ContentHash);
            Assert.Equal(IncidentPolicy.ResponsePolicy.Default.ContentHash, settings.Policy.ContentHash);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_BadNamedPolicies_EveryProblemListedWithItsKey()
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceConfiguration.Read(Config(
            ("Policies:pay ments", "/x.json"), ("Policies:Default", "/y.json"), ("Policies:search", "/no/such/search-policy.json"), ("Policies:billing", " "))));

        Assert.Contains("IncidentService:Policies:pay ments: not a policy name", error.Message, StringComparison.Ordinal);
        Assert.Contains("IncidentService:Policies:Default: 'default' is the policy of IncidentService:PolicyPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("IncidentService:Policies:search: /no/such/search-policy.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("IncidentService:Policies:billing: a policy file's path is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeyActors_FindsOnlyTheExactKey()
    {
        var alex = new IncidentPolicy.Lifecycle.Actor("alex", "on-call-engineer");
        var keys = new ApiKeyActors([new ApiKey("alex-key-0123456789", alex, false), new ApiKey("sam-key-0123456789ab", new("sam"), true)]);

        Assert.Equal(alex, keys.Find("alex-key-0123456789"));
        Assert.True(keys.FindKey("sam-key-0123456789ab")!.ReadOnly);
        Assert.Null(keys.Find("alex-key-012345678"));
        Assert.Null(keys.Find("alex-key-01234567890"));
        Assert.Null(keys.Find("ALEX-KEY-0123456789"));
        Assert.Null(keys.Find(""));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("IncidentService:" + v.Key, v.Value)))
            .Build();
}
