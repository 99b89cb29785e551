using IncidentPolicy.Escalation;
using NodaTime;
using static IncidentPolicy.Tests.Escalation.ConditionTests;
using static IncidentPolicy.Tests.Escalation.SeedFacts;

namespace IncidentPolicy.Tests.Escalation;

public class EscalationPolicyTests
{
    private static readonly EscalationTarget OnCall = EscalationTarget.ForRole("on-call-engineer");
    private static readonly EscalationTarget Manager = EscalationTarget.ForRole("engineering-manager");
    private static readonly EscalationTarget Sarah = EscalationTarget.ForPerson("sarah");

    private static EscalationPolicy Policy(EscalationStop stop = EscalationStop.Acknowledged, int repeats = 0, Duration? repeatAfter = null) => new(
        "page-checkout",
        Condition.SeverityAtLeast("SEV-2"),
        [
            new EscalationLevel(Duration.FromMinutes(2), OnCall),
            new EscalationLevel(Duration.FromMinutes(5), Manager, Sarah),
            new EscalationLevel(Duration.Zero, EscalationTarget.ForRole("vp-engineering")),
        ],
        stop,
        repeats,
        repeatAfter);

    [Fact]
    public void Plan_DelaysAreRelativeToThePreviousLevel()
    {
        Assert.Equal(
            [
                new EscalationStep(0, 0, OnCall, At(4, 4)),
                new EscalationStep(1, 0, Manager, At(4, 9)),
                new EscalationStep(1, 0, Sarah, At(4, 9)),
                new EscalationStep(2, 0, EscalationTarget.ForRole("vp-engineering"), At(4, 9)),
            ],
            Policy().Plan(Alert));
    }

    [Fact]
    public void Plan_Repeats_StartEachRoundRepeatAfterTheLastLevel()
    {
        var plan = Policy(repeats: 2, repeatAfter: Duration.FromMinutes(10)).Plan(Alert);
        Assert.Equal(12, plan.Count);
        Assert.Equal(
            [(0, 0, At(4, 4)), (1, 0, At(4, 21)), (2, 0, At(4, 38))],
            plan.Where(s => s.LevelIndex == 0).Select(s => (s.LevelIndex, s.Round, s.DueAt)).Select(t => (t.Round, t.LevelIndex, t.DueAt)));
        Assert.Equal(At(4, 43), plan[^1].DueAt);
        Assert.Equal(2, plan[^1].Round);
        Assert.Equal(plan.OrderBy(s => s.DueAt).ThenBy(s => s.Round).ThenBy(s => s.LevelIndex), plan);
    }

    [Fact]
    public void Plan_FromALaterStart_ShiftsEverything() =>
        Assert.Equal(At(5, 2), Policy().Plan(At(5, 0))[0].DueAt);

    [Fact]
    public void Plan_NearTheLatestResult_LeavesOutWhatDoesNotFit()
    {
        var plan = Policy().Plan(Limits.LatestResult - Duration.FromMinutes(3));
        Assert.Single(plan);
    }

    [Theory]
    [InlineData(IncidentStatus.Triggered, false, false)]
    [InlineData(IncidentStatus.Acknowledged, true, false)]
    [InlineData(IncidentStatus.Investigating, true, false)]
    [InlineData(IncidentStatus.Mitigated, true, false)]
    [InlineData(IncidentStatus.Resolved, true, true)]
    [InlineData(IncidentStatus.Closed, true, true)]
    [InlineData(IncidentStatus.Declined, true, true)]
    [InlineData(IncidentStatus.Merged, true, true)]
    public void HasStopped_ByStatus(IncidentStatus status, bool byAcknowledgement, bool byResolution)
    {
        Assert.Equal(byAcknowledgement, Policy(EscalationStop.Acknowledged).HasStopped(Facts(status)));
        Assert.Equal(byResolution, Policy(EscalationStop.Resolved).HasStopped(Facts(status)));
    }

    [Fact]
    public void HasStopped_AcknowledgedWhileStillTriggered_Stops() =>
        Assert.True(Policy().HasStopped(Facts(IncidentStatus.Triggered, acknowledged: At(4, 7))));

    [Fact]
    public void Describe_WithRepeats()
    {
        Assert.Equal(
            "for severity is SEV-2 or more severe: page role on-call-engineer 2 minutes after the start, then role engineering-manager and person sarah 5 minutes later, then role vp-engineering at the same time; until resolved; repeated 2 more times 10 minutes after the last level",
            Policy(EscalationStop.Resolved, 2, Duration.FromMinutes(10)).Describe());
    }

    [Fact]
    public void Constructor_BadValues_ThrowWithRelativePaths()
    {
        var condition = Condition.SeverityAtLeast("SEV-1");
        EscalationLevel[] levels = [new(Duration.Zero, OnCall)];
        AssertProblem("id", () => _ = new EscalationPolicy("Page On Call", condition, levels, EscalationStop.Acknowledged),
            "an escalation policy id 'Page On Call' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'");
        AssertProblem("levels", () => _ = new EscalationPolicy("p", condition, [], EscalationStop.Acknowledged), "at least one level is required");
        AssertProblem("repeats", () => _ = new EscalationPolicy("p", condition, levels, EscalationStop.Acknowledged, -1),
            "must not be negative (got -1); 0 means the levels run once");
        AssertProblem("repeats", () => _ = new EscalationPolicy("p", condition, levels, EscalationStop.Acknowledged, 21, Duration.FromMinutes(1)),
            "at most 20 repeats (got 21)");
        AssertProblem("repeatAfter", () => _ = new EscalationPolicy("p", condition, levels, EscalationStop.Acknowledged, 1),
            "a duration is required when repeats is above 0, like PT10M");
        AssertProblem("repeatAfter", () => _ = new EscalationPolicy("p", condition, levels, EscalationStop.Acknowledged, 1, Duration.Zero),
            "must be longer than zero");
        AssertProblem("repeatAfter", () => _ = new EscalationPolicy("p", condition, levels, EscalationStop.Acknowledged, 0, Duration.FromMinutes(5)),
            "must be null when repeats is 0");
        AssertProblem("stopWhen", () => _ = new EscalationPolicy("p", condition, levels, (EscalationStop)9));
        AssertProblem("delay", () => _ = new EscalationLevel(Duration.FromMinutes(-1), OnCall), "must not be negative (got minus 1 minute)");
        AssertProblem("targets", () => _ = new EscalationLevel(Duration.Zero), "at least one target is required");
        AssertProblem("targets[1]", () => _ = new EscalationLevel(Duration.Zero, OnCall, OnCall),
            "role on-call-engineer is already a target at targets[0]");
        AssertProblem("id", () => EscalationTarget.ForRole("Engineering Manager"));
        AssertProblem("id", () => EscalationTarget.ForPerson(" "), "a person id is required");
        AssertProblem("kind", () => _ = new EscalationTarget((EscalationTargetKind)5, "x"));
        AssertProblem("id", () => _ = new EscalationRule("", condition, EscalationAction.Page, OnCall), "a rule id is required");
        AssertProblem("action", () => _ = new EscalationRule("r", condition, (EscalationAction)7, OnCall));
    }

    [Fact]
    public void Settings_DuplicateIdsAcrossRulesAndPolicies_Reported()
    {
        var rule = new EscalationRule("page-checkout", Condition.FlagRaised("x"), EscalationAction.Notify, Sarah);
        var problems = Assert.Throws<PolicyValidationException>(
            () => _ = new EscalationSettings(Duration.FromMinutes(-1), [Policy()], [rule, rule])).Problems;
        Assert.Equal(
            [
                new PolicyProblem("dispatchGrace", "must not be negative (got minus 1 minute)"),
                new PolicyProblem("rules[0].id", "id 'page-checkout' is already used by policies[0]"),
                new PolicyProblem("rules[1].id", "id 'page-checkout' is already used by policies[0]"),
            ],
            problems);
    }

    [Fact]
    public void WithEscalation_UnknownRolesAndSeverities_ReportedWithJsonPaths()
    {
        var settings = new EscalationSettings(
            Duration.Zero,
            [new EscalationPolicy("p", Condition.Any(Condition.FlagRaised("x"), Condition.SeverityAtLeast("P1")),
                [new EscalationLevel(Duration.Zero, Sarah, EscalationTarget.ForRole("cto"))], EscalationStop.Resolved)],
            [new EscalationRule("r", Condition.Not(Condition.All(Condition.SeverityAtLeast("SEV-9"))), EscalationAction.Page, EscalationTarget.ForRole("ceo"))]);
        var problems = Assert.Throws<PolicyValidationException>(() => ResponsePolicy.Default.WithEscalation(settings)).Problems;
        Assert.Equal(
            [
                "$.escalation.policies[0].appliesTo.any[1].severityAtLeast",
                "$.escalation.policies[0].levels[0].targets[1].id",
                "$.escalation.rules[0].when.not.all[0].severityAtLeast",
                "$.escalation.rules[0].target.id",
            ],
            problems.Select(p => p.Path));
        Assert.Equal("unknown severity 'P1'; the policy's severities are: SEV-1, SEV-2, SEV-3, SEV-4", problems[0].Reason);
        Assert.StartsWith("unknown role 'cto'; the policy's roles are: comms-lead, engineering-manager, ", problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithEscalation_Valid_IsUsedAndDefaultsAreUntouched()
    {
        var policy = ResponsePolicy.Default.WithEscalation(EscalationSettings.None);
        Assert.Empty(policy.Escalation.Rules);
        Assert.Same(ResponsePolicy.Default.Escalation, ResponsePolicy.Default.Escalation);
        Assert.NotEqual(ResponsePolicy.Default.ContentHash, policy.ContentHash);
    }
}
