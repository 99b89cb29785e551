using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Obligations;

public class EvaluateTests
{
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default;

    private static Incident SeedIncident()
    {
        var log = EventLogJson.Load(RepositoryRoot.File("samples", "timelines", "checkout-outage-2026-05-29.json"));
        return Incident.Replay(Policy, log.IncidentId!, log.Events);
    }

    private static Dictionary<string, (ObligationState State, Instant DueAt, Duration? LateBy)> Table(Evaluation evaluation) =>
        evaluation.Obligations.ToDictionary(o => o.Key, o => (o.State, o.DueAt, o.LateBy));

    private static Instant Utc(int hour, int minute) => Instant.FromUtc(2026, 5, 29, hour, minute);

    [Fact]
    public void Evaluate_SeedIncidentAtResolution_ObligationByObligation()
    {
        var evaluation = Policy.Evaluate(SeedIncident(), Utc(4, 47));
        static Duration m(int minutes) => Duration.FromMinutes(minutes);
        Assert.Equal(
            new Dictionary<string, (ObligationState, Instant, Duration?)>
            {
                ["acknowledge"] = (ObligationState.Met, Utc(4, 7), null),
                ["declare"] = (ObligationState.MetLate, Utc(4, 7), m(5)),
                ["assignCommander"] = (ObligationState.MetLate, Utc(4, 7), m(5)),
                ["respond:on-call-engineer"] = (ObligationState.Met, Utc(4, 17), null),
                ["respond:engineering-manager"] = (ObligationState.Overdue, Utc(4, 17), m(30)),
                ["respond:comms-lead"] = (ObligationState.Overdue, Utc(4, 17), m(30)),
                ["firstExternalUpdate"] = (ObligationState.Met, Utc(4, 17), null),
                ["externalUpdate#1"] = (ObligationState.MetLate, Utc(4, 30), m(17)),
                ["externalUpdate#2"] = (ObligationState.Cancelled, Utc(5, 2), null),
                ["internalUpdate#1"] = (ObligationState.Met, Utc(4, 42), null),
                ["internalUpdate#2"] = (ObligationState.MetLate, Utc(4, 45), m(2)),
                ["internalUpdate#3"] = (ObligationState.Cancelled, Utc(5, 17), null),
                ["schedulePostMortem"] = (ObligationState.Pending, Utc(4, 47) + Duration.FromHours(48), null),
                // The runbook's escalations: nobody paged the engineering manager at 4:32, and the VP is owed a
                // notification since revenue loss was recorded at 4:47 (still within the one-minute dispatch grace).
                ["escalate:page-engineering-manager#1"] = (ObligationState.Overdue, Utc(4, 32), m(15)),
                ["escalate:notify-vp-engineering#1"] = (ObligationState.Pending, Utc(4, 47), null),
            },
            Table(evaluation));
        Assert.Equal(Utc(4, 48), evaluation.NextWakeUp);
        Assert.Equal(["escalate:notify-vp-engineering#1", "escalate:page-engineering-manager#1", "respond:comms-lead", "respond:engineering-manager"],
            evaluation.Due.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(evaluation.Obligations.OrderBy(o => o.DueAt).ThenBy(o => o.Key, StringComparer.Ordinal), evaluation.Obligations);
    }

    [Fact]
    public void Evaluate_SeedIncidentMidway_OnlyEarlierEventsCount()
    {
        var evaluation = Policy.Evaluate(SeedIncident(), Utc(4, 20));
        var table = Table(evaluation);
        Assert.Equal(ObligationState.Overdue, table["respond:comms-lead"].State);
        Assert.Equal(Duration.FromMinutes(3), table["respond:comms-lead"].LateBy);
        Assert.Equal(ObligationState.Pending, table["externalUpdate#1"].State);
        Assert.False(table.ContainsKey("schedulePostMortem"));
        Assert.Equal(Utc(4, 30), evaluation.NextWakeUp);
        Assert.Equal(["respond:comms-lead", "respond:engineering-manager"], evaluation.Due.Select(o => o.Key).Order());
    }

    [Fact]
    public void Evaluate_AlertWithoutSeverity_OwesOnlyAcknowledge()
    {
        var evaluation = Policy.Evaluate(Raised(), At(1));
        var obligation = Assert.Single(evaluation.Obligations);
        Assert.Equal(("acknowledge", ObligationState.Pending, At(5)), (obligation.Key, obligation.State, obligation.DueAt));
        Assert.Equal("unassessed.acknowledge", obligation.RuleId);
        Assert.Equal(At(5), evaluation.NextWakeUp);
    }

    [Fact]
    public void Evaluate_AlertWithSeverity_PlansEveryTargetFromTheAlert()
    {
        var evaluation = Policy.Evaluate(Raised("SEV-2"), At(0));
        Assert.Equal(
            ["acknowledge", "assignCommander", "declare", "escalate:page-on-call.1.on-call-engineer#1", "escalate:page-on-call.2.engineering-manager#1",
             "firstExternalUpdate", "respond:on-call-engineer", "respond:team-lead"],
            evaluation.Obligations.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(At(30), evaluation.Find("respond:team-lead")!.DueAt);
        Assert.Equal(At(30), evaluation.Find("firstExternalUpdate")!.DueAt);
        Assert.All(evaluation.Obligations, o => Assert.Equal(ObligationState.Pending, o.State));
    }

    [Fact]
    public void Evaluate_Sev3_BusinessHoursAndInternalOnly()
    {
        // Friday 2026-03-27 14:00 UTC.
        var alert = Instant.FromUtc(2026, 3, 27, 14, 0);
        var incident = Incident.Raise(Policy, "INC-3", new RaiseAlert("slow reports", null, "SEV-3"), Monitoring, alert).Incident!;
        var evaluation = Policy.Evaluate(incident, alert);
        Assert.Equal(
            [("acknowledge", Instant.FromUtc(2026, 3, 30, 10, 0)), ("respond:on-call-engineer", Instant.FromUtc(2026, 3, 30, 10, 0))],
            evaluation.Obligations.Select(o => (o.Key, o.DueAt)));
    }

    [Fact]
    public void Evaluate_SeverityChange_PendingCancelledNewTargetsFromChange()
    {
        var incident = Raised("SEV-2").Then(new Acknowledge(), Alex, 2).Then(new ChangeSeverity("SEV-1", "checkout down"), Alex, 10);
        var evaluation = Policy.Evaluate(incident, At(10));
        var table = Table(evaluation);
        Assert.Equal(ObligationState.Cancelled, table["respond:team-lead"].State);
        Assert.Equal(ObligationState.Overdue, table["declare"].State);
        Assert.Equal((ObligationState.Pending, At(15)), (table["declare#2"].State, table["declare#2"].DueAt));
        Assert.Equal((ObligationState.Pending, At(25)), (table["respond:engineering-manager"].State, table["respond:engineering-manager"].DueAt));
        Assert.Equal(At(25), table["firstExternalUpdate#2"].DueAt);
        Assert.Equal(ObligationState.Met, table["respond:on-call-engineer"].State);
        Assert.False(table.ContainsKey("respond:on-call-engineer#2"));
    }

    [Fact]
    public void Evaluate_SeverityChange_OverdueStaysOverdue()
    {
        var incident = Raised("SEV-1").Then(new Acknowledge(), Alex, 2).Then(new ChangeSeverity("SEV-2"), Alex, 20);
        var table = Table(Policy.Evaluate(incident, At(20)));
        Assert.Equal(ObligationState.Overdue, table["respond:engineering-manager"].State);
        Assert.Equal(ObligationState.Overdue, table["declare"].State);
        Assert.Equal(At(25), table["declare#2"].DueAt);
    }

    [Fact]
    public void Evaluate_SeverityChange_NextUpdateAfterLaterOfChangeAndLastUpdate()
    {
        var incident = Raised("SEV-2").Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-2", "search"), Alex, 2)
            .Then(new AssignCommander("sarah"), Alex, 3)
            .Then(new PostStatusUpdate(StatusAudience.External, "investigating"), Sarah, 10)
            .Then(new ChangeSeverity("SEV-1"), Sarah, 12);
        var table = Table(Policy.Evaluate(incident, At(12)));
        Assert.Equal(ObligationState.Cancelled, table["externalUpdate#1"].State);
        Assert.Equal(At(27), table["externalUpdate#2"].DueAt);
    }

    [Fact]
    public void Evaluate_Declined_CancelsEverythingNotMetEvenOverdue()
    {
        var incident = Raised("SEV-1").Then(new Decline("false alarm"), Manager, 30);
        var evaluation = Policy.Evaluate(incident, At(60));
        Assert.All(evaluation.Obligations, o => Assert.Equal(ObligationState.Cancelled, o.State));
        Assert.Null(evaluation.NextWakeUp);
    }

    [Fact]
    public void Evaluate_Merged_CancelsEverythingNotMet()
    {
        var incident = Raised("SEV-1").Then(new Acknowledge(), Alex, 1).Then(new MergeInto("INC-0"), Alex, 30);
        var evaluation = Policy.Evaluate(incident, At(60));
        Assert.Equal(ObligationState.Met, evaluation.Find("acknowledge")!.State);
        Assert.All(evaluation.Obligations.Where(o => o.Key != "acknowledge" && o.Key != "respond:on-call-engineer"), o => Assert.Equal(ObligationState.Cancelled, o.State));
    }

    [Fact]
    public void Evaluate_Reopen_CancelsPostMortemAndRestartsUpdates()
    {
        var incident = Resolved().Then(new Reopen("errors are back"), Sarah, 60);
        var evaluation = Policy.Evaluate(incident, At(60));
        var table = Table(evaluation);
        Assert.Equal(ObligationState.Cancelled, table["schedulePostMortem"].State);
        Assert.Equal(At(90), table.Single(p => p.Key.StartsWith("internalUpdate#", StringComparison.Ordinal) && p.Value.State == ObligationState.Pending).Value.DueAt);
        Assert.Equal(At(75), table["firstExternalUpdate#2"].DueAt);
        var resolvedAgain = incident.Then(new Resolve(), Sarah, 80);
        Assert.Equal(ObligationState.Pending, Policy.Evaluate(resolvedAgain, At(80)).Find("schedulePostMortem#2")!.State);
    }

    [Fact]
    public void Evaluate_ActionItems_DueAtEndOfDueDayInPolicyZone()
    {
        var incident = ReadyToClose().Then(new AddActionItem("AI-2", "Lower alert threshold", "platform", new LocalDate(2026, 6, 2)), Sarah, 2002)
            .Then(new ChangeActionItemStatus("AI-2", ActionItemStatus.WontDo, "superseded"), Sarah, 2003);
        var evaluation = Policy.Evaluate(incident, Instant.FromUtc(2026, 6, 6, 0, 0));
        var ai1 = evaluation.Find("actionItem:AI-1")!;
        Assert.Equal(Instant.FromUtc(2026, 6, 6, 0, 0), ai1.DueAt);
        Assert.Equal(ObligationState.Overdue, ai1.State);
        Assert.Equal(Duration.Zero, ai1.LateBy);
        Assert.Equal(ObligationState.Met, evaluation.Find("actionItem:AI-2")!.State);
        Assert.Equal(ObligationState.Pending, Policy.Evaluate(incident, Instant.FromUtc(2026, 6, 5, 23, 59)).Find("actionItem:AI-1")!.State);
    }

    [Fact]
    public void Evaluate_ScheduledPostMortem_MetBySchedulingNotMeeting()
    {
        var evaluation = Policy.Evaluate(InPostMortem(), At(100));
        var schedule = evaluation.Find("schedulePostMortem")!;
        Assert.Equal((ObligationState.Met, At(60)), (schedule.State, schedule.MetAt));
    }

    [Fact]
    public void Evaluate_Overdue_LateByGrowsWithNow()
    {
        var incident = Raised("SEV-1");
        Assert.Equal(Duration.FromMinutes(1), Policy.Evaluate(incident, At(6)).Find("acknowledge")!.LateBy);
        Assert.Equal(Duration.FromMinutes(55), Policy.Evaluate(incident, At(60)).Find("acknowledge")!.LateBy);
        Assert.Equal(ObligationState.Overdue, Policy.Evaluate(incident, At(5)).Find("acknowledge")!.State);
        Assert.Equal(ObligationState.Pending, Policy.Evaluate(incident, At(5) - Duration.Epsilon).Find("acknowledge")!.State);
    }

    [Fact]
    public void Escalate_PolicyPagesOnCall_MetWithinGrace_LaterLevelCancelledByAcknowledgement()
    {
        var incident = Raised("SEV-1")
            .Then(new RecordNotification("escalate:page-on-call.1.on-call-engineer#1", "alex"), Monitoring, 0)
            .Then(new Acknowledge(), Alex, 3);
        var table = Table(Policy.Evaluate(incident, At(10)));
        Assert.Equal((ObligationState.Met, At(0)), (table["escalate:page-on-call.1.on-call-engineer#1"].State, table["escalate:page-on-call.1.on-call-engineer#1"].DueAt));
        Assert.Equal((ObligationState.Cancelled, At(5)), (table["escalate:page-on-call.2.engineering-manager#1"].State, table["escalate:page-on-call.2.engineering-manager#1"].DueAt));
    }

    [Fact]
    public void Escalate_AcknowledgedAtTheNextLevelsInstant_ThatLevelIsNotOwed_ASecondLaterItIs()
    {
        const string level2 = "escalate:page-on-call.2.engineering-manager#1";
        var onTime = Raised("SEV-1").Then(new Acknowledge(), Alex, 5);
        var page = Policy.Evaluate(onTime, At(10)).Find(level2)!;
        Assert.Equal((ObligationState.Cancelled, At(5)), (page.State, page.CancelledAt!.Value));
        Assert.Equal(ObligationState.Met, Policy.Evaluate(onTime, At(10)).Find("acknowledge")!.State);

        var raised = Raised("SEV-1");
        var late = raised.Apply(new Acknowledge(), Alex, At(5) + Duration.FromSeconds(1), raised.Version).Incident!;
        Assert.Equal(ObligationState.Overdue, Policy.Evaluate(late, At(10)).Find(level2)!.State);
    }

    [Fact]
    public void Escalate_NotificationAfterGrace_MetLate_NoneAfterGraceIsOverdue()
    {
        var late = Raised("SEV-1").Then(new RecordNotification("escalate:page-on-call.1.on-call-engineer#1", "alex"), Monitoring, 2);
        var page = Policy.Evaluate(late, At(2)).Find("escalate:page-on-call.1.on-call-engineer#1")!;
        Assert.Equal((ObligationState.MetLate, Duration.FromMinutes(2)), (page.State, page.LateBy));
        var unsent = Policy.Evaluate(Raised("SEV-1"), At(0) + Duration.FromSeconds(30));
        Assert.Equal(ObligationState.Pending, unsent.Find("escalate:page-on-call.1.on-call-engineer#1")!.State);
        Assert.True(unsent.Find("escalate:page-on-call.1.on-call-engineer#1")!.IsDue(unsent.EvaluatedAt));
        Assert.Equal(At(1), unsent.NextWakeUp);
        Assert.Equal(ObligationState.Overdue, Policy.Evaluate(Raised("SEV-1"), At(1)).Find("escalate:page-on-call.1.on-call-engineer#1")!.State);
    }

    [Fact]
    public void Escalate_DataBreachSuspected_NotifiesSecurityImmediately()
    {
        var incident = WithCommander().Then(new RaiseFlag("dataBreachSuspected"), Alex, 12);
        var notify = Policy.Evaluate(incident, At(12)).Find("escalate:notify-security-team#1")!;
        Assert.Equal((ObligationState.Pending, At(12)), (notify.State, notify.DueAt));
        Assert.Equal("escalation.notify-security-team", notify.RuleId);
    }

    [Fact]
    public void Escalate_NotResolvedIn30Minutes_PagesManagerAtTheThreshold_NotAfterResolution()
    {
        var open = WithCommander();
        var evaluation = Policy.Evaluate(open, At(20));
        Assert.Null(evaluation.Find("escalate:page-engineering-manager#1"));
        Assert.Equal(At(30), evaluation.NextWakeUp);
        Assert.Equal(At(30), Policy.Evaluate(open, At(31)).Find("escalate:page-engineering-manager#1")!.DueAt);
        var resolved = open.Then(new Resolve(), Sarah, 29);
        Assert.Null(Policy.Evaluate(resolved, At(60)).Find("escalate:page-engineering-manager#1"));
    }
}
