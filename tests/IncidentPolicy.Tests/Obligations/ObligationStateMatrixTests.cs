using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>Every obligation kind reaching each of met, met late, overdue and cancelled, in small scenarios.</summary>
public class ObligationStateMatrixTests
{
    private static Incident Sev1() => Raised("SEV-1");

    private static Incident Declared(int minute) => Sev1().Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-1", "x"), Alex, minute);

    public static TheoryData<string, ObligationState, string> Cases() => new()
    {
        { "acknowledge", ObligationState.Met, "ack at 1" },
        { "acknowledge", ObligationState.MetLate, "ack at 7" },
        { "acknowledge", ObligationState.Overdue, "nothing" },
        { "acknowledge", ObligationState.Cancelled, "declined at 2" },
        { "declare", ObligationState.Met, "declared at 3" },
        { "declare", ObligationState.MetLate, "declared at 9" },
        { "declare", ObligationState.Overdue, "ack at 1" },
        { "declare", ObligationState.Cancelled, "declined at 2" },
        { "assignCommander", ObligationState.Met, "commander at 4" },
        { "assignCommander", ObligationState.MetLate, "commander at 8" },
        { "assignCommander", ObligationState.Overdue, "declared at 3" },
        { "assignCommander", ObligationState.Cancelled, "declined at 2" },
        { "respond:comms-lead", ObligationState.Met, "comms at 10" },
        { "respond:comms-lead", ObligationState.MetLate, "comms at 20" },
        { "respond:comms-lead", ObligationState.Overdue, "declared at 3" },
        { "respond:comms-lead", ObligationState.Cancelled, "resolved at 12" },
        { "firstExternalUpdate", ObligationState.Met, "update at 10" },
        { "firstExternalUpdate", ObligationState.MetLate, "update at 20" },
        { "firstExternalUpdate", ObligationState.Overdue, "declared at 3" },
        { "firstExternalUpdate", ObligationState.Cancelled, "downgraded at 5" },
        { "externalUpdate#1", ObligationState.Met, "updates at 10 and 20" },
        { "externalUpdate#1", ObligationState.MetLate, "updates at 10 and 40" },
        { "externalUpdate#1", ObligationState.Overdue, "update at 10" },
        { "externalUpdate#1", ObligationState.Cancelled, "update at 10, resolved at 12" },
        { "internalUpdate#1", ObligationState.Met, "internal at 20" },
        { "internalUpdate#1", ObligationState.MetLate, "internal at 40" },
        { "internalUpdate#1", ObligationState.Overdue, "declared at 3" },
        { "internalUpdate#1", ObligationState.Cancelled, "resolved at 12" },
        { "escalate:page-on-call.1.on-call-engineer#1", ObligationState.Met, "paged at 0" },
        { "escalate:page-on-call.1.on-call-engineer#1", ObligationState.MetLate, "paged at 3" },
        { "escalate:page-on-call.1.on-call-engineer#1", ObligationState.Overdue, "nothing" },
        { "escalate:page-on-call.2.engineering-manager#1", ObligationState.Cancelled, "ack at 1" },
        { "schedulePostMortem", ObligationState.Met, "scheduled at 60" },
        { "schedulePostMortem", ObligationState.MetLate, "scheduled after 3 days" },
        { "schedulePostMortem", ObligationState.Overdue, "resolved at 12" },
        { "schedulePostMortem", ObligationState.Cancelled, "reopened at 30" },
        { "actionItem:AI-1", ObligationState.Met, "item done early" },
        { "actionItem:AI-1", ObligationState.MetLate, "item done late" },
        { "actionItem:AI-1", ObligationState.Overdue, "item open" },
        { "actionItem:AI-1", ObligationState.Cancelled, "item then declined" },
    };

    private static Incident Scenario(string name) => name switch
    {
        "nothing" => Sev1(),
        "ack at 1" => Sev1().Then(new Acknowledge(), Alex, 1),
        "ack at 7" => Sev1().Then(new Acknowledge(), Alex, 7),
        "declined at 2" => Sev1().Then(new Decline(), Manager, 2),
        "declared at 3" => Declared(3),
        "declared at 9" => Declared(9),
        "commander at 4" => Declared(3).Then(new AssignCommander("sarah"), Alex, 4),
        "commander at 8" => Declared(3).Then(new AssignCommander("sarah"), Alex, 8),
        "comms at 10" => Declared(3).Then(new AssignRole("comms-lead", "maria"), Manager, 10),
        "comms at 20" => Declared(3).Then(new AssignRole("comms-lead", "maria"), Manager, 20),
        "resolved at 12" => Declared(3).Then(new AssignCommander("sarah"), Alex, 4).Then(new Resolve(), Sarah, 12),
        "update at 10" => Declared(3).Then(new PostStatusUpdate(StatusAudience.External, "x"), Manager, 10),
        "update at 20" => Declared(3).Then(new PostStatusUpdate(StatusAudience.External, "x"), Manager, 20),
        "downgraded at 5" => Declared(3).Then(new ChangeSeverity("SEV-3"), Manager, 5),
        "updates at 10 and 20" => Scenario("update at 10").Then(new PostStatusUpdate(StatusAudience.External, "y"), Manager, 20),
        "updates at 10 and 40" => Scenario("update at 10").Then(new PostStatusUpdate(StatusAudience.External, "y"), Manager, 40),
        "update at 10, resolved at 12" => Scenario("update at 10").Then(new AssignCommander("sarah"), Alex, 11).Then(new Resolve(), Sarah, 12),
        "internal at 20" => Declared(3).Then(new PostStatusUpdate(StatusAudience.Internal, "x"), Manager, 20),
        "internal at 40" => Declared(3).Then(new PostStatusUpdate(StatusAudience.Internal, "x"), Manager, 40),
        "paged at 0" => Sev1().Then(new RecordNotification("escalate:page-on-call.1.on-call-engineer#1", "alex"), Monitoring, 0),
        "paged at 3" => Sev1().Then(new RecordNotification("escalate:page-on-call.1.on-call-engineer#1", "alex"), Monitoring, 3),
        "scheduled at 60" => Scenario("resolved at 12").Then(new SchedulePostMortem(At(5000)), Sarah, 60),
        "scheduled after 3 days" => Scenario("resolved at 12").Then(new SchedulePostMortem(At(9000)), Sarah, 12 + (72 * 60)),
        "reopened at 30" => Scenario("resolved at 12").Then(new Reopen(), Sarah, 30),
        "item open" => Declared(3).Then(new AddActionItem("AI-1", "fix", "alex", new LocalDate(2026, 5, 30)), Manager, 5),
        "item done early" => Scenario("item open").Then(new CompleteActionItem("AI-1"), Alex, 60),
        "item done late" => Scenario("item open").Then(new CompleteActionItem("AI-1"), Alex, 3 * 24 * 60),
        "item then declined" => Scenario("item open").Then(new Decline(), Manager, 6),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_KindReachesState(string key, ObligationState state, string scenario)
    {
        var incident = Scenario(scenario);
        var at = Instant.Max(incident.LastEventAt, At(4 * 24 * 60));
        var obligation = ResponsePolicy.Default.Evaluate(incident, at).Find(key);
        Assert.NotNull(obligation);
        Assert.Equal(state, obligation.State);
        Assert.Equal(state is ObligationState.Met or ObligationState.MetLate, obligation.MetAt.HasValue);
        Assert.Equal(state == ObligationState.Cancelled, obligation.CancelledAt.HasValue);
    }
}
