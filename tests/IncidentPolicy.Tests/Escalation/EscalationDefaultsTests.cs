using IncidentPolicy.Escalation;
using NodaTime;
using static IncidentPolicy.Tests.Escalation.SeedFacts;

namespace IncidentPolicy.Tests.Escalation;

public class EscalationDefaultsTests
{
    private static readonly EscalationSettings Defaults = ResponsePolicy.Default.Escalation;

    private static EscalationRule Rule(string id) => Defaults.FindRule(id)!;

    [Fact]
    public void Default_Policy_CarriesTheSeedsSections()
    {
        Assert.Same(ResponsePolicy.Default.Escalation, Defaults);
        Assert.Same(ResponsePolicy.Default.SeverityMatrix, ResponsePolicy.Default.SeverityMatrix);
        Assert.Equal(Duration.FromMinutes(1), Defaults.DispatchGrace);
        Assert.Equal(["page-engineering-manager", "notify-vp-engineering", "notify-security-team"], Defaults.Rules.Select(r => r.Id));
        Assert.Equal(["page-on-call"], Defaults.Policies.Select(p => p.Id));
    }

    [Fact]
    public void PageEngineeringManager_SeedIncident_StartsToHoldAt0432()
    {
        var rule = Rule("page-engineering-manager");
        var atDeclaration = Facts(IncidentStatus.Investigating, "SEV-1", At(4, 7), At(4, 12));
        Assert.False(rule.When.HoldsAt(atDeclaration, At(4, 12)));
        Assert.Equal(At(4, 32), rule.When.NextChange(atDeclaration, At(4, 12)));
        Assert.Equal(At(4, 32), rule.When.NextChange(Mitigated, At(4, 22)));
        Assert.True(rule.When.HoldsAt(Mitigated, At(4, 32)));
        Assert.Equal(EscalationAction.Page, rule.Action);
        Assert.Equal(EscalationTarget.ForRole("engineering-manager"), rule.Target);
    }

    [Fact]
    public void PageEngineeringManager_ResolvedOrMinorOrUnclassified_DoesNotHold()
    {
        var when = Rule("page-engineering-manager").When;
        Assert.False(when.HoldsAt(Resolved, At(5, 0)));
        Assert.Null(when.NextChange(Resolved, At(4, 47)));
        Assert.False(when.HoldsAt(Facts(IncidentStatus.Investigating, "SEV-3"), At(5, 0)));
        Assert.False(when.HoldsAt(Facts(IncidentStatus.Triggered), At(5, 0)));
        Assert.True(when.HoldsAt(Facts(IncidentStatus.Triggered, "SEV-2"), At(5, 0)));
    }

    [Fact]
    public void NotifyVpEngineering_HoldsOnceRevenueLossIsRecorded()
    {
        var when = Rule("notify-vp-engineering").When;
        Assert.False(when.HoldsAt(Facts(IncidentStatus.Mitigated, "SEV-1", At(4, 7), At(4, 12)), At(4, 35)));
        Assert.True(when.HoldsAt(Mitigated, At(4, 35)));
        Assert.Equal(EscalationAction.Notify, Rule("notify-vp-engineering").Action);
        Assert.Equal("vp-engineering", Rule("notify-vp-engineering").Target.Id);
    }

    [Fact]
    public void NotifySecurityTeam_HoldsImmediatelyWhenBreachSuspected()
    {
        var when = Rule("notify-security-team").When;
        Assert.True(when.HoldsAt(Facts(flags: ["dataBreachSuspected"]), Alert));
        Assert.False(when.HoldsAt(Mitigated, At(4, 35)));
        Assert.Null(when.NextChange(Facts(flags: ["dataBreachSuspected"]), Alert));
    }

    [Fact]
    public void PageOnCall_SeedIncident_PagesOnCallAtAlertAndManagerFiveMinutesLater()
    {
        var policy = Defaults.FindPolicy("page-on-call")!;
        Assert.True(policy.AppliesTo.HoldsAt(Mitigated, Alert));
        Assert.False(policy.AppliesTo.HoldsAt(Facts(severity: "SEV-3"), Alert));
        Assert.Equal(
            [
                new EscalationStep(0, 0, EscalationTarget.ForRole("on-call-engineer"), At(4, 2)),
                new EscalationStep(1, 0, EscalationTarget.ForRole("engineering-manager"), At(4, 7)),
            ],
            policy.Plan(Alert));
        Assert.Equal(EscalationStop.Acknowledged, policy.StopCondition);
        Assert.True(policy.HasStopped(Facts(IncidentStatus.Acknowledged, "SEV-1", At(4, 7))));
        Assert.False(policy.HasStopped(Facts(IncidentStatus.Triggered, "SEV-1")));
        Assert.Equal(
            "for severity is SEV-2 or more severe: page role on-call-engineer immediately, then role engineering-manager 5 minutes later; until acknowledged",
            policy.Describe());
    }

    [Fact]
    public void DefaultFor_SeedRoles_IsTheDefault() =>
        Assert.Same(ResponsePolicy.Default.Escalation, EscalationSettings.DefaultFor(ResponsePolicy.Default.Escalation, ResponsePolicy.Default.Roles, ResponsePolicy.Default.Severities));

    [Fact]
    public void DefaultFor_NoneOfTheSeedsRoles_NoRulesNoPolicies()
    {
        var defaults = EscalationSettings.DefaultFor(ResponsePolicy.Default.Escalation, [new Role("responder", "Responder")], ResponsePolicy.Default.Severities);
        Assert.Empty(defaults.Rules);
        Assert.Empty(defaults.Policies);
        Assert.Equal(Duration.FromMinutes(1), defaults.DispatchGrace);
    }

    [Fact]
    public void DefaultFor_SomeRoles_KeepsWholeRulesAndPoliciesWhoseTargetsExist()
    {
        var roles = ResponsePolicy.Default.Roles.Where(r => r.Id is not ("vp-engineering" or "on-call-engineer"));
        var defaults = EscalationSettings.DefaultFor(ResponsePolicy.Default.Escalation, roles, ResponsePolicy.Default.Severities);
        Assert.Equal(["page-engineering-manager", "notify-security-team"], defaults.Rules.Select(r => r.Id));
        Assert.Empty(defaults.Policies);
    }

    [Fact]
    public void DefaultFor_ScaleWithoutSev2_DropsRulesNamingIt()
    {
        var scale = new IncidentPolicy.Severities.SeverityScale(ResponsePolicy.Default.Severities.Where(l => l.Id != "SEV-2"));
        var defaults = EscalationSettings.DefaultFor(ResponsePolicy.Default.Escalation, ResponsePolicy.Default.Roles, scale);
        Assert.Equal(["notify-vp-engineering", "notify-security-team"], defaults.Rules.Select(r => r.Id));
        Assert.Empty(defaults.Policies);
        Assert.DoesNotContain(SeverityMatrix.DefaultFor(ResponsePolicy.Default.SeverityMatrix, scale).Rules, r => r.SeverityId == "SEV-2");
        Assert.Equal(6, SeverityMatrix.DefaultFor(ResponsePolicy.Default.SeverityMatrix, scale).Rules.Count);
    }

    [Fact]
    public void WithRoles_DroppingATargetRole_ReportsTheRuleTarget()
    {
        // WithRoles keeps the sections as they are, so the default rule's target becomes unknown.
        var problems = Assert.Throws<PolicyValidationException>(
            () => ResponsePolicy.Default.WithRoles(ResponsePolicy.Default.Roles.Where(r => r.Id != "security-team"))).Problems;
        var problem = Assert.Single(problems, p => p.Path.StartsWith("$.escalation", StringComparison.Ordinal));
        Assert.Equal("$.escalation.rules[2].target.id", problem.Path);
        Assert.StartsWith("unknown role 'security-team'; the policy's roles are: comms-lead, ", problem.Reason, StringComparison.Ordinal);
    }
}
