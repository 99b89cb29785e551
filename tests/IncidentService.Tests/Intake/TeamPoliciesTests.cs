using System.Net;
using IncidentPolicy;

namespace IncidentService.Tests.Intake;

/// <summary>A host serving two teams: the default policy and <c>payments</c>, a policy file under
/// <c>IncidentService:Policies</c>, each with its own PagerDuty routing key and Alertmanager receiver.</summary>
public sealed class TeamPoliciesHost : ServiceHost
{
    public const string PaymentsRoutingKey = "pd-payments-routing-key-00000003";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"incident-service-payments-{Guid.NewGuid():N}.json");

    public TeamPoliciesHost()
    {
        // The payments team answers faster: a policy of its own, with a content hash of its own.
        Payments = PolicyJson.Parse(PolicyJson.Serialize(ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT2M\"", StringComparison.Ordinal));
        File.WriteAllText(_path, PolicyJson.Serialize(Payments));
        Set("Policies:payments", _path);
        Set($"Intake:PagerDuty:RoutingKeys:{PaymentsRoutingKey}:Service", "payments");
        Set($"Intake:PagerDuty:RoutingKeys:{PaymentsRoutingKey}:Policy", "payments");
        Set("Intake:Alertmanager:Receivers:team-payments:Policy", "payments");
        Set("Intake:Slack:ChannelPolicies:C0PAYMENTS", "payments");
    }

    public ResponsePolicy Payments { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_path);
    }
}

[Collection("Intake")]
public sealed class TeamPoliciesTests(TeamPoliciesHost factory) : IClassFixture<TeamPoliciesHost>
{
    private static string Trigger(string routingKey, string dedupKey, string action = "trigger") =>
        $$$"""{"routing_key":"{{{routingKey}}}","event_action":"{{{action}}}","dedup_key":"{{{dedupKey}}}","payload":{"summary":"card auth failing","source":"prometheus","severity":"critical"}}""";

    private async Task<string> PolicyHashOfAsync(string incidentId) =>
        (await factory.EventsAsync(incidentId)).Single(e => e.GetProperty("type").GetString() == "alertFired").GetProperty("policyHash").GetString()!;

    [Fact]
    public async Task Enqueue_TeamRoutingKey_RaisedUnderTheTeamsPolicy_SameKeyOnAnotherTeamIsAnotherIncident()
    {
        using var client = factory.CreateClient();
        Assert.NotEqual(ResponsePolicy.Default.ContentHash, factory.Payments.ContentHash);

        var (paymentsStatus, paymentsBody) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(TeamPoliciesHost.PaymentsRoutingKey, "shared-key"));
        var (defaultStatus, _) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(ServiceHost.RoutingKey, "shared-key"));

        Assert.Equal(HttpStatusCode.Accepted, paymentsStatus);
        Assert.Equal(HttpStatusCode.Accepted, defaultStatus);
        Assert.Equal("shared-key", paymentsBody.GetProperty("dedup_key").GetString());
        var payments = factory.Journal.RecentIntakes().First(r => r.DedupKey == "payments/shared-key");
        var checkout = factory.Journal.RecentIntakes().First(r => r.DedupKey == "shared-key");
        Assert.True(payments.Accepted, payments.Reason);
        Assert.NotEqual(payments.IncidentId, checkout.IncidentId);
        Assert.Equal(factory.Payments.ContentHash, await PolicyHashOfAsync(payments.IncidentId!));
        Assert.Equal(ResponsePolicy.Default.ContentHash, await PolicyHashOfAsync(checkout.IncidentId!));
        Assert.Equal("payments", (await factory.StateAsync(payments.IncidentId!)).GetProperty("service").GetString());
    }

    [Fact]
    public async Task Enqueue_AcknowledgeOnTheTeamRoutingKey_ReachesTheTeamsIncidentOnly()
    {
        using var client = factory.CreateClient();
        await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(TeamPoliciesHost.PaymentsRoutingKey, "ack-key"));
        await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(ServiceHost.RoutingKey, "ack-key"));

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(TeamPoliciesHost.PaymentsRoutingKey, "ack-key", "acknowledge"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var payments = factory.Journal.RecentIntakes().First(r => r.DedupKey == "payments/ack-key");
        var checkout = factory.Journal.RecentIntakes().First(r => r.DedupKey == "ack-key");
        Assert.Equal("acknowledged", (await factory.StateAsync(payments.IncidentId!)).GetProperty("status").GetString());
        Assert.Equal("triggered", (await factory.StateAsync(checkout.IncidentId!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alertmanager_TeamReceiver_RaisedUnderTheTeamsPolicy()
    {
        using var client = factory.CreateClient();
        var payload = """
            {"version":"4","groupKey":"{}:{alertname=\"CardAuth\"}","truncatedAlerts":0,"status":"firing","receiver":"team-payments",
             "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"CardAuth","service":"payments","severity":"critical"},"annotations":{"summary":"card auth failing"},
                        "startsAt":"2026-05-29T13:59:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"am-team-1"}]}
            """;

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", payload, ServiceHost.AlertmanagerToken);

        Assert.Equal(HttpStatusCode.OK, status);
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "payments/am-team-1");
        Assert.True(record.Accepted, record.Reason);
        Assert.Equal(factory.Payments.ContentHash, await PolicyHashOfAsync(record.IncidentId!));
    }

    [Fact]
    public async Task Slack_DeclareInATeamsChannel_RaisedUnderTheTeamsPolicy_ElsewhereUnderTheDefault()
    {
        using var client = factory.CreateClient();

        await IntakeClient.SlackAsync(client, factory, "UALEX", "declare SEV-2 \"card auth failing\"", "C0PAYMENTS");
        var team = NewestDeclaration();
        await IntakeClient.SlackAsync(client, factory, "UALEX", "declare SEV-2 \"search is slow\"", "C0GENERAL");
        var general = NewestDeclaration();

        Assert.NotEqual(team, general);
        Assert.Equal(factory.Payments.ContentHash, await PolicyHashOfAsync(team));
        Assert.Equal(ResponsePolicy.Default.ContentHash, await PolicyHashOfAsync(general));
    }

    [Fact]
    public async Task Enqueue_TeamKeyTooLongOnceScoped_400NamingTheLimit()
    {
        using var client = factory.CreateClient();
        var key = new string('k', 250);

        var (teamStatus, teamBody) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(TeamPoliciesHost.PaymentsRoutingKey, key));
        var (defaultStatus, _) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", Trigger(ServiceHost.RoutingKey, key));

        Assert.Equal(HttpStatusCode.BadRequest, teamStatus);
        Assert.Contains("dedup_key: is 250 characters long; at most 246 are allowed", teamBody.GetProperty("errors").ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, defaultStatus);
        Assert.DoesNotContain(factory.Journal.RecentIntakes(), r => r.DedupKey == "payments/" + key);
    }

    [Fact]
    public async Task Dashboard_OnCall_EachTeamsSchedulesLabelledWithItsPolicy()
    {
        using var client = factory.ClientWithKey(ServiceHost.ManagerKey);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        var table = html[html.IndexOf("<table id=\"on-call\">", StringComparison.Ordinal)..];
        table = table[..(table.IndexOf("</table>", StringComparison.Ordinal) + 8)];
        var schedules = ResponsePolicy.Default.Schedules.Count;
        Assert.True(schedules > 0);
        Assert.Equal(schedules, CountOf(table, "<td>default: "));
        Assert.Equal(schedules, CountOf(table, "<td>payments: "));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private string NewestDeclaration() =>
        factory.Journal.RecentIntakes().First(r => r.Source == "slack" && r.Reason!.Contains("declare", StringComparison.Ordinal)).IncidentId!;
}
