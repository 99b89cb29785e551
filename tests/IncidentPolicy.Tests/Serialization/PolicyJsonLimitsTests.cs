using System.Text;
using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>
/// What <see cref="PolicyJson.Parse"/> accepts, <see cref="PolicyJson.Serialize"/> writes and Parse reads back
/// identical (issue 13, class 1): values a policy file could not carry through a round trip — text that is not valid
/// Unicode or has control characters where they make no sense, dates and instants outside <see cref="Limits"/>, written
/// forms larger than the reader takes — are refused with a problem naming their JSON path; the edges of the supported
/// range are accepted and round-trip.
/// </summary>
public class PolicyJsonLimitsTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    private static JsonObject Tree() => JsonNode.Parse(DefaultJson)!.AsObject();

    private static JsonNode Rotation(JsonObject tree) => tree["schedules"]![0]!["layers"]![0]!["rotation"]!;

    private static IReadOnlyList<PolicyProblem> Refused(string json)
    {
        var accepted = PolicyJson.TryParse(json, out var policy, out var problems);
        Assert.False(accepted, accepted ? "accepted; written as " + PolicyJson.Serialize(policy!).Length + " characters" : null);
        Assert.All(problems, p => Assert.StartsWith("$", p.Path, StringComparison.Ordinal));
        return problems;
    }

    private static void AssertRoundTrips(string json)
    {
        var policy = PolicyJson.Parse(json);
        var written = PolicyJson.Serialize(policy);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));
    }

    public static TheoryData<string, string, string> Unstorable => new()
    {
        { "control character in a role name", "$.roles[0].name", "control character U+0001" },
        { "line break in a role name", "$.roles[0].name", "control character U+000A" },
        { "role id longer than 256", "$.roles[0].id", "300 characters long; at most 256" },
        { "person name longer than 65,536", "$.people[0].name", "70,000 characters long; at most 65,536" },
        { "line break in a severity example", "$.severities[0].examples[0]", "control character U+000A" },
        { "control character in a severity id", "$.severities[0].id", "control character U+0007" },
        { "holiday in year 1", "$.calendar.holidays[0]", "0001-01-01 is outside the supported dates, 1900-01-01 to 2200-12-31" },
        { "holiday in year 9999", "$.calendar.holidays[0]", "9999-12-31 is outside the supported dates" },
        { "holiday just after the range", "$.calendar.holidays[0]", "2201-01-01 is outside the supported dates" },
        { "override from year 1", "$.schedules[0].overrides[0].from", "0001-01-01T00:00:00Z is outside the supported instants" },
        { "leave until the end of time", "$.schedules[0].unavailability[0].to", "9999-12-31T23:59:59.999999999Z is outside the supported instants" },
        { "rotation start in year 9999", "$.schedules[0].layers[0].rotation.start", "9999-12-31 is outside the supported dates" },
        { "rotation start in 1899", "$.schedules[0].layers[0].rotation.start", "1899-12-31 is outside the supported dates" },
        { "condition nested 25 deep", "$.escalation.rules[0].when.not.not.not.not.not", "this one would be 21 deep" },
        { "flag with a control character", "$.escalation.rules[2].when.flagRaised", "control character U+001B" },
        { "change window reason with a NUL", "$.changeWindows[0].reason", "control character U+0000" },
        { "runbook step on two lines", "$.runbooks[0].quickAssessment[0].check", "control character U+000A" },
        { "restricted flag with a tab", "$.lifecycle.restrictedFlags[0]", "control character U+0009" },
    };

    private static JsonObject Mutated(string case_)
    {
        var tree = Tree();
        switch (case_)
        {
            case "control character in a role name":
                tree["roles"]![0]!["name"] = "On\u0001call";
                break;
            case "line break in a role name":
                tree["roles"]![0]!["name"] = "On-call\nengineer";
                break;
            case "role id longer than 256":
                var id = new string('a', 300);
                tree["roles"]![0]!["id"] = id;
                break;
            case "person name longer than 65,536":
                tree["people"]![0]!["name"] = new string('n', 70_000);
                break;
            case "line break in a severity example":
                tree["severities"]![0]!["examples"]![0] = "checkout\ndown";
                break;
            case "control character in a severity id":
                tree["severities"]![0]!["id"] = "SEV\u00071";
                break;
            case "holiday in year 1":
                tree["calendar"]!["holidays"] = new JsonArray("0001-01-01");
                break;
            case "holiday in year 9999":
                tree["calendar"]!["holidays"] = new JsonArray("9999-12-31");
                break;
            case "holiday just after the range":
                tree["calendar"]!["holidays"] = new JsonArray("2201-01-01");
                break;
            case "override from year 1":
                tree["schedules"]![0]!["overrides"] = JsonNode.Parse("""[{"person":"casey","from":"0001-01-01T00:00Z","to":"2026-01-01T00:00Z","layer":null}]""");
                break;
            case "leave until the end of time":
                tree["schedules"]![0]!["unavailability"] = JsonNode.Parse("""[{"person":"casey","from":"2026-01-01T00:00Z","to":"9999-12-31T23:59:59.999999999Z"}]""");
                break;
            case "rotation start in year 9999":
                Rotation(tree)["start"] = "9999-12-31T23:59";
                break;
            case "rotation start in 1899":
                Rotation(tree)["start"] = "1899-12-31T09:00";
                break;
            case "condition nested 25 deep":
                JsonNode condition = JsonNode.Parse("""{"flagRaised":"x"}""")!;
                for (var i = 0; i < 24; i++)
                {
                    condition = new JsonObject { ["not"] = condition };
                }

                tree["escalation"]!["rules"]![0]!["when"] = condition;
                break;
            case "flag with a control character":
                tree["escalation"]!["rules"]![2]!["when"] = JsonNode.Parse("""{"flagRaised":"data\u001bBreach"}""");
                break;
            case "change window reason with a NUL":
                tree["changeWindows"]![0]!["reason"] = "frozen\0";
                break;
            case "runbook step on two lines":
                tree["runbooks"]![0]!["quickAssessment"]![0]!["check"] = "Check the deployment log\nand the status page";
                break;
            case "restricted flag with a tab":
                tree["lifecycle"]!["restrictedFlags"]![0] = "data\tBreach";
                break;
            default:
                throw new ArgumentException(case_);
        }

        return tree;
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public void Parse_ValueAPolicyFileCouldNotCarry_IsRefusedWithItsPath(string case_, string path, string reason)
    {
        var problems = Refused(Mutated(case_).ToJsonString());

        Assert.Contains(problems, p => p.Path == path && p.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsRefusedAsInvalidUnicode()
    {
        var json = DefaultJson.Replace("\"On-call engineer\"", "\"On-call \\ud800 engineer\"", StringComparison.Ordinal);
        Assert.NotEqual(DefaultJson, json);

        var problem = Assert.Single(Refused(json));

        Assert.Equal("$.roles[0].name", problem.Path);
        Assert.Contains("not valid Unicode", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FreeTextWithLineBreaksAndTabs_RoundTrips()
    {
        var tree = Tree();
        tree["roles"]![0]!["description"] = "Answers pages.\r\n\tFirst line of defence.";
        tree["severities"]![0]!["description"] = "Line one\nline two";
        tree["changeWindows"]![0]!["reason"] = "Nobody is awake.\nPost-mortem action item 3.";

        AssertRoundTrips(tree.ToJsonString());
    }

    [Fact]
    public void Parse_DatesAndInstantsAtTheEdgesOfTheRange_RoundTrip()
    {
        var tree = Tree();
        tree["calendar"]!["holidays"] = new JsonArray("1900-01-01", "2200-12-31", "--02-29");
        tree["schedules"]![0]!["overrides"] = JsonNode.Parse(
            """[{"person":"casey","from":"1900-01-01T00:00Z","to":"1900-01-02T00:00Z","layer":null}]""");
        tree["schedules"]![0]!["unavailability"] = JsonNode.Parse(
            """[{"person":"devon","from":"2200-12-31T00:00Z","to":"2200-12-31T23:59:59.999999999Z"}]""");
        Rotation(tree)["start"] = "2200-12-31T23:59:59";

        AssertRoundTrips(tree.ToJsonString());
    }

    [Fact]
    public void Parse_ConditionNestedTwentyDeep_RoundTrips()
    {
        var tree = Tree();
        JsonNode condition = JsonNode.Parse("""{"flagRaised":"x"}""")!;
        for (var i = 0; i < Limits.MaxConditionDepth - 1; i++)
        {
            condition = i % 2 == 0 ? new JsonObject { ["not"] = condition } : new JsonObject { ["any"] = new JsonArray(condition) };
        }

        tree["runbooks"]![0]!["escalation"]![0]!["rule"]!["when"] = condition.DeepClone();
        tree["escalation"]!["rules"]![2]!["when"] = condition;

        AssertRoundTrips(tree.ToJsonString());
    }

    [Theory]
    [InlineData("America/St_Johns", "9999-12-31T23:59")]
    [InlineData("America/St_Johns", "0001-01-01T00:00")]
    [InlineData("Pacific/Kiritimati", "0001-01-01T00:00")]
    [InlineData("America/St_Johns", "2263-01-01T00:00")]
    public void Parse_ScheduleStartingAtTheEdgeOfTime_IsRefusedWithAProblemRatherThanAnOverflow(string zone, string start)
    {
        // Issue 13: "the policy reader threw OverflowException on a schedule in America/St_Johns" — a rotation whose
        // start, resolved in a zone behind UTC, lies past the last instant NodaTime can represent.
        var tree = Tree();
        tree["calendar"]!["timeZone"] = zone;
        var rotation = Rotation(tree);
        rotation["start"] = start;
        rotation["activeWindows"] = JsonNode.Parse("""[{"days":["monday","friday"],"from":"09:00","to":"17:30"}]""");

        var problems = Refused(tree.ToJsonString());

        var problem = Assert.Single(problems);
        Assert.Equal("$.schedules[0].layers[0].rotation.start", problem.Path);
        Assert.Contains("outside the supported dates", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScheduleInStJohnsAtTheEndOfTheRange_RoundTrips()
    {
        var tree = Tree();
        tree["calendar"]!["timeZone"] = "America/St_Johns";
        var rotation = Rotation(tree);
        rotation["start"] = "2200-12-31T23:59";
        rotation["activeWindows"] = JsonNode.Parse("""[{"days":["monday","friday"],"from":"09:00","to":"17:30"}]""");

        AssertRoundTrips(tree.ToJsonString());
    }

    /// <summary>A condition list of <paramref name="count"/> short flags: small to read, large to write (every key of
    /// every condition is written, indented).</summary>
    private static string WithConditionList(int count)
    {
        var tree = Tree();
        tree["escalation"]!["rules"]![2]!["when"] = JsonNode.Parse("""{"any":[]}""");
        var json = tree.ToJsonString();
        var list = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            list.Append(i == 0 ? "" : ",").Append("""{"flagRaised":"x"}""");
        }

        return json.Replace("\"any\":[]", "\"any\":[" + list + "]", StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConditionListWhoseWrittenFormExceedsTheLimit_IsRefusedAtTheRoot()
    {
        // Issue 13: "a policy accepted from JSON (a 10,000-element condition list) serializes to more than the 1 MiB the
        // reader allows, so Parse(Serialize(policy)) refuses what Parse accepted". This document is under 1 MiB.
        var json = WithConditionList(50_000);
        Assert.True(Encoding.UTF8.GetByteCount(json) < PolicyJson.MaxDocumentBytes);

        var problem = Assert.Single(Refused(json));

        Assert.Equal("$", problem.Path);
        Assert.Contains("more than the 1,000,000 a policy may take", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LargeConditionListThatFits_RoundTrips()
    {
        var json = WithConditionList(10_000);

        var policy = PolicyJson.Parse(json);
        var written = PolicyJson.Serialize(policy);

        Assert.True(Encoding.UTF8.GetByteCount(written) <= Limits.MaxPolicyBytes);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));
    }
}
