using System.Text.Json.Nodes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.PostMortems;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Serialization;

public sealed class IncidentJsonTests
{
    private static readonly Instant Audit = Instant.FromUtc(2026, 6, 3, 0, 0);

    [Fact]
    public void Serialize_SeedIncident_VersionStateEvaluationAndViolationsInThatOrder()
    {
        var incident = PostMortemTests.SeedIncident();
        var tree = JsonNode.Parse(IncidentJson.Serialize(incident.Policy.Evaluate(incident, Audit)))!.AsObject();

        Assert.Equal(["formatVersion", "incident", "policy", "evaluation", "violations"], tree.Select(p => p.Key));
        Assert.Equal(IncidentJson.FormatVersion, (int)tree["formatVersion"]!);
        Assert.Equal(1, IncidentJson.FormatVersion);
        var state = tree["incident"]!;
        Assert.Equal(
            ["id", "status", "version", "severity", "title", "summary", "service", "channel", "alertAt", "lastEventAt",
             "acknowledgedAt", "acknowledgedBy", "onCallResponder", "declaredAt", "mitigatedAt", "resolvedAt", "closedAt",
             "commander", "roles", "impacts", "flags", "restricted", "actionItems", "postMortemScheduledFor",
             "postMortemPublishedAt", "mergedInto", "dedupKey", "joinedAlerts", "alertClearedAt"],
            state.AsObject().Select(p => p.Key));
        Assert.Equal((incident.Id, "postMortem", incident.Version, "SEV-1"), ((string)state["id"]!, (string)state["status"]!, (int)state["version"]!, (string)state["severity"]!));
        Assert.Equal("2026-05-29T04:02:00Z", (string)state["alertAt"]!);
        Assert.Equal("sarah", (string)state["commander"]!);
        Assert.Null(state["closedAt"]);
        Assert.Equal(
            [("revenueLoss", 47000m, "USD")],
            state["impacts"]!.AsArray().Where(i => (string)i!["metric"]! == "revenueLoss").Select(i => ((string)i!["metric"]!, (decimal)i["value"]!, (string)i["unit"]!)));
        Assert.Equal(
            ["AI-1", "2026-06-05", "open"],
            new[] { (string)state["actionItems"]![0]!["id"]!, (string)state["actionItems"]![0]!["due"]!, (string)state["actionItems"]![0]!["status"]! });

        var policy = tree["policy"]!;
        Assert.Equal(incident.Policy.ContentHash, (string)policy["contentHash"]!);
        Assert.True((bool)policy["matches"]!);

        var evaluation = tree["evaluation"]!;
        Assert.Equal("2026-06-03T00:00:00Z", (string)evaluation["evaluatedAt"]!);
        var obligations = evaluation["obligations"]!.AsArray();
        Assert.Equal(incident.Policy.Evaluate(incident, Audit).Obligations.Select(o => o.Key), obligations.Select(o => (string)o!["key"]!));
        Assert.All(obligations, o => Assert.Equal(
            ["key", "kind", "dueAt", "state", "metAt", "lateBy", "cancelledAt", "rule", "reason"],
            o!.AsObject().Select(p => p.Key)));
        var acknowledge = obligations.Single(o => (string)o!["key"]! == "acknowledge")!;
        Assert.Equal(("acknowledge", "met", "2026-05-29T04:07:00Z"), ((string)acknowledge["kind"]!, (string)acknowledge["state"]!, (string)acknowledge["metAt"]!));
        Assert.Empty(tree["violations"]!.AsArray());
    }

    [Fact]
    public void Serialize_LenientReplay_WritesViolationsAndTheRecordedPolicyHash()
    {
        IncidentEvent[] events =
        [
            new AlertFired(AlertAt, "monitoring", "Zahlungen – “5%” <b>", "checkout", "SEV-2", "sha256:0000"),
            new Resolved(At(30), "zoë", "fixed"),
        ];
        var replay = Incident.ReplayLenient(ResponsePolicy.Default, "INC-9", events);
        var json = IncidentJson.Serialize(ResponsePolicy.Default.Evaluate(replay.Incident, At(31)), replay.Violations);
        var tree = JsonNode.Parse(json)!;

        Assert.Contains("\"Zahlungen – “5%” <b>\"", json, StringComparison.Ordinal);
        Assert.Equal(("sha256:0000", false), ((string)tree["policy"]!["recordedHash"]!, (bool)tree["policy"]!["matches"]!));
        Assert.Equal(
            replay.Violations.Select(v => (v.RuleId, v.EventIndex, v.Reason)),
            tree["violations"]!.AsArray().Select(v => ((string)v!["rule"]!, (int)v["eventIndex"]!, (string)v["reason"]!)));
        Assert.NotEmpty(replay.Violations);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.False(json.EndsWith('\n'));
    }

    [Fact]
    public void Serialize_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => IncidentJson.Serialize(null!));
        Assert.Throws<ArgumentNullException>(() => IncidentJson.Serialize(ResponsePolicy.Default.Evaluate(Raised(), At(1)), null!));
    }
}
