using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonRunbooksTests
{
    private static readonly string DefaultJson = PolicyJson.Serialize(ResponsePolicy.Default);

    private static JsonObject DefaultTree() => JsonNode.Parse(DefaultJson)!.AsObject();

    private static JsonNode Runbook(JsonObject tree) => tree["runbooks"]![0]!;

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree)
    {
        var json = tree.ToJsonString();
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(json));
        Assert.False(PolicyJson.TryParse(json, out _, out var problems));
        Assert.Equal(ex.Problems, problems);
        return ex.Problems;
    }

    private const string Rule = "{\"id\": \"x\", \"when\": {\"flagRaised\": \"f\"}, \"action\": \"page\", \"target\": {\"kind\": \"role\", \"id\": \"engineering-manager\"}}";

    [Fact]
    public void Serialize_Default_SeedRunbookRoundTrips()
    {
        var tree = DefaultTree();
        Assert.Equal("runbooks", tree.Last().Key);
        Assert.Equal("checkout-error-rate-spike", (string)Runbook(tree)["id"]!);
        Assert.Equal(40, (int)Runbook(tree)["commonCauses"]![0]!["share"]!);
        Assert.Equal("page-engineering-manager", (string)Runbook(tree)["escalation"]![0]!["rule"]!["id"]!);
        var parsed = PolicyJson.Parse(DefaultJson);
        Assert.Equal(DefaultJson, PolicyJson.Serialize(parsed));
        Assert.Equal(ResponsePolicy.Default.Runbooks[0].ToMarkdown(), parsed.Runbooks[0].ToMarkdown());
    }

    [Fact]
    public void Parse_NullOrEmptyRunbooks_NoneUnlessExtendingTheSeed()
    {
        var tree = DefaultTree();
        tree.Remove("runbooks");
        Assert.Empty(PolicyJson.Parse(tree.ToJsonString()).Runbooks);
        tree["runbooks"] = new JsonArray();
        Assert.Empty(PolicyJson.Parse(tree.ToJsonString()).Runbooks);
        tree.Remove("runbooks");
        tree["extends"] = "seed";
        Assert.Equal("checkout-error-rate-spike", Assert.Single(PolicyJson.Parse(tree.ToJsonString()).Runbooks).Id);
    }

    [Fact]
    public void Parse_EditedRunbook_Read()
    {
        var tree = DefaultTree();
        Runbook(tree)["title"] = "Checkout Latency";
        Runbook(tree)["alertTags"] = new JsonArray("checkout-latency");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.StartsWith("## Runbook: Checkout Latency\n", policy.Runbooks[0].ToMarkdown(), StringComparison.Ordinal);
        Assert.Single(policy.FindRunbooks(null, ["checkout-latency"]));
    }

    [Theory]
    [InlineData("id", null, "$.runbooks[0].id", "runbook id is required")]
    [InlineData("id", "\"Checkout\"", "$.runbooks[0].id", "runbook id 'Checkout' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'")]
    [InlineData("title", "\"\"", "$.runbooks[0].title", "a title is required")]
    [InlineData("services", null, "$.runbooks[0].services", "a list of services is required ([] for none)")]
    [InlineData("services", "[\"\"]", "$.runbooks[0].services[0]", "a non-empty text is required")]
    [InlineData("alertTags", null, "$.runbooks[0].alertTags", "a list of alert tags is required ([] for none)")]
    [InlineData("quickAssessment", null, "$.runbooks[0].quickAssessment", "a list is required ([] for none)")]
    [InlineData("quickAssessment", "[null]", "$.runbooks[0].quickAssessment[0]", "must be an object, not null")]
    [InlineData("quickAssessment", "[{\"check\": \"c\", \"condition\": \" \", \"action\": \"a\"}]", "$.runbooks[0].quickAssessment[0].condition", "a non-empty text is required")]
    [InlineData("quickAssessment", "[{\"check\": \"c\", \"condition\": \"x\", \"action\": \"a\", \"then\": 1}]", "$.runbooks[0].quickAssessment[0].then", "unknown key 'then'; expected one of: check, condition, action")]
    [InlineData("commonCauses", null, "$.runbooks[0].commonCauses", "a list is required ([] for none)")]
    [InlineData("commonCauses", "[{\"name\": \"n\", \"share\": 101, \"mitigation\": \"m\"}]", "$.runbooks[0].commonCauses[0].share", "a share is 0 to 100 percent (got 101)")]
    [InlineData("commonCauses", "[{\"name\": \"n\", \"share\": null, \"mitigation\": \"m\"}]", "$.runbooks[0].commonCauses[0].share", "a share in whole percent is required")]
    [InlineData("commonCauses", "[{\"name\": \"n\", \"share\": 5, \"mitigation\": null}]", "$.runbooks[0].commonCauses[0].mitigation", "a non-empty text is required")]
    [InlineData("commonCauses", "[{\"name\": \"a\", \"share\": 5, \"mitigation\": \"m\"}, {\"name\": \"b\", \"share\": 6, \"mitigation\": \"m\"}]", "$.runbooks[0].commonCauses[1].share", "causes are ranked by frequency: 6% is more than the 5% ranked above it")]
    [InlineData("commonCauses", "[{\"name\": \"a\", \"share\": 70, \"mitigation\": \"m\"}, {\"name\": \"b\", \"share\": 40, \"mitigation\": \"m\"}]", "$.runbooks[0].commonCauses", "the shares add up to 110%, more than 100%")]
    [InlineData("escalation", null, "$.runbooks[0].escalation", "a list is required ([] for none)")]
    [InlineData("escalation", "[{\"text\": \"\", \"rule\": " + Rule + "}]", "$.runbooks[0].escalation[0].text", "a non-empty text is required")]
    [InlineData("escalation", "[{\"text\": \"t\", \"rule\": null}]", "$.runbooks[0].escalation[0].rule", null)]
    [InlineData("colour", "\"red\"", "$.runbooks[0].colour", "unknown key 'colour'; expected one of: id, title, services, alertTags, quickAssessment, commonCauses, escalation")]
    public void Parse_BadRunbookValue_ProblemWithPathAndReason(string key, string? valueJson, string path, string? reason)
    {
        var tree = DefaultTree();
        Runbook(tree)[key] = valueJson is null ? null : JsonNode.Parse(valueJson);
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

    [Theory]
    [InlineData("target", "{\"kind\": \"role\", \"id\": \"cto\"}", "$.runbooks[0].escalation[0].rule.target.id", "unknown role 'cto'")]
    [InlineData("when", "{\"severityAtLeast\": \"SEV-9\"}", "$.runbooks[0].escalation[0].rule.when.severityAtLeast", "unknown severity 'SEV-9'")]
    public void Parse_RuleWithUnknownReference_ProblemWithPath(string key, string valueJson, string path, string reasonStart)
    {
        var tree = DefaultTree();
        Runbook(tree)["escalation"]![0]!["rule"]![key] = JsonNode.Parse(valueJson);
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal(path, problem.Path);
        Assert.StartsWith(reasonStart, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullRunbookAndDuplicateId_Problems()
    {
        var tree = DefaultTree();
        tree["runbooks"]!.AsArray().Add(Runbook(tree).DeepClone());
        tree["runbooks"]!.AsArray().Add(null);
        Assert.Equal(
            [
                new PolicyProblem("$.runbooks[2]", "a runbook must be an object, not null"),
                new PolicyProblem("$.runbooks[1].id", "id 'checkout-error-rate-spike' is already used by $.runbooks[0]"),
            ],
            ProblemsOf(tree));
    }
}
