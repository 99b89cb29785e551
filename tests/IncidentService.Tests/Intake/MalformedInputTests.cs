using System.Globalization;
using System.Net;
using System.Text;
using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake;

[Collection("Intake")]
public sealed class MalformedInputTests(ServiceHost factory) : IClassFixture<ServiceHost>
{
    private const string Key = ServiceHost.RoutingKey;

    public static TheoryData<string, string, string> PagerDutyCases() => new()
    {
        { "not json", "{\"routing_key\":", "not valid JSON" },
        { "array", "[1,2]", "must be a JSON object" },
        { "empty object", "{}", "routing_key: is missing" },
        { "routing key number", """{"routing_key":42,"event_action":"trigger"}""", "routing_key: must be a string" },
        { "no action", $$$"""{"routing_key":"{{{Key}}}"}""", "event_action: is missing" },
        { "bad action", $$$"""{"routing_key":"{{{Key}}}","event_action":"explode","dedup_key":"k"}""", "event_action: 'explode' is not one of" },
        { "trigger no payload", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger"}""", "payload: is missing" },
        { "payload string", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":"boom"}""", "payload: must be an object" },
        { "no summary", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":{"source":"s","severity":"info"}}""", "payload.summary: is missing" },
        { "empty summary", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":{"summary":"  ","source":"s","severity":"info"}}""", "payload.summary: must not be empty" },
        { "long summary", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":{"summary":"{{{new string('x', 1025)}}}","source":"s","severity":"info"}}""", "at most 1024" },
        { "no source", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":{"summary":"x","severity":"info"}}""", "payload.source: is missing" },
        { "bad severity", $$$"""{"routing_key":"{{{Key}}}","event_action":"trigger","payload":{"summary":"x","source":"s","severity":"catastrophic"}}""", "payload.severity: 'catastrophic'" },
        { "ack no key", $$$"""{"routing_key":"{{{Key}}}","event_action":"acknowledge"}""", "dedup_key: is required to acknowledge" },
        { "resolve key number", $$$"""{"routing_key":"{{{Key}}}","event_action":"resolve","dedup_key":7}""", "dedup_key: must be a string" },
        { "empty dedup key", $$$"""{"routing_key":"{{{Key}}}","event_action":"resolve","dedup_key":""}""", "dedup_key: must not be empty" },
        { "long dedup key", $$$"""{"routing_key":"{{{Key}}}","event_action":"resolve","dedup_key":"{{{new string('k', 256)}}}"}""", "at most 255" },
        { "deep nesting", "{\"routing_key\":" + new string('[', 100) + new string(']', 100) + "}", "not valid JSON" },
    };

    public static TheoryData<string, string, string> ChangeCases() => new()
    {
        { "not json", "routing_key=x", "not valid JSON" },
        { "no payload", $$$"""{"routing_key":"{{{Key}}}"}""", "payload: is missing" },
        { "no summary", $$$"""{"routing_key":"{{{Key}}}","payload":{}}""", "payload.summary: is missing" },
        { "bad timestamp", $$$"""{"routing_key":"{{{Key}}}","payload":{"summary":"d","timestamp":"yesterday"}}""", "payload.timestamp: 'yesterday'" },
        { "links not array", $$$"""{"routing_key":"{{{Key}}}","payload":{"summary":"d"},"links":{"href":"x"}}""", "links: must be an array" },
        { "link without href", $$$"""{"routing_key":"{{{Key}}}","payload":{"summary":"d"},"links":[{"text":"x"}]}""", "links[0].href: is missing" },
        { "approved_by number", "{\"routing_key\":\"" + Key + "\",\"payload\":{\"summary\":\"d\",\"custom_details\":{\"approved_by\":3}}}", "approved_by: must be a person id" },
        { "unknown key", """{"routing_key":"nope","payload":{"summary":"d"}}""", "routing_key: unknown routing key" },
    };

    public static TheoryData<string, string, string> AlertmanagerCases() => new()
    {
        { "not json", "<xml/>", "not valid JSON" },
        { "wrong version", """{"version":"3","receiver":"team-checkout","alerts":[]}""", "version: '3' is not supported" },
        { "no alerts", """{"version":"4","receiver":"team-checkout"}""", "alerts: is missing" },
        { "unknown receiver", """{"version":"4","receiver":"team-nobody","alerts":[]}""", "receiver: 'team-nobody'" },
        { "bad status", """{"version":"4","receiver":"team-checkout","alerts":[{"status":"burning","fingerprint":"f","labels":{}}]}""", "alerts[0].status: 'burning'" },
        { "no fingerprint", """{"version":"4","receiver":"team-checkout","alerts":[{"status":"firing","labels":{}}]}""", "alerts[0].fingerprint: is missing" },
        { "label not string", """{"version":"4","receiver":"team-checkout","alerts":[{"status":"firing","fingerprint":"f","labels":{"severity":1}}]}""", "alerts[0].labels.severity: must be a string" },
        { "alert not object", """{"version":"4","receiver":"team-checkout","alerts":["firing"]}""", "alerts[0]: must be an object" },
    };

    [Theory]
    [MemberData(nameof(PagerDutyCases))]
    public async Task Enqueue_Malformed_400WithReason(string name, string json, string reason)
    {
        using var client = factory.CreateClient();

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status}");
        Assert.Equal("invalid event", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChangeCases))]
    public async Task ChangeEnqueue_Malformed_400WithReason(string name, string json, string reason)
    {
        using var client = factory.CreateClient();

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/change/enqueue", json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status}");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AlertmanagerCases))]
    public async Task Webhook_Malformed_400WithReasonAndNothingOpened(string name, string json, string reason)
    {
        using var client = factory.CreateClient();
        var before = factory.Journal.RecentIntakes(1_000).Count;

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", json, ServiceHost.AlertmanagerToken);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status}");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, factory.Journal.RecentIntakes(1_000).Count);
    }

    [Fact]
    public async Task Webhook_OneBadAlertAmongGoodOnes_400AndNoneApplied()
    {
        using var client = factory.CreateClient();
        const string json = """
            {"version":"4","receiver":"team-checkout","alerts":[
              {"status":"firing","fingerprint":"mixed-good","labels":{"alertname":"A"}},
              {"status":"firing","labels":{"alertname":"B"}}]}
            """;

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", json, ServiceHost.AlertmanagerToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain(factory.Journal.RecentIntakes(1_000), r => r.DedupKey == "mixed-good");
    }

    [Theory]
    [InlineData("/v2/enqueue")]
    [InlineData("/v2/change/enqueue")]
    [InlineData("/webhooks/alertmanager")]
    [InlineData("/slack/commands")]
    public async Task Intake_BodyOver512KB_413(string path)
    {
        using var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"routing_key\":\"" + new string('x', 512 * 1024) + "\"}");
        var timestamp = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (status, response) = await IntakeClient.PostRawAsync(client, path, body, "application/json",
            [("Authorization", $"Bearer {ServiceHost.AlertmanagerToken}"), ("X-Slack-Request-Timestamp", timestamp),
             ("X-Slack-Signature", SlackSignature.Sign(factory.SigningSecret, timestamp, body))]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("512 KB", response.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"user_id\":\"UALEX\"}", "application/x-www-form-urlencoded")]
    [InlineData("application/x-www-form-urlencoded", "team_id=T1&text=ack", "user_id is missing")]
    [InlineData("application/x-www-form-urlencoded", "user_id=UALEX&text=ack", "command is missing")]
    public async Task Slack_SignedButNotASlashCommand_400WithReason(string contentType, string form, string reason)
    {
        using var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes(form);
        var timestamp = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (status, response) = await IntakeClient.PostRawAsync(client, "/slack/commands", body, contentType,
            [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", SlackSignature.Sign(factory.SigningSecret, timestamp, body))]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, response.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }
}
