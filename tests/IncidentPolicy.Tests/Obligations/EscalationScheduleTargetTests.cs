using System.Text.Json.Nodes;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>Escalation targets of kind schedule resolve through <c>OnCallAt</c> at the notification's due instant.</summary>
public class EscalationScheduleTargetTests
{
    private static ResponsePolicy WithScheduleRule()
    {
        var policy = ResponsePolicy.Default;
        var rule = new EscalationRule("page-on-call-schedule", Condition.FlagRaised("customerFacing"), EscalationAction.Page, EscalationTarget.ForSchedule("on-call"));
        return policy.WithEscalation(new EscalationSettings(policy.Escalation.DispatchGrace, policy.Escalation.Policies, [.. policy.Escalation.Rules, rule]));
    }

    [Fact]
    public void Evaluate_ScheduleTarget_ReasonNamesWhoIsOnCallAndWhy()
    {
        var policy = WithScheduleRule();
        var incident = Raised(policy: policy).Then(new RaiseFlag("customerFacing"), Monitoring, 1);
        var page = policy.Evaluate(incident, At(1)).Find("escalate:page-on-call-schedule#1")!;
        Assert.Equal(At(1), page.DueAt);
        // The example rotation (casey, devon, alex; weekly from Monday 2026-01-05 09:00 UTC) has alex on call that week.
        Assert.StartsWith("page alex, on call on schedule on-call (", page.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_ScheduleTargetUnknown_RejectedWithPath()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        tree["escalation"]!["rules"]!.AsArray().Add(JsonNode.Parse(
            """{"id": "page-nobody", "when": {"flagRaised": "x"}, "action": "page", "target": {"kind": "schedule", "id": "weekend"}}"""));
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString()));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.escalation.rules[3].target.id", problem.Path);
        Assert.Equal("unknown schedule 'weekend'; the policy's schedules are: on-call, incident-commander", problem.Reason);
    }

    [Fact]
    public void Policy_ScheduleTarget_RoundTrips()
    {
        var json = PolicyJson.Serialize(WithScheduleRule());
        Assert.Contains("\"kind\": \"schedule\"", json, StringComparison.Ordinal);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
    }

    [Fact]
    public void ToFacts_SuggestSeverityFromAnIncident()
    {
        var incident = WithCommander().Then(new RaiseFlag("dataBreachSuspected"), Alex, 12).Then(new RecordImpact("revenueLoss", 47000m, "USD"), Sarah, 13)
            .Then(new PostStatusUpdate(StatusAudience.Internal, "investigating"), Sarah, 14);
        var facts = incident.ToFacts();
        Assert.Equal(IncidentStatus.Investigating, facts.Status);
        Assert.Equal(At(14), facts.LastUpdateAt);
        Assert.Equal(47000m, facts.Impacts["revenueLoss"]);
        Assert.Contains("dataBreachSuspected", facts.Flags);
        Assert.Equal("SEV-1", ResponsePolicy.Default.SuggestSeverity(facts).Severity!.Id);
    }
}
