using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace IncidentService.Tests.TwoNodes;

/// <summary>
/// What the dashboard shows besides the incidents is the cluster's, not one node's: an intake event refused on one node
/// and a change event recorded on one node both show on the other node's dashboard (durable mode keeps them in
/// PostgreSQL). Two real service processes on one real PostgreSQL and Redis.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed class TwoNodesSharedViewTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task RefusedIntakeAndChangeOnNodeA_ShownOnNodeBsDashboard()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var refusedKey = $"no-such-alert-{tag}";
        var change = $"deploy checkout v77 {tag}";

        // On node a: an acknowledgement for a key no incident has (answered 202, refused: no open incident), and a change
        // to checkout, received now.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(cluster.A, "v2/enqueue", new JsonObject
        {
            ["routing_key"] = TwoNodeCluster.RoutingKey,
            ["event_action"] = "acknowledge",
            ["dedup_key"] = refusedKey,
        }));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(cluster.A, "v2/change/enqueue", new JsonObject
        {
            ["routing_key"] = TwoNodeCluster.RoutingKey,
            ["payload"] = new JsonObject { ["summary"] = change, ["source"] = "ci" },
        }));

        // On node b: an alert for checkout, whose incident lists the changes of the 2 hours before it.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(cluster.B, "v2/enqueue", new JsonObject
        {
            ["routing_key"] = TwoNodeCluster.RoutingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = $"after-change-{tag}",
            ["payload"] = new JsonObject { ["summary"] = "checkout 5xx above 5%", ["source"] = "prometheus", ["severity"] = "warning" },
        }));

        var dashboard = await cluster.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.B.Address, "/"));
            request.Headers.Add("X-Api-Key", TwoNodeCluster.ApiKey);
            try
            {
                using var response = await cluster.Http.SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.OK && html.Contains(refusedKey, StringComparison.Ordinal) && html.Contains(change, StringComparison.Ordinal)
                    ? (html, html)
                    : (null, $"{(int)response.StatusCode}: refused key shown {html.Contains(refusedKey, StringComparison.Ordinal)}, change shown {html.Contains(change, StringComparison.Ordinal)}");
            }
            catch (HttpRequestException e)
            {
                return (null, e.Message);
            }
        }, "node b's dashboard to show node a's refused intake and change");

        var refusedTable = dashboard[dashboard.IndexOf("<table id=\"refused-intakes\">", StringComparison.Ordinal)..];
        Assert.Contains(refusedKey, refusedTable[..refusedTable.IndexOf("</table>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> PostAsync(ServiceNode node, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await cluster.Http.SendAsync(request);
        return response.StatusCode;
    }
}
