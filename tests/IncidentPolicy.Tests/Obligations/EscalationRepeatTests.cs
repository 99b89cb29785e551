using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Obligations;

public class EscalationRepeatTests
{
    // Page on-call now, the manager 5 minutes later; repeat once, 10 minutes after the last level; stop when resolved.
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default.WithEscalation(new EscalationSettings(
        Duration.FromMinutes(1),
        [
            new EscalationPolicy(
                "loud",
                Condition.SeverityAtLeast("SEV-1"),
                [new EscalationLevel(Duration.Zero, EscalationTarget.ForRole("on-call-engineer")), new EscalationLevel(Duration.FromMinutes(5), EscalationTarget.ForRole("engineering-manager"))],
                EscalationStop.Resolved,
                repeatCount: 1,
                repeatDelay: Duration.FromMinutes(10)),
        ],
        []));

    [Fact]
    public void Evaluate_RepeatsTheWholePolicy_EachRoundItsOwnKey()
    {
        var incident = Raised("SEV-1", Policy).Then(new Acknowledge(), Alex, 1);
        var evaluation = Policy.Evaluate(incident, At(30));
        Assert.Equal(
            [
                ("escalate:loud.1.on-call-engineer#1", At(0)),
                ("escalate:loud.2.engineering-manager#1", At(5)),
                ("escalate:loud.1.on-call-engineer#2", At(15)),
                ("escalate:loud.2.engineering-manager#2", At(20)),
            ],
            evaluation.Obligations.Where(o => o.Kind == ObligationKind.Escalate).Select(o => (o.Key, o.DueAt)));
        Assert.All(evaluation.Obligations.Where(o => o.Kind == ObligationKind.Escalate), o => Assert.Equal(ObligationState.Overdue, o.State));
    }

    [Fact]
    public void Evaluate_StopConditionCancelsRemainingRounds()
    {
        var incident = Raised("SEV-1", Policy).Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-1", "x"), Alex, 2)
            .Then(new AssignCommander("sarah"), Alex, 2).Then(new Resolve(), Sarah, 12);
        var escalations = Policy.Evaluate(incident, At(30)).Obligations.Where(o => o.Kind == ObligationKind.Escalate).ToList();
        Assert.Equal(
            [ObligationState.Overdue, ObligationState.Overdue, ObligationState.Cancelled, ObligationState.Cancelled],
            escalations.Select(o => o.State));
    }
}
