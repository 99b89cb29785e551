using System.Net;
using System.Text;
using System.Text.Json;

namespace IncidentService.Tests.Servers;

/// <summary>The real peers the service's tests drive: a webhook receiver in the test, and a real Alertmanager that
/// delivers to it.</summary>
public sealed class FixtureSmokeTests
{
    [Fact]
    public async Task WebhookReceiver_FailNext_RecordsEveryRequestAndFailsOnlyTheNextOnes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2, 503);
        using var client = new HttpClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent($"{{\"n\":{i}}}", Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url("hooks/pages")) { Content = content };
            request.Headers.Add("Idempotency-Key", $"INC-1/acknowledge#{i}");
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], answers);
        var requests = await receiver.WaitForAsync(r => r.Count == 3, "three requests");
        Assert.All(requests, r => Assert.Equal("/hooks/pages", r.Path));
        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"], requests.Select(r => r.Body));
        Assert.Equal("INC-1/acknowledge#2", requests[2].Header("idempotency-key"));
        Assert.Equal([503, 503, 200], requests.Select(r => r.AnsweredStatus));
    }

    [Fact]
    public async Task WebhookReceiver_ConditionNeverHolds_FailsAtTheDeadlineSayingWhatItGot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => receiver.WaitForAsync(r => r.Count > 0, "a page", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("a page", error.Message, StringComparison.Ordinal);
        Assert.Contains("received 0 request(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertmanagerConfiguration_WithToken_RoutesEveryAlertToTheReceiverWithBearerAuthorization()
    {
        var yaml = AlertmanagerServer.Configuration(new Uri("http://127.0.0.1:5000/webhooks/alertmanager"), "s3cret");

        Assert.Contains("group_wait: 1s", yaml, StringComparison.Ordinal);
        Assert.Contains("url: 'http://127.0.0.1:5000/webhooks/alertmanager'", yaml, StringComparison.Ordinal);
        Assert.Contains("send_resolved: true", yaml, StringComparison.Ordinal);
        Assert.Contains("type: Bearer", yaml, StringComparison.Ordinal);
        Assert.Contains("credentials: 's3cret'", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("authorization", AlertmanagerServer.Configuration(new Uri("http://127.0.0.1:5000/x"), null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertmanagerServer_AlertFiredThenResolved_DeliversBothToTheReceiverWithTheToken()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await AlertmanagerServer.StartAsync(receiver.Url("webhooks/alertmanager"), "s3cret");

        var alert = await alertmanager.FireAsync(
            new Dictionary<string, string> { ["alertname"] = "CheckoutErrors", ["service"] = "checkout", ["severity"] = "critical" },
            new Dictionary<string, string> { ["summary"] = "checkout 5xx above 5%" });
        var firing = await WaitForStatusAsync(receiver, alertmanager, "firing");

        await alertmanager.ResolveAsync(alert);
        var resolved = await WaitForStatusAsync(receiver, alertmanager, "resolved");

        foreach (var request in new[] { firing, resolved })
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/webhooks/alertmanager", request.Path);
            Assert.Equal("Bearer s3cret", request.Header("Authorization"));
            using var payload = JsonDocument.Parse(request.Body);
            Assert.Equal("4", payload.RootElement.GetProperty("version").GetString());
            var delivered = Assert.Single(payload.RootElement.GetProperty("alerts").EnumerateArray());
            Assert.Equal("checkout", delivered.GetProperty("labels").GetProperty("service").GetString());
            Assert.Equal("checkout 5xx above 5%", delivered.GetProperty("annotations").GetProperty("summary").GetString());
            Assert.False(string.IsNullOrEmpty(delivered.GetProperty("fingerprint").GetString()));
        }

        Assert.Equal(Fingerprint(firing), Fingerprint(resolved));
    }

    private static async Task<ReceivedRequest> WaitForStatusAsync(WebhookReceiver receiver, AlertmanagerServer alertmanager, string status)
    {
        try
        {
            var requests = await receiver.WaitForAsync(r => r.Any(x => Status(x) == status), $"a '{status}' notification from Alertmanager");
            return requests.Last(x => Status(x) == status);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nAlertmanager's log:\n{alertmanager.Tail()}", e);
        }
    }

    private static string? Status(ReceivedRequest request)
    {
        using var payload = JsonDocument.Parse(request.Body);
        return payload.RootElement.GetProperty("status").GetString();
    }

    private static string? Fingerprint(ReceivedRequest request)
    {
        using var payload = JsonDocument.Parse(request.Body);
        return payload.RootElement.GetProperty("alerts")[0].GetProperty("fingerprint").GetString();
    }

    [Fact]
    public async Task AlertmanagerServer_BinaryMissing_FailsNamingThePackage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/"), null, "/nonexistent/prometheus-alertmanager"));

        Assert.Contains("install the Debian package 'prometheus-alertmanager'", error.Message, StringComparison.Ordinal);
    }
}
