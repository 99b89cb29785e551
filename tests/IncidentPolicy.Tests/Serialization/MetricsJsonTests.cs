using System.Text.Json.Nodes;
using IncidentPolicy.Metrics;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.PostMortems;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Serialization;

public sealed class MetricsJsonTests
{
    [Fact]
    public void Serialize_SeedIncident_DurationsRatesAndActionItems()
    {
        var metrics = IncidentMetrics.Compute([PostMortemTests.SeedIncident(), Declined()], Instant.FromUtc(2026, 6, 3, 0, 0));

        var tree = JsonNode.Parse(MetricsJson.Serialize(metrics))!;

        Assert.Equal("2026-06-03T00:00:00Z", (string)tree["asOf"]!);
        Assert.Equal(1, (int)tree["excluded"]!);
        Assert.Equal("all", (string)tree["all"]!["severity"]!);
        Assert.Equal("PT5M", (string)tree["all"]!["timeToAcknowledge"]!["mean"]!);
        Assert.Equal("PT45M", (string)tree["bySeverity"]![0]!["timeToResolve"]!["median"]!);
        Assert.Equal(
            ["acknowledge", "declare", "assignCommander", "respond", "firstExternalUpdate", "externalUpdate", "internalUpdate", "escalate", "schedulePostMortem", "actionItem"],
            tree["onTime"]!.AsArray().Select(r => (string)r!["kind"]!));
        Assert.Equal(["total", "done", "wontDo", "open", "overdue", "completionRate"], tree["actionItems"]!.AsObject().Select(p => p.Key));
        Assert.Equal((4, 1, 0.0), ((int)tree["actionItems"]!["total"]!, (int)tree["actionItems"]!["overdue"]!, (double)tree["actionItems"]!["completionRate"]!));
    }

    [Fact]
    public void Serialize_NoIncidents_NullsNotOmitted()
    {
        var tree = JsonNode.Parse(MetricsJson.Serialize(IncidentMetrics.Compute([], AlertAt)))!;

        var resolve = tree["all"]!["timeToResolve"]!.AsObject();
        Assert.Equal(["count", "mean", "median", "p90", "min", "max"], resolve.Select(p => p.Key));
        Assert.All(resolve.Where(p => p.Key != "count"), p => Assert.Null(p.Value));
        Assert.Empty(tree["bySeverity"]!.AsArray());
        Assert.True(tree["actionItems"]!.AsObject().ContainsKey("completionRate"));
        Assert.Null(tree["actionItems"]!["completionRate"]);
    }
}
