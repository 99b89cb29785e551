using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentService.Tests.Servers;

namespace IncidentService.Tests.TwoNodes;

/// <summary>
/// The issue's "two nodes, one page": two real service processes (Orleans silos) in durable mode on one real Redis and
/// one real PostgreSQL. The same PagerDuty trigger sent to either node opens one incident and pages once; killing the
/// node that holds the incident hard loses no accepted event, and the survivor still takes a command.
/// </summary>
/// <remarks>One test, because its second half kills a node: the steps share the cluster and run in order.</remarks>
[Collection(TwoNodesCollection.Name)]
public sealed class TwoNodesTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string DedupKey = "two-nodes-checkout-5xx";

    [Fact]
    public async Task SameAlertToBothNodes_OneIncidentOnePage_KillingItsHolderLosesNothingAndCommandsStillWork()
    {
        // The same trigger (same dedup key) to node a, then to node b: both accept it as PagerDuty does.
        foreach (var node in new[] { cluster.A, cluster.B })
        {
            var (status, body) = await TriggerAsync(node);
            Assert.True(status == HttpStatusCode.Accepted, $"node {node.Name} answered {(int)status}: {body}\n{cluster.Outputs}");
            var answer = JsonNode.Parse(body)!;
            Assert.Equal("success", (string?)answer["status"]);
            Assert.Equal(DedupKey, (string?)answer["dedup_key"]);
        }

        // One open incident, and both nodes list the same one.
        var listed = new Dictionary<string, JsonArray>();
        foreach (var node in new[] { cluster.A, cluster.B })
        {
            listed[node.Name] = await cluster.EventuallyAsync(async () =>
            {
                var (status, body) = await GetAsync(node, "api/incidents?status=open");
                return status == HttpStatusCode.OK && JsonNode.Parse(body) is JsonArray { Count: > 0 } open ? (open, body) : (null, $"{(int)status}: {body}");
            }, $"node {node.Name} to list the open incident");
        }

        var incident = Assert.Single(listed["a"]);
        var incidentId = (string)incident!["id"]!;
        Assert.Equal(DedupKey, (string?)incident["dedupKey"]);
        Assert.Equal("checkout", (string?)incident["service"]);
        Assert.Equal(incidentId, (string?)Assert.Single(listed["b"])!["id"]);

        // The page: one delivery, from the node whose silo holds the incident's grain (its own path on the receiver).
        var received = await cluster.Receiver.WaitForAsync(
            requests => requests.Any(r => IsPage(r, incidentId) && r.AnsweredStatus == 200), "the on-call page", TwoNodeCluster.Deadline);
        var page = received.First(r => IsPage(r, incidentId) && r.AnsweredStatus == 200);
        var pageKey = page.Header("Idempotency-Key");
        Assert.False(string.IsNullOrEmpty(pageKey), $"the page came without an Idempotency-Key: {page.Body}");
        var obligationKey = (string)JsonNode.Parse(page.Body)!["obligationKey"]!;
        var holder = page.Path.StartsWith("/node-a/", StringComparison.Ordinal) ? cluster.A
            : page.Path.StartsWith("/node-b/", StringComparison.Ordinal) ? cluster.B
            : throw new InvalidOperationException($"a page on an unexpected path: {page.Path}");
        var survivor = cluster.Other(holder);

        // Before the kill: the page is recorded in the log (so it is not owed again), as the survivor reads it.
        var before = await cluster.EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync(survivor, $"api/incidents/{incidentId}/events");
            return status == HttpStatusCode.OK && body.Contains($"\"{obligationKey}\"", StringComparison.Ordinal) ? (Events(body), body) : (null, $"{(int)status}: {body}");
        }, $"the page {obligationKey} to be recorded in the log");

        // Both triggers were answered 202, so both are in the log: the first opened the incident, the second joined it.
        Assert.Single(before, e => (string?)e["type"] == "alertFired");
        Assert.Single(before, e => (string?)e["type"] == "alertJoined");

        await holder.KillAsync();
        Assert.True(holder.HasExited);

        // Through the survivor: the incident comes back (replayed from PostgreSQL on the survivor's silo once the dead
        // one is declared dead) with every event accepted before the kill, unchanged and in order.
        var after = await cluster.EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync(survivor, $"api/incidents/{incidentId}/events");
            return status == HttpStatusCode.OK ? (Events(body), body) : (null, $"{(int)status}: {body}");
        }, $"node {survivor.Name} to read the incident after node {holder.Name} was killed");
        AssertStartsWith(before, after, "after the kill");

        // A command still works: acknowledge with the ETag the survivor gives; a wake-up may move the version between
        // the read and the command (412), and the cluster may still be settling (5xx), so both are tried again.
        var created = await cluster.EventuallyAsync(async () =>
        {
            var (status, body, etag) = await GetWithTagAsync(survivor, $"api/incidents/{incidentId}");
            if (status != HttpStatusCode.OK || etag is null)
            {
                return (null, $"GET {(int)status}: {body}");
            }

            var (commandStatus, answer) = await CommandAsync(survivor, incidentId, etag, """{"command":"acknowledge"}""");
            return commandStatus == HttpStatusCode.Created ? (JsonNode.Parse(answer), answer) : (null, $"POST {(int)commandStatus}: {answer}");
        }, $"node {survivor.Name} to accept an acknowledgement");

        var (finalStatus, finalBody) = await GetAsync(survivor, $"api/incidents/{incidentId}/events");
        Assert.Equal(HttpStatusCode.OK, finalStatus);
        var final = Events(finalBody);
        AssertStartsWith(before, final, "after the command");
        Assert.True(
            final.Any(e => JsonNode.DeepEquals(e, created!["event"])),
            $"the accepted command's event {created!["event"]?.ToJsonString()} is not in the log:\n{finalBody}");

        // Still one incident, and the page went out once (counted by its Idempotency-Key over every delivery).
        var (openStatus, openBody) = await GetAsync(survivor, "api/incidents?status=open");
        Assert.Equal(HttpStatusCode.OK, openStatus);
        Assert.Equal(incidentId, (string?)Assert.Single(JsonNode.Parse(openBody)!.AsArray())!["id"]);
        var deliveries = cluster.Receiver.Requests.Where(r => r.Header("Idempotency-Key") == pageKey).ToList();
        Assert.True(deliveries.Count == 1, $"the page {pageKey} was delivered {deliveries.Count} times: {string.Join("; ", deliveries.Select(d => $"{d.Path} {d.AnsweredStatus}"))}");
    }

    private static bool IsPage(ReceivedRequest request, string incidentId)
    {
        try
        {
            var body = JsonNode.Parse(request.Body);
            return (string?)body?["kind"] == "page" && (string?)body["incidentId"] == incidentId;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static JsonNode[] Events(string eventLog) => [.. JsonNode.Parse(eventLog)!["events"]!.AsArray().Select(e => e!.DeepClone())];

    private void AssertStartsWith(JsonNode[] before, JsonNode[] after, string when)
    {
        Assert.True(after.Length >= before.Length, $"{when}: the log has {after.Length} events, {before.Length} were accepted before the kill\n{cluster.Outputs}");
        for (var i = 0; i < before.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(before[i], after[i]), $"{when}: event {i} was {before[i].ToJsonString()}, is {after[i].ToJsonString()}");
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> TriggerAsync(ServiceNode node)
    {
        var trigger = new JsonObject
        {
            ["routing_key"] = TwoNodeCluster.RoutingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = DedupKey,
            ["payload"] = new JsonObject { ["summary"] = "checkout 5xx above 5%", ["source"] = "prometheus", ["severity"] = "critical" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, "v2/enqueue"))
        {
            Content = new StringContent(trigger.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(ServiceNode node, string path)
    {
        var (status, body, _) = await GetWithTagAsync(node, path);
        return (status, body);
    }

    private async Task<(HttpStatusCode Status, string Body, string? ETag)> GetWithTagAsync(ServiceNode node, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, path));
        request.Headers.Add("X-Api-Key", TwoNodeCluster.ApiKey);
        try
        {
            using var response = await cluster.Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString());
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message, null);
        }
        catch (TaskCanceledException e)
        {
            return (0, e.Message, null);
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> CommandAsync(ServiceNode node, string incidentId, string etag, string command)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, $"api/incidents/{incidentId}/commands"))
        {
            Content = new StringContent(command, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", TwoNodeCluster.ApiKey);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using var response = await cluster.Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
        catch (TaskCanceledException e)
        {
            return (0, e.Message);
        }
    }
}
