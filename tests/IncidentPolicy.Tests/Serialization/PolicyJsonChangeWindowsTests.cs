using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonChangeWindowsTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    private const string Roles = "comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering";

    private static JsonObject DefaultTree() => JsonNode.Parse(DefaultJson)!.AsObject();

    private static JsonObject TreeWithWindow(string windowJson)
    {
        var tree = DefaultTree();
        tree["changeWindows"] = new JsonArray(JsonNode.Parse(windowJson));
        return tree;
    }

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree)
    {
        var json = tree.ToJsonString();
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(json));
        Assert.False(PolicyJson.TryParse(json, out _, out var problems));
        Assert.Equal(ex.Problems, problems);
        return ex.Problems;
    }

    private const string Good = """{"id": "night", "days": ["friday"], "from": "22:00", "to": "06:00", "timeZone": "Europe/Berlin", "approvedBy": ["engineering-manager"], "reason": "nobody watching"}""";

    [Fact]
    public void Serialize_Default_WritesSeedFreezeAfterSchedules()
    {
        var tree = DefaultTree();
        Assert.Equal(["schedules", "changeWindows", "runbooks"], tree.Select(p => p.Key).TakeLast(3));
        var window = Assert.Single(tree["changeWindows"]!.AsArray())!;
        Assert.Equal("overnight-freeze", (string)window["id"]!);
        Assert.Equal(7, window["days"]!.AsArray().Count);
        Assert.Equal("00:00", (string)window["from"]!);
        Assert.Equal("06:00", (string)window["to"]!);
        Assert.Null(window["timeZone"]);
        Assert.True(window.AsObject().ContainsKey("timeZone"));
        Assert.Equal("engineering-manager", (string)window["approvedBy"]![0]!);
    }

    [Fact]
    public void Parse_CustomWindows_RoundTripExactly()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = JsonNode.Parse($$"""[{{Good}}, {"id": "evening", "days": ["monday", "tuesday"], "from": "18:00", "to": "24:00", "timeZone": null, "approvedBy": [], "reason": "release train"}]""");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(2, policy.ChangeWindows.Count);
        var night = policy.ChangeWindows[0];
        Assert.Equal([IsoDayOfWeek.Friday], night.Days);
        Assert.Equal(new LocalTime(22, 0), night.From);
        Assert.Equal(new LocalTime(6, 0), night.To);
        Assert.Equal("Europe/Berlin", night.Zone!.Id);
        Assert.Equal("nobody watching", night.Reason);
        Assert.True(night.IsOvernight);
        Assert.Equal(LocalTime.Midnight, policy.ChangeWindows[1].To);
        Assert.Empty(policy.ChangeWindows[1].ApprovedBy);
        var json = PolicyJson.Serialize(policy);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
        Assert.Equal("24:00", (string)JsonNode.Parse(json)!["changeWindows"]![1]!["to"]!);
    }

    [Fact]
    public void Parse_NullChangeWindows_NoneUnlessExtendingTheSeed()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = null;
        Assert.Empty(PolicyJson.Parse(tree.ToJsonString()).ChangeWindows);
        Assert.True(PolicyJson.Parse(tree.ToJsonString()).CanDeploy(Instant.FromUtc(2026, 5, 29, 3, 45)).IsAllowed);
        tree.Remove("changeWindows");
        tree["extends"] = "seed";
        Assert.Equal("overnight-freeze", Assert.Single(PolicyJson.Parse(tree.ToJsonString()).ChangeWindows).Id);
    }

    [Fact]
    public void Parse_EmptyChangeWindows_None()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = new JsonArray();
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Empty(policy.ChangeWindows);
        Assert.True(policy.CanDeploy(Instant.FromUtc(2026, 5, 29, 3, 45)).IsAllowed);
    }

    [Fact]
    public void Parse_WithoutEngineeringManagerRoleAndSection_NoDefaultFreeze()
    {
        var tree = DefaultTree();
        foreach (var key in new[] { "lifecycle", "schedules", "escalation", "changeWindows", "runbooks" })
        {
            tree.Remove(key);
        }

        tree["roles"] = JsonNode.Parse("""[{"id": "responder", "name": "Responder"}]""");
        foreach (var severity in tree["severities"]!.AsArray())
        {
            severity!["rolesInvolved"] = new JsonArray("responder");
        }

        Assert.Empty(PolicyJson.Parse(tree.ToJsonString()).ChangeWindows);
    }

    [Theory]
    [InlineData("id", null, "$.changeWindows[0].id", "change window id is required")]
    [InlineData("id", "\"Night Freeze\"", "$.changeWindows[0].id", "change window id 'Night Freeze' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'")]
    [InlineData("days", null, "$.changeWindows[0].days", "days are required, like [\"monday\", \"tuesday\"]")]
    [InlineData("days", "[]", "$.changeWindows[0].days", "at least one day is required")]
    [InlineData("days", "[\"Friday\"]", "$.changeWindows[0].days[0]", "'Friday' is not a day of the week; write monday, tuesday, … sunday")]
    [InlineData("days", "[\"friday\", \"friday\"]", "$.changeWindows[0].days[1]", "friday is listed twice")]
    [InlineData("from", "\"24:00\"", "$.changeWindows[0].from", null)]
    [InlineData("from", "\"25:00\"", "$.changeWindows[0].from", null)]
    [InlineData("from", null, "$.changeWindows[0].from", null)]
    [InlineData("to", "\"6am\"", "$.changeWindows[0].to", null)]
    [InlineData("to", null, "$.changeWindows[0].to", null)]
    [InlineData("timeZone", "\"Mars/Olympus\"", "$.changeWindows[0].timeZone", "unknown time zone 'Mars/Olympus'; use an IANA id such as Europe/Berlin, America/New_York or UTC (or null)")]
    [InlineData("approvedBy", null, "$.changeWindows[0].approvedBy", "a list of role ids is required ([] for a freeze nobody can lift)")]
    [InlineData("approvedBy", "[\"\"]", "$.changeWindows[0].approvedBy[0]", "a role id is required")]
    [InlineData("approvedBy", "[\"engineering-manager\", \"engineering-manager\"]", "$.changeWindows[0].approvedBy[1]", "role 'engineering-manager' is listed twice")]
    [InlineData("approvedBy", "[\"cto\"]", "$.changeWindows[0].approvedBy[0]", "unknown role 'cto'; the policy's roles are: " + Roles)]
    [InlineData("reason", null, "$.changeWindows[0].reason", "a reason is required: say why deployments are frozen")]
    [InlineData("reason", "\"  \"", "$.changeWindows[0].reason", "a reason is required: say why deployments are frozen")]
    public void Parse_BadWindowValue_ProblemWithPathAndReason(string key, string? valueJson, string path, string? reason)
    {
        var tree = TreeWithWindow(Good);
        tree["changeWindows"]![0]![key] = valueJson is null ? null : JsonNode.Parse(valueJson);
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal(path, problem.Path);
        if (reason is not null)
        {
            Assert.Equal(reason, problem.Reason);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Reason));
        }
    }

    [Fact]
    public void Parse_BadTimes_ReasonsFromTimeParser()
    {
        var tree = TreeWithWindow(Good);
        tree["changeWindows"]![0]!["from"] = "25:00";
        tree["changeWindows"]![0]!["to"] = "6am";
        var problems = ProblemsOf(tree);
        Assert.Equal(["$.changeWindows[0].from", "$.changeWindows[0].to"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Contains("HH:mm", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NullWindow_ProblemAtIndex()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = JsonNode.Parse($"[{Good}, null]");
        Assert.Equal(
            [new PolicyProblem("$.changeWindows[1]", "a change window must be an object {id, days, from, to, timeZone, approvedBy, reason}, not null")],
            ProblemsOf(tree));
    }

    [Fact]
    public void Parse_UnknownKey_ProblemListsExpectedKeys()
    {
        var tree = TreeWithWindow(Good);
        tree["changeWindows"]![0]!["approver"] = "cto";
        Assert.Equal(
            [new PolicyProblem("$.changeWindows[0].approver", "unknown key 'approver'; expected one of: id, days, from, to, timeZone, approvedBy, reason")],
            ProblemsOf(tree));
    }

    [Fact]
    public void Parse_DuplicateIds_ProblemAtSecond()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = JsonNode.Parse($"[{Good}, {Good}]");
        Assert.Equal([new PolicyProblem("$.changeWindows[1].id", "id 'night' is already used by $.changeWindows[0]")], ProblemsOf(tree));
    }

    [Fact]
    public void Parse_SeveralBadValues_EveryProblemReported()
    {
        var tree = DefaultTree();
        tree["changeWindows"] = JsonNode.Parse("""[{"id": "a", "days": ["funday"], "from": "x", "to": "06:00", "timeZone": "Nowhere", "approvedBy": ["cto"], "reason": ""}]""");
        Assert.Equal(
            ["$.changeWindows[0].days[0]", "$.changeWindows[0].from", "$.changeWindows[0].timeZone", "$.changeWindows[0].reason", "$.changeWindows[0].approvedBy[0]"],
            ProblemsOf(tree).Select(p => p.Path));
    }
}
