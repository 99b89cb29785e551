using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests.Serialization;

public class PolicySchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PolicyJson.Schema)!;

    private static JsonObject DefaultTree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    [Fact]
    public void Schema_MatchesCommittedFile()
    {
        var committed = File.ReadAllText(RepositoryRoot.File("schemas", "policy.schema.json"));
        Assert.True(
            committed == PolicyJson.Schema + "\n",
            "schemas/policy.schema.json is out of date: run `dotnet run --project src/IncidentPolicy.Cli -- schema > schemas/policy.schema.json`");
    }

    [Fact]
    public void Schema_NodaTimeStrings_HavePatterns()
    {
        var severity = Schema["properties"]!["severities"]!["items"]!["properties"]!;
        Assert.Equal(
            (string)severity["declareWithin"]!["pattern"]!,
            (string)severity["respond"]!["properties"]!["within"]!["pattern"]!);
        Assert.NotNull(Schema["properties"]!["calendar"]!["properties"]!["opens"]!["pattern"]);
        var holiday = Schema["properties"]!["calendar"]!["properties"]!["holidays"]!["items"]!["oneOf"]!;
        Assert.NotNull(holiday[0]!["pattern"]);
        Assert.Equal("#/$defs/holiday", (string)holiday[1]!["$ref"]!);
        Assert.DoesNotContain(": true", PolicyJson.Schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_AcceptsDefaultPolicy() =>
        Assert.Empty(MiniSchemaValidator.Validate(DefaultTree(), Schema));

    [Fact]
    public void Schema_AcceptsCalendarWithWeekdayHoursAndHolidays()
    {
        var tree = DefaultTree();
        tree["calendar"] = JsonNode.Parse("""
            {"timeZone": "Europe/Berlin", "workingDays": ["monday", "sunday"], "opens": "09:00", "closes": "24:00",
             "holidays": ["2026-12-25", "--12-26"], "weekdayHours": {"sunday": {"opens": "01:00", "closes": "05:00"}}}
            """);
        Assert.Empty(MiniSchemaValidator.Validate(tree, Schema));
    }

    [Fact]
    public void Schema_AcceptsHolidayRulesAndCountries_AndRejectsUnknownRuleKeys()
    {
        var tree = DefaultTree();
        tree["calendar"]!["holidays"] = JsonNode.Parse("""
            ["2026-12-24", {"name": "Easter Monday", "easter": 1}, {"month": 11, "weekday": "thursday", "nth": 4},
             {"date": "--12-25", "observed": "followingWeekday", "from": 2000}, {"country": "DE", "region": "BE"}]
            """);
        Assert.Empty(MiniSchemaValidator.Validate(tree, Schema));

        tree["calendar"]!["holidays"] = JsonNode.Parse("""[{"easter": 1, "colour": "red"}]""");
        Assert.NotEmpty(MiniSchemaValidator.Validate(tree, Schema));
        tree["calendar"]!["holidays"] = JsonNode.Parse("""["25 December"]""");
        Assert.NotEmpty(MiniSchemaValidator.Validate(tree, Schema));
    }

    [Theory]
    [InlineData("unknown key")]
    [InlineData("month duration")]
    [InlineData("missing rank")]
    [InlineData("bad clock")]
    [InlineData("bad day")]
    [InlineData("opens 24:00")]
    [InlineData("bad weekday key")]
    public void Schema_RejectsWhatTheParserRejects(string breakage)
    {
        var tree = DefaultTree();
        var sev1 = tree["severities"]![0]!.AsObject();
        switch (breakage)
        {
            case "unknown key": sev1["colour"] = "red"; break;
            case "month duration": sev1["respond"]!["within"] = "P1M"; break;
            case "missing rank": sev1.Remove("rank"); break;
            case "bad clock": sev1["respond"]!["clock"] = "sundial"; break;
            case "bad day": tree["calendar"]!["workingDays"] = new JsonArray("funday"); break;
            case "opens 24:00": tree["calendar"]!["opens"] = "24:00"; break;
            case "bad weekday key": tree["calendar"]!["weekdayHours"] = JsonNode.Parse("""{"caturday": {"opens": "01:00", "closes": "05:00"}}"""); break;
        }

        Assert.NotEmpty(MiniSchemaValidator.Validate(tree, Schema));
        Assert.False(PolicyJson.TryParse(tree.ToJsonString(), out _, out _));
    }
}
