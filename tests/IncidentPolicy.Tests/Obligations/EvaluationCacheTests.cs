using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Testing;
using IncidentPolicy.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// Evaluating after the last event starts from a fold the incident keeps per policy; these show that the kept fold
/// never changes an answer: warm equals cold at every instant, under every policy, on every thread.
/// </summary>
public class EvaluationCacheTests
{
    private static readonly ResponsePolicy NoEscalation = ResponsePolicy.Default.WithEscalation(EscalationSettings.None);

    /// <summary>The default escalation plus two more time-driven rules, so that time points after the last event find
    /// rules that already hold (and must not fire again).</summary>
    private static readonly ResponsePolicy MoreTimers = ResponsePolicy.Default.WithEscalation(new EscalationSettings(
        EscalationSettings.DefaultDispatchGrace,
        ResponsePolicy.Default.Escalation.Policies,
        ResponsePolicy.Default.Escalation.Rules.Concat(
        [
            new EscalationRule("page-after-an-hour", Condition.ElapsedSince(ElapsedAnchor.Alert, Duration.FromHours(1)), EscalationAction.Page, EscalationTarget.ForRole("engineering-manager")),
            new EscalationRule("notify-ten-minutes-after-ack", Condition.All(Condition.ElapsedSince(ElapsedAnchor.Acknowledged, Duration.FromMinutes(10)), Condition.Not(Condition.StatusIn(IncidentStatus.Resolved))),
                EscalationAction.Notify, EscalationTarget.ForRole("comms-lead")),
        ])));

    /// <summary>The reference: the plain fold of every event, nothing kept or restored.</summary>
    private static Evaluation Cold(ResponsePolicy policy, Incident incident, Instant now) =>
        ObligationFold.Evaluate(policy, Incident.Replay(incident.Policy, incident.Id, incident.Events), now);

    private static bool Same(Evaluation a, Evaluation b) =>
        a.Obligations.SequenceEqual(b.Obligations) && a.NextWakeUp == b.NextWakeUp && a.EvaluatedAt == b.EvaluatedAt;

    private static readonly Gen<(Incident Incident, int[] Offsets)> Cases =
        from steps in IncidentGen.CommandSequences
        from offsets in Gen.Choose(-120, 9000).ArrayOf()
        select (EvaluatePropertyTests.Drive(steps), offsets);

    [Property(MaxTest = 150)]
    public Property WarmEvaluationsEqualColdOnes_AtEveryInstant_UnderEveryPolicy() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var incident = c.Incident;
            foreach (var policy in new[] { ResponsePolicy.Default, NoEscalation, MoreTimers, ResponsePolicy.Default })
            {
                // The first evaluation after the last event folds and keeps the fold; the rest start from it. Instants
                // before the last event (audits of the past) fold again, and must not disturb what is kept.
                foreach (var offset in c.Offsets.Prepend(0).Append(1))
                {
                    var now = incident.LastEventAt + Duration.FromMinutes(offset);
                    if (!Same(policy.Evaluate(incident, now), Cold(policy, incident, now)))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Fact]
    public void AnEvaluationBeforeTheLastEvent_DoesNotLeaveAFoldThatLaterEvaluationsUse()
    {
        var incident = IncidentFixture.Raised("SEV-1");
        incident = incident.Apply(new Acknowledge(), IncidentFixture.Alex, IncidentFixture.AlertAt + Duration.FromMinutes(3), incident.Version).Incident!;
        incident = incident.Apply(new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, IncidentFixture.AlertAt + Duration.FromMinutes(4), incident.Version).Incident!;

        var early = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.AlertAt + Duration.FromMinutes(1));
        var late = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.AlertAt + Duration.FromMinutes(20));

        Assert.Equal(ObligationState.Pending, early.Find("acknowledge")!.State);
        Assert.Null(early.Find("declare")!.MetAt);
        Assert.Equal(ObligationState.Met, late.Find("acknowledge")!.State);
        Assert.Equal(ObligationState.Met, late.Find("declare")!.State);
        Assert.True(Same(late, Cold(ResponsePolicy.Default, incident, IncidentFixture.AlertAt + Duration.FromMinutes(20))));
    }

    [Fact]
    public void AnEvaluationPastATimePoint_KeepsAFoldFromThere_AndEarlierInstantsStillGetTheColdAnswer()
    {
        // Acknowledged and declared, never resolved: the page-engineering-manager rule starts to hold 30 minutes after
        // the alert, a time point after the last event.
        var incident = IncidentFixture.Raised("SEV-1");
        incident = incident.Apply(new Acknowledge(), IncidentFixture.Alex, IncidentFixture.At(1), incident.Version).Incident!;
        incident = incident.Apply(new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, IncidentFixture.At(2), incident.Version).Incident!;

        var beforeRule = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(20));
        var keptAtLastEvent = ObligationEngine.KeptFolds.Find(ResponsePolicy.Default, incident, Instant.MaxValue);
        var afterRule = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(40));
        var keptAtTimePoint = ObligationEngine.KeptFolds.Find(ResponsePolicy.Default, incident, Instant.MaxValue);
        var backBeforeRule = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(25));
        var laterStill = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(45));

        Assert.Null(beforeRule.Find("escalate:page-engineering-manager#1"));
        Assert.Equal(IncidentFixture.At(30), beforeRule.NextWakeUp);
        Assert.Equal(ObligationState.Overdue, afterRule.Find("escalate:page-engineering-manager#1")!.State);
        Assert.Equal(Duration.FromMinutes(10), afterRule.Find("escalate:page-engineering-manager#1")!.LateBy);
        Assert.NotSame(keptAtLastEvent, keptAtTimePoint);
        // The fold only moves forward: the evaluation at minute 25 folds afresh and leaves the later fold in place.
        Assert.Same(keptAtTimePoint, ObligationEngine.KeptFolds.Find(ResponsePolicy.Default, incident, Instant.MaxValue));
        Assert.Null(backBeforeRule.Find("escalate:page-engineering-manager#1"));
        foreach (var (evaluation, minutes) in new[] { (beforeRule, 20), (afterRule, 40), (backBeforeRule, 25), (laterStill, 45) })
        {
            Assert.True(Same(evaluation, Cold(ResponsePolicy.Default, incident, IncidentFixture.At(minutes))), $"minute {minutes}");
        }
    }

    [Fact]
    public void AKeptFold_StatesOverdueObligationsWithTheirLatenessAtEachInstant()
    {
        var incident = IncidentFixture.Raised("SEV-1");
        incident = incident.Apply(new Acknowledge(), IncidentFixture.Alex, IncidentFixture.At(1), incident.Version).Incident!;

        var first = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(6));
        var second = ResponsePolicy.Default.Evaluate(incident, IncidentFixture.At(9));

        Assert.Equal(Duration.FromMinutes(1), first.Find("declare")!.LateBy);
        Assert.Equal(Duration.FromMinutes(4), second.Find("declare")!.LateBy);
        Assert.Same(first.Find("acknowledge"), second.Find("acknowledge"));
        Assert.True(Same(second, Cold(ResponsePolicy.Default, incident, IncidentFixture.At(9))));
    }

    [Fact]
    public void ANewVersionOfTheIncident_IsFoldedAfresh()
    {
        var incident = IncidentFixture.Raised("SEV-1");
        var at = IncidentFixture.AlertAt + Duration.FromMinutes(2);
        Assert.Equal(ObligationState.Pending, ResponsePolicy.Default.Evaluate(incident, at).Find("acknowledge")!.State);

        var acknowledged = incident.Apply(new Acknowledge(), IncidentFixture.Alex, at, incident.Version).Incident!;

        Assert.Equal(ObligationState.Met, ResponsePolicy.Default.Evaluate(acknowledged, at).Find("acknowledge")!.State);
        Assert.Equal(ObligationState.Pending, ResponsePolicy.Default.Evaluate(incident, at).Find("acknowledge")!.State);
    }

    [Fact]
    public void ManyThreadsEvaluatingOneIncident_AllGetTheColdAnswer()
    {
        var incident = EvaluatePropertyTests.Drive(
        [
            new CommandStep(new Acknowledge(), IncidentFixture.Alex, 1, false), new CommandStep(new Declare("SEV-1", "checkout errors"), IncidentFixture.Alex, 1, false),
            new CommandStep(new AssignCommander("sarah"), IncidentFixture.Alex, 1, false),
            new CommandStep(new PostStatusUpdate(StatusAudience.External, "Investigating."), IncidentFixture.Sarah, 7, false),
        ]);
        var instants = Enumerable.Range(0, 64).Select(i => incident.LastEventAt + Duration.FromMinutes(i)).ToArray();
        var expected = instants.Select(now => Cold(ResponsePolicy.Default, incident, now)).ToArray();

        var mismatches = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var round = 0; round < 50; round++)
            {
                var i = (worker * 7 + round) % instants.Length;
                var policy = round % 5 == 0 ? NoEscalation : ResponsePolicy.Default;
                var actual = policy.Evaluate(incident, instants[i]);
                var reference = policy == NoEscalation ? Cold(NoEscalation, incident, instants[i]) : expected[i];
                if (!Same(actual, reference))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        Assert.Equal(0, mismatches);
    }
}
