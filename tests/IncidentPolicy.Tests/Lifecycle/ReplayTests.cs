using IncidentPolicy.Lifecycle;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

public class ReplayTests
{
    [Fact]
    public void Replay_EventsFromApply_GiveEqualIncident()
    {
        var live = Closed();
        var replayed = Incident.Replay(ResponsePolicy.Default, live.Id, live.Events);
        Assert.Equal(live, replayed);
        Assert.Equal(live.Status, replayed.Status);
        Assert.Equal(live.Commander, replayed.Commander);
        Assert.Equal(live.ActionItems, replayed.ActionItems);
        Assert.Equal(live.PostMortemPublishedAt, replayed.PostMortemPublishedAt);
        Assert.Equal(live.ToString(), replayed.ToString());
    }

    [Fact]
    public void Replay_SkipsChecksThatNeedOrganisationRoles()
    {
        // The manager resolved; the log does not say erin is a manager, and a strict replay does not ask.
        var live = WithCommander().Then(new Resolve(), Manager, 30);
        Assert.Equal(IncidentStatus.Resolved, Incident.Replay(ResponsePolicy.Default, "INC-1", live.Events).Status);
    }

    [Fact]
    public void Replay_Empty_Throws()
    {
        var ex = Assert.Throws<ReplayException>(() => Incident.Replay(ResponsePolicy.Default, "INC-1", []));
        Assert.Equal(0, ex.EventIndex);
        Assert.Equal(RuleIds.Transition, ex.Rejection.RuleId);
    }

    [Fact]
    public void Replay_NotStartingWithAlert_ThrowsAtIndexZero()
    {
        var ex = Assert.Throws<ReplayException>(() => Incident.Replay(ResponsePolicy.Default, "INC-1", [new Acknowledged(AlertAt, "alex")]));
        Assert.Equal(0, ex.EventIndex);
        Assert.Equal("An incident starts with its alert, not with acknowledged.", ex.Rejection.Reason);
    }

    [Fact]
    public void Replay_RuleBroken_ThrowsWithIndexAndRule()
    {
        IncidentEvent[] events =
        [
            new AlertFired(AlertAt, "monitoring", "Checkout error rate > 5%"),
            new Acknowledged(At(5), "alex"),
            new Declared(At(10), "alex", "SEV-1", "checkout errors"),
            new Resolved(At(45), "alex"),
        ];
        var ex = Assert.Throws<ReplayException>(() => Incident.Replay(ResponsePolicy.Default, "INC-1", events));
        Assert.Equal(3, ex.EventIndex);
        Assert.Equal(RejectionCode.GuardFailed, ex.Rejection.Code);
        Assert.Equal(RuleIds.CommanderRequired, ex.Rejection.RuleId);
        Assert.Equal("Event 3: SEV-1 requires an Incident Commander: assign one before resolving. (commander.required)", ex.Message);
    }

    [Fact]
    public void Replay_TimeGoingBackwards_Throws()
    {
        IncidentEvent[] events = [new AlertFired(At(10), "monitoring", "x"), new NoteAdded(At(9), "alex", "n")];
        var ex = Assert.Throws<ReplayException>(() => Incident.Replay(ResponsePolicy.Default, "INC-1", events));
        Assert.Equal((1, RejectionCode.TimeWentBackwards), (ex.EventIndex, ex.Rejection.Code));
    }

    [Fact]
    public void Replay_EqualInstants_KeepLogOrder()
    {
        IncidentEvent[] events =
        [
            new AlertFired(AlertAt, "monitoring", "x"), new Acknowledged(AlertAt, "alex"), new Declared(AlertAt, "alex", "SEV-2", "y"),
            new CommanderAssigned(AlertAt, "alex", "sarah"), new Resolved(AlertAt, "sarah"),
        ];
        var incident = Incident.Replay(ResponsePolicy.Default, "INC-1", events);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(5, incident.Version);
    }

    [Fact]
    public void ReplayLenient_CleanHistory_NoViolations()
    {
        var live = Closed();
        var result = Incident.ReplayLenient(ResponsePolicy.Default, live.Id, live.Events);
        Assert.Empty(result.Violations);
        Assert.Equal(live, result.Incident);
    }

    [Fact]
    public void ReplayLenient_RecordsViolationsAndAppliesEverything()
    {
        IncidentEvent[] events =
        [
            new AlertFired(AlertAt, "monitoring", "Checkout error rate > 5%"),
            new Acknowledged(At(5), "alex"),
            new Declared(At(10), "alex", "SEV-1", "checkout errors"),
            new CommanderAssigned(At(12), "alex", "alex"),          // on-call responder as commander
            new CommanderAssigned(At(13), "alex", "sarah"),
            new NoteAdded(At(11), "alex", "written late"),           // time going backwards
            new Resolved(At(45), "bob"),                              // not the commander
            new Closed(At(50), "sarah"),                              // SEV-1 closed without a post-mortem
            new Reopened(At(60), "sarah"),                            // reopen after close: not a valid transition
        ];
        var result = Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", events);
        Assert.Equal(
            [
                (3, RuleIds.CommanderSeparateFromOnCall),
                (5, RuleIds.TimeOrder),
                (6, RuleIds.ResolveByCommander),
                (7, RuleIds.PostMortemBeforeClose),
                (8, RuleIds.Transition),
            ],
            result.Violations.Select(v => (v.EventIndex, v.RuleId)));
        Assert.Equal("Only the Incident Commander (sarah) or someone with the role engineering-manager may resolve a SEV-1 incident; bob is neither as far as the log shows.", result.Violations[2].Reason);
        Assert.Equal(9, result.Incident.Version);
        Assert.Equal(IncidentStatus.Investigating, result.Incident.Status);
        Assert.Equal(At(60), result.Incident.LastEventAt);
    }

    [Fact]
    public void ReplayLenient_BadData_Violations()
    {
        IncidentEvent[] events =
        [
            new Acknowledged(AlertAt, "alex"),                        // before any alert
            new Declared(At(1), "", "SEV-9", "x"),                    // no actor, unknown severity
        ];
        var result = Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", events);
        Assert.Equal(
            [(0, RuleIds.Transition), (1, RuleIds.ActorKnown), (1, RuleIds.SeverityKnown)],
            result.Violations.Select(v => (v.EventIndex, v.RuleId)));
        Assert.Equal("SEV-9", result.Incident.SeverityId);
        Assert.Null(result.Incident.Severity);
        Assert.Equal(IncidentStatus.Investigating, result.Incident.Status);
    }
}
