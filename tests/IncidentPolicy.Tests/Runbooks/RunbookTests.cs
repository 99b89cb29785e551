using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Escalation;
using IncidentPolicy.Runbooks;

namespace IncidentPolicy.Tests.Runbooks;

public class RunbookTests
{
    // The seed's runbook, as "Incident Management That Actually Works" prints it (its blank lines hold one space there).
    private const string SeedMarkdown = """
        ## Runbook: Checkout Error Rate Spike

        ### Quick Assessment
        1. Check deployment log: did we deploy in the last 2 hours?
           → If yes: rollback first, investigate later
        2. Check third-party status: Stripe, Shopify, PayPal
           → If external service down: enable fallback payment method
        3. Check database: connection pool, query latency, disk space
           → If DB issue: restart connection pool, scale up if needed

        ### Common Causes (ranked by frequency)
        1. Payment provider outage (40% of incidents)
           → Mitigation: Switch to backup provider
        2. Bad deployment (30%)
           → Mitigation: Rollback to last known good
        3. Database overload (15%)
           → Mitigation: Kill long-running queries, scale read replicas
        4. Infrastructure issue (10%)
           → Mitigation: Check AWS status, failover to backup region
        5. DDoS or bot traffic (5%)
           → Mitigation: Enable rate limiting, block suspicious IPs

        ### Escalation
        - If not resolved in 30 min: Page engineering manager
        - If revenue loss > $10K: Notify VP Engineering
        - If data breach suspected: Notify security team immediately

        """;

    private static Runbook Seed => Assert.Single(ResponsePolicy.Default.Runbooks);

    private static Runbook WithCauses(params RunbookCause[] causes) =>
        new("r", "R", [], [], [], causes, []);

    [Fact]
    public void Default_CarriesSeedRunbook()
    {
        Assert.Equal("checkout-error-rate-spike", Seed.Id);
        Assert.Equal(["checkout"], Seed.Services);
        Assert.Equal(["checkout-error-rate"], Seed.AlertTags);
        Assert.Equal(3, Seed.QuickAssessment.Count);
        Assert.Equal([40, 30, 15, 10, 5], Seed.CommonCauses.Select(c => c.SharePercent));
    }

    [Fact]
    public void ToMarkdown_SeedRunbook_MatchesSeedLayout() =>
        Assert.Equal(SeedMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal), Seed.ToMarkdown());

    [Fact]
    public void Default_EscalationLinesReuseDefaultEscalationRules()
    {
        Assert.Equal(
            ["page-engineering-manager", "notify-vp-engineering", "notify-security-team"],
            Seed.Escalation.Select(e => e.Rule.Id));
        Assert.All(Seed.Escalation, e => Assert.Contains(e.Rule, ResponsePolicy.Default.Escalation.Rules));
        Assert.Equal(EscalationTarget.ForRole("engineering-manager"), Seed.Escalation[0].Rule.Target);
    }

    [Theory]
    [InlineData("checkout", new string[0], true)]
    [InlineData(null, new[] { "checkout-error-rate" }, true)]
    [InlineData("search", new[] { "latency", "checkout-error-rate" }, true)]
    [InlineData("search", new[] { "latency" }, false)]
    [InlineData(null, new string[0], false)]
    [InlineData("Checkout", new string[0], false)]
    public void Matches_ServiceOrAlertTag(string? service, string[] tags, bool expected)
    {
        Assert.Equal(expected, Seed.Matches(service, tags));
        Assert.Equal(expected ? 1 : 0, ResponsePolicy.Default.FindRunbooks(service, tags).Count);
    }

    [Fact]
    public void Constructor_CausesOutOfRankOrder_ProblemAtShare()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => WithCauses(new("a", 10, "m"), new("b", 30, "m")));
        Assert.Equal([new PolicyProblem("commonCauses[1].share", "causes are ranked by frequency: 30% is more than the 10% ranked above it")], ex.Problems);
    }

    [Fact]
    public void Constructor_SharesOver100_Problem()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => WithCauses(new("a", 60, "m"), new("b", 50, "m")));
        Assert.Equal([new PolicyProblem("commonCauses", "the shares add up to 110%, more than 100%")], ex.Problems);
    }

    [Fact]
    public void Constructor_SharesExactly100AndTies_Accepted() =>
        Assert.Equal(2, WithCauses(new("a", 50, "m"), new("b", 50, "m")).CommonCauses.Count);

    [Fact]
    public void Constructor_BadIdAndTitle_ProblemsWithPaths()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new Runbook("Checkout!", " ", [], [], [], [], []));
        Assert.Equal(["id", "title"], ex.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void RunbookCause_ShareOutOfRange_Throws(int share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunbookCause("a", share, "m"));

    [Fact]
    public void AssessmentStep_EmptyText_Throws() =>
        Assert.Throws<ArgumentException>(() => new AssessmentStep("Check", "", "act"));

    [Fact]
    public void ToMarkdown_NoSections_TitleOnly() =>
        Assert.Equal("## Runbook: R\n", WithCauses().ToMarkdown());

    [Fact]
    public void WithRunbooks_UnknownRoleAndDuplicateId_ProblemsWithPaths()
    {
        var rule = new EscalationRule("page-cto", Condition.SeverityAtLeast("SEV-9"), EscalationAction.Page, EscalationTarget.ForRole("cto"));
        var runbook = new Runbook("r", "R", [], [], [], [], [new RunbookEscalation("If bad: page the CTO", rule)]);
        var ex = Assert.Throws<PolicyValidationException>(() => ResponsePolicy.Default.WithRunbooks([runbook, runbook]));
        Assert.Equal(
            [
                new PolicyProblem("$.runbooks[1].id", "id 'r' is already used by $.runbooks[0]"),
                new PolicyProblem("$.runbooks[0].escalation[0].rule.when.severityAtLeast", "unknown severity 'SEV-9'; the policy's severities are: SEV-1, SEV-2, SEV-3, SEV-4"),
                new PolicyProblem("$.runbooks[0].escalation[0].rule.target.id", "unknown role 'cto'; the policy's roles are: comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering"),
            ],
            ex.Problems.Take(3));
    }

    [Fact]
    public void WithRunbooks_Empty_FindsNone() =>
        Assert.Empty(ResponsePolicy.Default.WithRunbooks([]).FindRunbooks("checkout", []));

    [Property(MaxTest = 200)]
    public Property Constructor_AnyShares_AcceptedIffRankedAndAtMost100(byte[] raw)
    {
        var shares = raw.Take(6).Select(b => b % 101).ToList();
        var ranked = shares.Zip(shares.Skip(1)).All(p => p.First >= p.Second);
        var accepted = ranked && shares.Sum() <= 100;
        try
        {
            var runbook = WithCauses(shares.Select((s, i) => new RunbookCause($"cause {i}", s, "m")).ToArray());
            var markdown = runbook.ToMarkdown();
            var positions = shares.Select((_, i) => markdown.IndexOf($"{i + 1}. cause {i} (", StringComparison.Ordinal)).ToList();
            return (accepted && positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order())).Label(markdown);
        }
        catch (PolicyValidationException e)
        {
            return (!accepted).Label(string.Join("; ", e.Problems));
        }
    }
}
