using System.Text.Json.Nodes;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Metrics;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli.Tests;

/// <summary>The CLI's JSON writers called directly (the verbs' output is pinned byte for byte by <see cref="GoldenOutputTests"/>).</summary>
public sealed class JsonFormatTests
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);

    [Fact]
    public void Metrics_SeedIncident_DurationsRatesAndActionItems()
    {
        var metrics = IncidentMetrics.Compute([SeedIncident(), Declined()], Instant.FromUtc(2026, 6, 3, 0, 0));

        var tree = JsonNode.Parse(MetricsJson.Serialize(metrics, CliTime.Utc))!;

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
    public void Metrics_NoIncidents_NullsNotOmitted()
    {
        var tree = JsonNode.Parse(MetricsJson.Serialize(IncidentMetrics.Compute([], AlertAt), CliTime.Utc))!;

        var resolve = tree["all"]!["timeToResolve"]!.AsObject();
        Assert.Equal(["count", "mean", "median", "p90", "min", "max"], resolve.Select(p => p.Key));
        Assert.All(resolve.Where(p => p.Key != "count"), p => Assert.Null(p.Value));
        Assert.Empty(tree["bySeverity"]!.AsArray());
        Assert.True(tree["actionItems"]!.AsObject().ContainsKey("completionRate"));
        Assert.Null(tree["actionItems"]!["completionRate"]);
    }

    [Fact]
    public void Deadlines_WritesDesignShape()
    {
        var json = DeadlinesJson.Serialize("SEV-1", AlertAt, ResponsePolicy.Default.Deadlines("SEV-1", AlertAt), CliTime.Utc);
        var tree = JsonNode.Parse(json)!;
        Assert.Equal("SEV-1", (string)tree["severity"]!);
        Assert.Equal("2026-05-29T04:02:00Z", (string)tree["alertAt"]!);
        var deadlines = tree["deadlines"]!.AsArray();
        Assert.Equal(
            ["acknowledge", "assignCommander", "declare", "firstExternalUpdate", "respond"],
            deadlines.Select(d => (string)d!["kind"]!));
        Assert.Equal(
            ["2026-05-29T04:07:00Z", "2026-05-29T04:07:00Z", "2026-05-29T04:07:00Z", "2026-05-29T04:17:00Z", "2026-05-29T04:17:00Z"],
            deadlines.Select(d => (string)d!["dueAt"]!));
        Assert.All(deadlines, d => Assert.Equal(2, d!.AsObject().Count));
    }

    /// <summary>The seed's incident from the sample timeline, scheduled and given the seed's four action items.</summary>
    private static Incident SeedIncident()
    {
        var log = EventLogJson.Load(CliRunner.SeedTimeline());
        var day = Instant.FromUtc(2026, 5, 29, 10, 0);
        IncidentEvent[] followUp =
        [
            new PostMortemScheduled(day, "sarah", Instant.FromUtc(2026, 5, 30, 15, 0)),
            new ActionItemAdded(day, "sarah", "AI-1", "Add integration tests for all webhook event types", "Alex", new LocalDate(2026, 6, 5)),
            new ActionItemAdded(day, "sarah", "AI-2", "Lower checkout error alert threshold to 2%", "Platform", new LocalDate(2026, 6, 2)),
            new ActionItemAdded(day, "sarah", "AI-3", "Block deployments between 12-6 AM without approval", "DevOps", new LocalDate(2026, 6, 5)),
            new ActionItemAdded(day, "sarah", "AI-4", "Add post-deploy smoke test for payment flows", "Alex", new LocalDate(2026, 6, 10)),
        ];
        return Incident.Replay(ResponsePolicy.Default, log.IncidentId!, [.. log.Events, .. followUp]);
    }

    private static Incident Declined()
    {
        var raised = Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("Checkout error rate > 5%", "checkout"), new Actor("monitoring"), AlertAt);
        var alex = new Actor("alex", "on-call-engineer");
        return raised.Incident!.Apply(new Decline("false alarm"), alex, AlertAt + Duration.FromMinutes(3), raised.Incident.Version).Incident!;
    }
}
