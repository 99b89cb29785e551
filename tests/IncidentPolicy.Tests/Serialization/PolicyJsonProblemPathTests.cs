using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>
/// Every problem the policy reader reports keeps its full JSON path, and none is dropped — not even a second problem
/// at a path that already has one (issue 13, class 6) — and <see cref="PolicyJson.TryParse"/> answers instead of
/// throwing when the value that fails is the last of a duplicated key (class 3).
/// </summary>
public class PolicyJsonProblemPathTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    private const string Placeholder = "duplicated-key-placeholder";

    /// <summary>The default policy with one more <paramref name="key"/> (holding <paramref name="value"/>) in the
    /// object that <paramref name="locate"/> picks, after the key it already has: a duplicated key whose last value
    /// is <paramref name="value"/>.</summary>
    private static string WithDuplicatedKey(Func<JsonObject, JsonObject> locate, string key, JsonNode value)
    {
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        locate(tree)[Placeholder] = value;
        return tree.ToJsonString().Replace($"\"{Placeholder}\"", $"\"{key}\"", StringComparison.Ordinal);
    }

    private static IReadOnlyList<PolicyProblem> ProblemsOf(string json)
    {
        var answered = PolicyJson.TryParse(json, out var policy, out var problems);
        Assert.False(answered);
        Assert.Null(policy);
        var thrown = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(json));
        Assert.Equal(problems, thrown.Problems);
        Assert.All(problems, p => Assert.StartsWith("$", p.Path, StringComparison.Ordinal));
        return problems;
    }

    public static TheoryData<string, string, string, string> DuplicatedInvalidIds => new()
    {
        { "roles", "$.roles[0].id", "Not Kebab", "must be lower-case" },
        { "people", "$.people[0].id", "Not Kebab", "must be lower-case" },
        { "schedules", "$.schedules[0].id", "Not Kebab", "must be lower-case" },
        { "changeWindows", "$.changeWindows[0].id", "Not Kebab", "must be lower-case" },
        { "escalation.rules", "$.escalation.rules[0].id", "Not Kebab", "must be lower-case" },
        { "escalation.policies", "$.escalation.policies[0].id", "Not Kebab", "must be lower-case" },
        { "runbooks", "$.runbooks[0].id", "Not Kebab", "must be lower-case" },
        { "severitySuggestion", "$.severitySuggestion[0].id", "Not Kebab", "must be lower-case" },
    };

    private static JsonObject FirstOf(JsonObject tree, string section)
    {
        JsonNode node = tree;
        foreach (var part in section.Split('.'))
        {
            node = node[part]!;
        }

        return node[0]!.AsObject();
    }

    [Theory]
    [MemberData(nameof(DuplicatedInvalidIds))]
    public void Parse_DuplicatedIdWhoseLastValueIsInvalid_KeepsBothProblemsAtTheFullPath(string section, string path, string badId, string reason)
    {
        var json = WithDuplicatedKey(tree => FirstOf(tree, section), "id", badId);

        var problems = ProblemsOf(json);

        Assert.Contains(problems, p => p.Path == path && p.Reason.Contains("duplicate key 'id'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == path && p.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Path == "id");
    }

    [Fact]
    public void Parse_DuplicatedSeverityRankWhoseLastValueIsInvalid_KeepsBothProblemsAtTheFullPath()
    {
        var json = WithDuplicatedKey(tree => FirstOf(tree, "severities"), "rank", 0);

        var problems = ProblemsOf(json);

        Assert.Contains(problems, p => p.Path == "$.severities[0].rank" && p.Reason.Contains("duplicate key 'rank'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.severities[0].rank" && p.Reason.Contains("rank must be 1 or more", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Path == "rank");
    }

    [Fact]
    public void Parse_DuplicatedCalendarZoneWhoseLastValueIsUnknown_KeepsBothProblems()
    {
        var json = WithDuplicatedKey(tree => tree["calendar"]!.AsObject(), "timeZone", "Mars/Olympus_Mons");

        var problems = ProblemsOf(json);

        Assert.Contains(problems, p => p.Path == "$.calendar.timeZone" && p.Reason.StartsWith("duplicate key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.calendar.timeZone" && p.Reason.Contains("unknown time zone", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicatedPersonNameWhoseLastValueIsBlank_ReportsTheBlankName()
    {
        var json = WithDuplicatedKey(tree => FirstOf(tree, "people"), "name", " ");

        var problems = ProblemsOf(json);

        Assert.Contains(problems, p => p.Path == "$.people[0].name" && p.Reason == "a name is required");
        Assert.DoesNotContain(problems, p => p.Path == "name");
    }

    [Fact]
    public void Parse_UnreadableDuration_IsNotAlsoReportedAsMissing()
    {
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        tree["severities"]![0]!["respond"]!["within"] = "soon";

        var problems = ProblemsOf(tree.ToJsonString());

        var problem = Assert.Single(problems);
        Assert.Equal("$.severities[0].respond.within", problem.Path);
        Assert.Contains("not an ISO 8601 duration", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDifferentProblemsAtOnePath_ListsBoth()
    {
        // A rank that is a duplicate of another level's and also below 1 is wrong twice over.
        var tree = JsonNode.Parse(DefaultJson)!.AsObject();
        tree["severities"]![0]!["rank"] = 0;
        tree["severities"]![1]!["rank"] = 0;

        var problems = ProblemsOf(tree.ToJsonString());

        Assert.Contains(problems, p => p.Path == "$.severities[1].rank" && p.Reason.Contains("must be 1 or more", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.severities[1].rank" && p.Reason.Contains("already used", StringComparison.Ordinal));
    }
}
