using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Orleans.WakeUps;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.WakeUps;

public sealed class DueActionPlannerTests
{
    private static Incident Raise() =>
        Incident.Raise(Policies.Fast, "INC-plan", new RaiseAlert("db down", "db", "SEV-1"), new Actor("monitoring"), GrainCluster.Start).Incident!;

    [Fact]
    public void Plan_NothingRecorded_EveryDueObligationOnceWithItsKindAndTarget()
    {
        var incident = Raise();

        var plan = DueActionPlanner.Plan(incident, Policies.Fast.Evaluate(incident, GrainCluster.Start + Duration.FromSeconds(11)));

        Assert.Equal(6, plan.Count);
        Assert.Equal(plan.Count, plan.Select(p => p.Action.ObligationKey).Distinct().Count());
        var manager = plan.Single(p => p.Action.ObligationKey == "escalate:page-engineering-manager#1");
        Assert.Equal(DueActionKind.Page, manager.Action.Kind);
        Assert.Equal("role:engineering-manager", manager.Action.Target);
        Assert.Equal(new RecordNotification(manager.Action.ObligationKey, "role:engineering-manager"), manager.Record);
        var acknowledge = plan.Single(p => p.Action.ObligationKey == "acknowledge");
        Assert.Equal(DueActionKind.Reminder, acknowledge.Action.Kind);
        Assert.Equal("role:on-call-engineer", acknowledge.Action.Target);
        Assert.Equal(new RecordReminder("acknowledge"), acknowledge.Record);
        Assert.Equal(GrainCluster.Start + Duration.FromSeconds(3), acknowledge.Action.DueAt);
        Assert.Contains("db down", acknowledge.Action.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AfterRecording_RecordedKeysNotPlannedAgain()
    {
        var incident = Raise();
        var at = GrainCluster.Start + Duration.FromSeconds(11);
        foreach (var (_, record) in DueActionPlanner.Plan(incident, Policies.Fast.Evaluate(incident, at)).Take(4))
        {
            incident = incident.Apply(record, new Actor("incident-policy"), at, incident.Version).Incident!;
        }

        var plan = DueActionPlanner.Plan(incident, Policies.Fast.Evaluate(incident, at));

        Assert.Equal(2, plan.Count);
    }

    [Fact]
    public void Plan_BeforeAnythingIsDue_OnlyThePageDueAtTheAlert()
    {
        var incident = Raise();

        var plan = DueActionPlanner.Plan(incident, Policies.Fast.Evaluate(incident, GrainCluster.Start));

        Assert.Equal("escalate:page-on-call.1.on-call-engineer#1", Assert.Single(plan).Action.ObligationKey);
    }
}
