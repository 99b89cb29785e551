using IncidentPolicy.Lifecycle;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

public class IncidentTransitionTests
{
    // Which commands each status allows (before guards and permissions): the lifecycle docs/design.md "Lifecycle" describes.
    public static readonly Dictionary<IncidentStatus, CommandKind[]> Allowed = new()
    {
        [IncidentStatus.Triggered] = [CommandKind.Acknowledge, CommandKind.Declare, CommandKind.AssignCommander, CommandKind.AssignRole,
            CommandKind.ChangeSeverity, CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.Resolve,
            CommandKind.Decline, CommandKind.MergeInto, CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.JoinAlert, CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.Acknowledged] = [CommandKind.Declare, CommandKind.AssignCommander, CommandKind.AssignRole, CommandKind.ChangeSeverity,
            CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.Mitigate, CommandKind.Resolve,
            CommandKind.Decline, CommandKind.MergeInto, CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.JoinAlert, CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.Investigating] = [CommandKind.Acknowledge, CommandKind.AssignCommander, CommandKind.AssignRole, CommandKind.ChangeSeverity,
            CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.Mitigate, CommandKind.Resolve,
            CommandKind.AddActionItem, CommandKind.CompleteActionItem, CommandKind.ChangeActionItemStatus, CommandKind.Decline,
            CommandKind.MergeInto, CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.JoinAlert, CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.Mitigated] = [CommandKind.Acknowledge, CommandKind.AssignCommander, CommandKind.AssignRole, CommandKind.ChangeSeverity,
            CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.Resolve, CommandKind.AddActionItem,
            CommandKind.CompleteActionItem, CommandKind.ChangeActionItemStatus, CommandKind.MergeInto, CommandKind.AddNote,
            CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.JoinAlert, CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.Resolved] = [CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.Reopen,
            CommandKind.SchedulePostMortem, CommandKind.AddActionItem, CommandKind.CompleteActionItem, CommandKind.ChangeActionItemStatus,
            CommandKind.Close, CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.PostMortem] = [CommandKind.PostStatusUpdate, CommandKind.RecordImpact, CommandKind.RaiseFlag, CommandKind.SchedulePostMortem,
            CommandKind.PublishPostMortem, CommandKind.AddActionItem, CommandKind.CompleteActionItem, CommandKind.ChangeActionItemStatus,
            CommandKind.Close, CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder, CommandKind.RecordChannel,
            CommandKind.ClearAlert, CommandKind.AdoptPolicy],
        [IncidentStatus.Closed] = [CommandKind.AddActionItem, CommandKind.CompleteActionItem, CommandKind.ChangeActionItemStatus,
            CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder],
        [IncidentStatus.Declined] = [CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder],
        [IncidentStatus.Merged] = [CommandKind.AddNote, CommandKind.RecordNotification, CommandKind.RecordReminder],
    };

    public static TheoryData<IncidentStatus> Statuses() => new(Enum.GetValues<IncidentStatus>());

    [Theory]
    [MemberData(nameof(Statuses))]
    public void PermittedCommands_MatchTheLifecycle(IncidentStatus status)
    {
        var incident = InStatus(status);
        Assert.Equal(status, incident.Status);
        Assert.Equal(Allowed[status].Order(), incident.PermittedCommands.Order());
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Apply_CommandTheStatusDoesNotAllow_RejectedAsInvalidTransition(IncidentStatus status)
    {
        var incident = InStatus(status);
        foreach (var command in SampleCommands().Where(c => !Allowed[status].Contains(c.Kind)))
        {
            var result = incident.Apply(command, Manager, incident.LastEventAt + Duration.FromMinutes(1), incident.Version);
            var rejection = Rejected(result, RejectionCode.InvalidTransition, RuleIds.Transition);
            Assert.StartsWith($"Cannot {Words(command.Kind)} an incident that is ", rejection.Reason, StringComparison.Ordinal);
            Assert.Same(incident, result.Incident);
        }
    }

    [Fact]
    public void Raise_OpensTriggeredIncidentWithPolicyHash()
    {
        var incident = Raised("SEV-1");
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal(1, incident.Version);
        Assert.Equal("SEV-1", incident.SeverityId);
        Assert.Equal(AlertAt, incident.AlertAt);
        Assert.Equal("checkout", incident.Service);
        var fired = Assert.IsType<AlertFired>(Assert.Single(incident.Events));
        Assert.Equal(ResponsePolicy.Default.ContentHash, fired.PolicyHash);
        Assert.StartsWith("sha256:", fired.PolicyHash, StringComparison.Ordinal);
        Assert.Equal("monitoring", fired.By);
    }

    [Fact]
    public void Raise_UnknownSeverity_RejectedWithoutIncident()
    {
        var result = Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("x", null, "SEV-9"), Monitoring, AlertAt);
        Rejected(result, RejectionCode.InvalidCommand, RuleIds.SeverityKnown);
        Assert.Null(result.Incident);
        Assert.Equal("Unknown severity 'SEV-9'; the policy has SEV-1, SEV-2, SEV-3, SEV-4.", result.Rejection!.Reason);
    }

    [Fact]
    public void Raise_BlankSummary_Rejected() =>
        Rejected(Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert(" "), Monitoring, AlertAt), RejectionCode.InvalidCommand, RuleIds.TextRequired);

    [Fact]
    public void Acknowledge_Triggered_MovesToAcknowledgedAndNamesResponder()
    {
        var incident = Acknowledged();
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal(At(5), incident.AcknowledgedAt);
        Assert.Equal("alex", incident.OnCallResponder);
        Assert.Equal(["on-call-engineer"], incident.IncidentRolesOf("alex"));
    }

    [Fact]
    public void Declare_FromTriggeredOrAcknowledged_MovesToInvestigating()
    {
        Assert.Equal(IncidentStatus.Investigating, Raised().Then(new Declare("SEV-2", "search broken"), Alex, 1).Status);
        var incident = Investigating();
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal("SEV-1", incident.SeverityId);
        Assert.Equal("checkout errors", incident.Title);
        Assert.Equal(At(10), incident.DeclaredAt);
    }

    [Fact]
    public void Declare_UnknownSeverityOrBlankTitle_Rejected()
    {
        Rejected(Acknowledged().Try(new Declare("SEV-7", "x"), Alex, 6), RejectionCode.InvalidCommand, RuleIds.SeverityKnown);
        Rejected(Acknowledged().Try(new Declare("SEV-1", ""), Alex, 6), RejectionCode.InvalidCommand, RuleIds.TextRequired);
    }

    [Fact]
    public void Acknowledge_AfterDeclareWithoutAcknowledgement_StaysInvestigating()
    {
        var incident = Raised().Then(new Declare("SEV-1", "checkout errors"), Manager, 2).Then(new Acknowledge(), Alex, 4);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal("alex", incident.AcknowledgedBy);
    }

    [Fact]
    public void AssignCommander_Then_HandOff_OneCommanderAtATime()
    {
        var incident = WithCommander();
        Assert.Equal("sarah", incident.Commander);
        var handedOff = incident.Then(new AssignCommander("priya"), Sarah, 30);
        Assert.Equal("priya", handedOff.Commander);
        Assert.Equal([], handedOff.IncidentRolesOf("sarah"));
        Assert.Equal(["incident-commander"], handedOff.IncidentRolesOf("priya"));
    }

    [Fact]
    public void AssignRole_RecordsAssignmentOnce()
    {
        var incident = WithCommander().Then(new AssignRole("comms-lead", "maria"), Sarah, 11).Then(new AssignRole("comms-lead", "maria"), Sarah, 12);
        var assignment = Assert.Single(incident.RoleAssignments);
        Assert.Equal(new RoleAssignment("comms-lead", "maria", At(11)), assignment);
        Assert.Equal(["comms-lead"], incident.IncidentRolesOf("maria"));
    }

    [Fact]
    public void AssignRole_UnknownRole_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("scribe", "maria"), Sarah, 11), RejectionCode.InvalidCommand, RuleIds.RoleKnown);
        Assert.StartsWith("Unknown role 'scribe'; the policy's roles are: on-call-engineer, incident-commander", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeSeverity_ChangesSeverity()
    {
        var incident = WithCommander().Then(new ChangeSeverity("SEV-2", "only search affected"), Sarah, 15);
        Assert.Equal("SEV-2", incident.SeverityId);
        Assert.Equal("SEV-2", incident.Severity!.Id);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
    }

    [Fact]
    public void ChangeSeverity_BeforeAnySeverity_SetsIt()
    {
        var incident = Raised().Then(new ChangeSeverity("SEV-3"), Alex, 2);
        Assert.Equal("SEV-3", incident.SeverityId);
    }

    [Fact]
    public void PostStatusUpdate_RecordImpact_RaiseFlag_AddNote_StayInState()
    {
        var incident = WithCommander()
            .Then(new PostStatusUpdate(StatusAudience.External, "We're investigating elevated error rates on checkout."), Sarah, 13)
            .Then(new RecordImpact("failedCheckouts", 1200m), Alex, 14)
            .Then(new RecordImpact("failedCheckouts", 2340m), Alex, 40)
            .Then(new RecordImpact("revenueLoss", 47000m, "USD"), Sarah, 41)
            .Then(new RaiseFlag("customerFacing"), Alex, 42)
            .Then(new RaiseFlag("customerFacing"), Alex, 42)
            .Then(new AddNote("Root cause identified (Stripe webhook endpoint returning 500)"), Alex, 43);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(
            [new ImpactFigure("failedCheckouts", 2340m, null, At(40)), new ImpactFigure("revenueLoss", 47000m, "USD", At(41))],
            incident.Impacts);
        Assert.Equal(["customerFacing"], incident.Flags);
        Assert.Equal(11, incident.Version);
    }

    [Theory]
    [InlineData("status update")]
    [InlineData("impact metric")]
    [InlineData("flag")]
    [InlineData("note")]
    public void BlankTexts_Rejected(string what)
    {
        IncidentCommand command = what switch
        {
            "status update" => new PostStatusUpdate(StatusAudience.Internal, " "),
            "impact metric" => new RecordImpact("", 1m),
            "flag" => new RaiseFlag(""),
            _ => new AddNote("\t"),
        };
        var rejection = Rejected(WithCommander().Try(command, Sarah, 11), RejectionCode.InvalidCommand, RuleIds.TextRequired);
        Assert.Equal($"The {what} must not be blank.", rejection.Reason);
    }

    [Fact]
    public void Mitigate_MovesToMitigated()
    {
        var incident = Mitigated();
        Assert.Equal(IncidentStatus.Mitigated, incident.Status);
        Assert.Equal(At(20), incident.MitigatedAt);
    }

    [Fact]
    public void Resolve_ByCommander_MovesToResolved()
    {
        var incident = Resolved();
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(At(45), incident.ResolvedAt);
    }

    [Fact]
    public void Resolve_Sev3WithoutCommander_ByAnyone()
    {
        var incident = Raised("SEV-3").Then(new Acknowledge(), Alex, 30).Then(new Resolve(), Alex, 90);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
    }

    [Fact]
    public void Reopen_WithinWindow_BackToInvestigating()
    {
        var incident = Resolved().Then(new Reopen("errors are back"), Sarah, 45 + (71 * 60));
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(IncidentStatus.Resolved, incident.Then(new Resolve(), Sarah, 45 + (72 * 60)).Status);
    }

    [Fact]
    public void SchedulePostMortem_ThenReschedule_ThenPublish()
    {
        var incident = InPostMortem();
        Assert.Equal(IncidentStatus.PostMortem, incident.Status);
        Assert.Equal(At(60 * 24), incident.PostMortemScheduledFor);
        incident = incident.Then(new SchedulePostMortem(At(60 * 30)), Sarah, 70).Then(new PublishPostMortem(), Sarah, 60 * 31);
        Assert.Equal(At(60 * 30), incident.PostMortemScheduledFor);
        Assert.Equal(At(60 * 31), incident.PostMortemPublishedAt);
        Assert.Equal(IncidentStatus.PostMortem, incident.Status);
    }

    [Fact]
    public void ActionItems_AddCompleteAndChangeStatus()
    {
        var due = new LocalDate(2026, 6, 5);
        var incident = InPostMortem()
            .Then(new AddActionItem("AI-1", "Add integration tests for all webhook event types", "alex", due), Sarah, 100)
            .Then(new AddActionItem("AI-2", "Lower checkout error alert threshold to 2%", "platform", new LocalDate(2026, 6, 2)), Sarah, 101)
            .Then(new AddActionItem("AI-3", "Block deployments between 12-6 AM without approval", "devops", due), Sarah, 102)
            .Then(new CompleteActionItem("AI-1"), Alex, 200)
            .Then(new ChangeActionItemStatus("AI-2", ActionItemStatus.InProgress), Alex, 201)
            .Then(new ChangeActionItemStatus("AI-3", ActionItemStatus.WontDo, "approval flow covers it"), Sarah, 202);
        Assert.Equal(
            [
                new ActionItem("AI-1", "Add integration tests for all webhook event types", "alex", due, ActionItemStatus.Done, At(200), null),
                new ActionItem("AI-2", "Lower checkout error alert threshold to 2%", "platform", new LocalDate(2026, 6, 2), ActionItemStatus.InProgress, null, null),
                new ActionItem("AI-3", "Block deployments between 12-6 AM without approval", "devops", due, ActionItemStatus.WontDo, null, "approval flow covers it"),
            ],
            incident.ActionItems);
    }

    [Fact]
    public void Close_FromPostMortemWithPublishedActionItems_Closes()
    {
        var incident = Closed();
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal(At(2002), incident.ClosedAt);
        Assert.Equal(IncidentStatus.Closed, incident.Then(new CompleteActionItem("AI-1"), Alex, 3000).Status);
    }

    [Fact]
    public void Close_Sev3FromResolved_Closes()
    {
        var incident = Raised("SEV-3").Then(new Acknowledge(), Alex, 30).Then(new Resolve(), Alex, 90).Then(new Close(), Alex, 91);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
    }

    [Fact]
    public void Close_Sev2FromPostMortemWithoutActionItems_Closes()
    {
        var incident = Raised("SEV-2").Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-2", "search broken"), Alex, 2)
            .Then(new AssignCommander("sarah"), Alex, 3).Then(new Resolve(), Sarah, 30)
            .Then(new SchedulePostMortem(At(100)), Sarah, 31).Then(new Close(), Sarah, 32);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
    }

    [Fact]
    public void Decline_MovesToDeclined()
    {
        Assert.Equal(IncidentStatus.Declined, Declined().Status);
        Assert.Equal(IncidentStatus.Declined, Investigating().Then(new Decline(), Alex, 11).Status);
    }

    [Fact]
    public void MergeInto_MovesToMergedAndRecordsTarget()
    {
        var incident = Merged();
        Assert.Equal(IncidentStatus.Merged, incident.Status);
        Assert.Equal("INC-0", incident.MergedInto);
        Rejected(Raised().Try(new MergeInto(" "), Alex, 1), RejectionCode.InvalidCommand, RuleIds.TextRequired);
    }

    [Fact]
    public void RecordNotificationAndReminder_AnyState()
    {
        var incident = Closed()
            .Then(new RecordNotification("escalate:page-engineering-manager#1", "erin"), Monitoring, 3000)
            .Then(new RecordReminder("actionItem:AI-1"), Monitoring, 3001);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Rejected(incident.Try(new RecordNotification("k", ""), Monitoring, 3002), RejectionCode.InvalidCommand, RuleIds.TextRequired);
    }

    [Fact]
    public void Apply_StaleVersion_IsConflictNotRejection()
    {
        var incident = Acknowledged();
        var result = incident.Apply(new AddNote("hello"), Alex, At(6), expectedVersion: incident.Version - 1);
        Assert.Equal(ApplyOutcome.Conflict, result.Outcome);
        Assert.Equal(1, result.ExpectedVersion);
        Assert.Same(incident, result.Incident);
        Assert.Null(result.Rejection);
        Assert.Equal("conflict: expected version 1, the incident is at 2", result.ToString());
    }

    [Fact]
    public void Apply_BeforeLastEvent_Rejected_EqualInstantAccepted()
    {
        var incident = Acknowledged();
        var rejection = Rejected(incident.Try(new AddNote("late"), Alex, 4), RejectionCode.TimeWentBackwards, RuleIds.TimeOrder);
        Assert.Equal("2026-05-29T04:06:00Z is before the incident's last event at 2026-05-29T04:07:00Z.", rejection.Reason);
        Assert.Equal(3, incident.Then(new AddNote("same instant"), Alex, 5).Version);
    }

    [Fact]
    public void Apply_Rejected_LeavesIncidentUnchanged()
    {
        var incident = WithCommander();
        var before = incident.Events.ToList();
        var result = incident.Try(new Close(), Sarah, 30);
        Assert.False(result.IsAccepted);
        Assert.Same(incident, result.Incident);
        Assert.Equal(before, incident.Events);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
    }

    [Fact]
    public void Apply_Accepted_DoesNotChangeOriginal()
    {
        var incident = Acknowledged();
        var next = incident.Then(new Declare("SEV-1", "checkout errors"), Alex, 10);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal(2, incident.Version);
        Assert.Equal(3, next.Version);
        Assert.NotEqual(incident, next);
    }

    private static string Words(CommandKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IEnumerable<IncidentCommand> SampleCommands() =>
    [
        new Acknowledge(), new Declare("SEV-1", "t"), new AssignCommander("zoe"), new AssignRole("comms-lead", "maria"),
        new ChangeSeverity("SEV-4"), new PostStatusUpdate(StatusAudience.Internal, "m"), new RecordImpact("m", 1), new RaiseFlag("f"),
        new Mitigate(), new Resolve(), new Reopen(), new SchedulePostMortem(At(5000)), new PublishPostMortem(),
        new AddActionItem("AI-9", "a", "o", new LocalDate(2026, 7, 1)), new CompleteActionItem("AI-1"),
        new ChangeActionItemStatus("AI-1", ActionItemStatus.InProgress), new Close(), new Decline(), new MergeInto("INC-0"),
        new AddNote("n"), new RecordNotification("k", "t"), new RecordReminder("k"), new RaiseAlert("again"),
    ];
}
