using IncidentPolicy.Escalation;
using static IncidentPolicy.Tests.Escalation.ConditionTests;
using static IncidentPolicy.Tests.Escalation.SeedFacts;

namespace IncidentPolicy.Tests.Escalation;

public class SeverityMatrixTests
{
    private static SeveritySuggestion Suggest(IEnumerable<string>? flags = null, Dictionary<string, decimal>? impacts = null) =>
        ResponsePolicy.Default.SuggestSeverity(impacts ?? [], flags ?? []);

    [Theory]
    [InlineData("checkoutDown", "SEV-1", "checkout-down")]
    [InlineData("dataBreachSuspected", "SEV-1", "data-breach")]
    [InlineData("siteOutage", "SEV-1", "site-outage")]
    [InlineData("searchBroken", "SEV-2", "search-broken")]
    [InlineData("slowCheckout", "SEV-2", "slow-checkout")]
    [InlineData("nonCriticalFeatureBroken", "SEV-3", "non-critical-feature-broken")]
    [InlineData("cosmetic", "SEV-4", "cosmetic")]
    public void SuggestSeverity_SeedFlagExamples(string flag, string severity, string rule)
    {
        var suggestion = Suggest([flag]);
        Assert.Equal(severity, suggestion.Severity?.Id);
        Assert.Equal([rule], suggestion.Rules.Select(r => r.Id));
        Assert.Equal($"{severity} because flag {flag} is raised (rule {rule})", suggestion.Reason);
    }

    [Theory]
    [InlineData("paymentFailureRate", 2.5, "SEV-2", "payment-failures")]
    [InlineData("paymentFailureRate", 2, null, null)]
    [InlineData("performanceDegradation", 19.9, "SEV-3", "performance-degradation")]
    [InlineData("performanceDegradation", 0.5, "SEV-3", "performance-degradation")]
    [InlineData("performanceDegradation", 0, null, null)]
    [InlineData("performanceDegradation", 20, "SEV-2", "significant-degradation")]
    [InlineData("performanceDegradation", 45, "SEV-2", "significant-degradation")]
    public void SuggestSeverity_SeedImpactExamples(string metric, double value, string? severity, string? rule)
    {
        var suggestion = Suggest(impacts: new() { [metric] = (decimal)value });
        Assert.Equal(severity, suggestion.Severity?.Id);
        Assert.Equal(rule is null ? [] : [rule], suggestion.Rules.Select(r => r.Id));
    }

    [Fact]
    public void SuggestSeverity_SeveralMatches_MostSevereWinsWithAllItsRules()
    {
        var suggestion = Suggest(["cosmetic", "siteOutage", "searchBroken", "checkoutDown"]);
        Assert.Equal("SEV-1", suggestion.Severity?.Id);
        Assert.Equal(["checkout-down", "site-outage"], suggestion.Rules.Select(r => r.Id));
        Assert.Equal("SEV-1 because flag checkoutDown is raised (rule checkout-down) and flag siteOutage is raised (rule site-outage)", suggestion.Reason);
    }

    [Fact]
    public void SuggestSeverity_NothingMatches_NoSeverityAndSaysSo()
    {
        var suggestion = Suggest(["restricted"], new() { ["revenueLoss"] = 47000 });
        Assert.Null(suggestion.Severity);
        Assert.Empty(suggestion.Rules);
        Assert.Equal("no severity rule matches the recorded impact figures and flags; assess the severity by hand", suggestion.Reason);
    }

    [Fact]
    public void SuggestSeverity_FromFacts_ReadsImpactsAndFlags() =>
        Assert.Equal("SEV-1", ResponsePolicy.Default.SuggestSeverity(Facts(flags: ["checkoutDown"])).Severity?.Id);

    [Fact]
    public void SeverityRule_TimeOrStatusConditions_Rejected()
    {
        AssertProblem(
            "when.all[1].elapsedSince",
            () => _ = new SeverityRule("r", Condition.All(Condition.FlagRaised("x"), Condition.ElapsedSince(ElapsedAnchor.Alert, default)), "SEV-1"),
            "a severity rule may use only impactAbove, impactBelow, flagRaised, all, any and not, since a severity is suggested from impact facts alone; not elapsedSince");
        AssertProblem("when.not.statusIn", () => _ = new SeverityRule("r", Condition.Not(Condition.StatusIn(IncidentStatus.Triggered)), "SEV-1"));
        AssertProblem("severity", () => _ = new SeverityRule("r", Condition.FlagRaised("x"), ""), "a severity id is required, like SEV-2");
        AssertProblem("id", () => _ = new SeverityRule("R_1", Condition.FlagRaised("x"), "SEV-1"));
    }

    [Fact]
    public void SeverityMatrix_DuplicateIds_Reported()
    {
        var rule = new SeverityRule("r", Condition.FlagRaised("x"), "SEV-1");
        AssertProblem("[1].id", () => _ = new SeverityMatrix([rule, rule]), "id 'r' is already used by [0]");
    }

    [Fact]
    public void WithSeverityMatrix_UnknownSeverity_ReportedWithJsonPath()
    {
        var matrix = new SeverityMatrix([new SeverityRule("ok", Condition.FlagRaised("x"), "SEV-1"), new SeverityRule("bad", Condition.FlagRaised("y"), "P0")]);
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => ResponsePolicy.Default.WithSeverityMatrix(matrix)).Problems);
        Assert.Equal(new PolicyProblem("$.severitySuggestion[1].severity", "unknown severity 'P0'; the policy's severities are: SEV-1, SEV-2, SEV-3, SEV-4"), problem);
    }
}
