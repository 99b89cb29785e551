using IncidentPolicy.Lifecycle;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>Every guard of the lifecycle, both ways: the rule holds (accepted) and does not (rejected with its rule id).</summary>
public class IncidentGuardTests
{
    [Fact]
    public void CommanderRequired_Sev1WithoutCommander_CannotResolve()
    {
        var rejection = Rejected(Investigating().Try(new Resolve(), Manager, 30), RejectionCode.GuardFailed, RuleIds.CommanderRequired);
        Assert.Equal("SEV-1 requires an Incident Commander: assign one before resolving.", rejection.Reason);
        Assert.Equal(IncidentStatus.Resolved, WithCommander().Then(new Resolve(), Sarah, 30).Status);
    }

    [Fact]
    public void ResolveByCommander_OthersRejected_CommanderAndManagerAccepted()
    {
        var incident = WithCommander();
        var rejection = Rejected(incident.Try(new Resolve(), Alex, 30), RejectionCode.GuardFailed, RuleIds.ResolveByCommander);
        Assert.Equal("Only the Incident Commander (sarah) or someone with the role engineering-manager may resolve a SEV-1 incident; alex is neither.", rejection.Reason);
        Assert.Equal(IncidentStatus.Resolved, incident.Then(new Resolve(), Sarah, 30).Status);
        Assert.Equal(IncidentStatus.Resolved, incident.Then(new Resolve(), Manager, 30).Status);
    }

    [Fact]
    public void ResolveByCommander_ResolverRolesFromPolicy()
    {
        var policy = ResponsePolicy.Default.WithLifecycle(new LifecycleRules(
            Duration.FromHours(72), true, ["comms-lead"], "#inc-{date}-{slug}", [], [], LifecycleRules.DefaultPermissions()));
        var incident = Raised(policy: policy).Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-1", "x"), Alex, 2).Then(new AssignCommander("sarah"), Alex, 3);
        Rejected(incident.Try(new Resolve(), Manager, 10), RejectionCode.GuardFailed, RuleIds.ResolveByCommander);
        Assert.Equal(IncidentStatus.Resolved, incident.Then(new Resolve(), Maria, 10).Status);
    }

    [Fact]
    public void OneCommander_SameCommanderAgain_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new AssignCommander("sarah"), Alex, 11), RejectionCode.GuardFailed, RuleIds.OneCommander);
        Assert.Equal("sarah is already the Incident Commander.", rejection.Reason);
    }

    [Fact]
    public void OneCommander_CommanderAsRole_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("incident-commander", "priya"), Sarah, 11), RejectionCode.GuardFailed, RuleIds.OneCommander);
        Assert.StartsWith("There is one Incident Commander, not a committee", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("sarah", WithCommander().Commander);
    }

    [Fact]
    public void SeparateFromOnCall_ResponderAsCommander_Rejected()
    {
        var rejection = Rejected(Investigating().Try(new AssignCommander("alex"), Manager, 11), RejectionCode.GuardFailed, RuleIds.CommanderSeparateFromOnCall);
        Assert.Equal("alex is the incident's on-call responder and cannot also be the Incident Commander; the policy keeps them separate.", rejection.Reason);
    }

    [Fact]
    public void SeparateFromOnCall_AssignedOnCallEngineerAsCommander_Rejected()
    {
        var incident = Raised().Then(new AssignRole("on-call-engineer", "bo"), Manager, 1);
        Rejected(incident.Try(new AssignCommander("bo"), Manager, 2), RejectionCode.GuardFailed, RuleIds.CommanderSeparateFromOnCall);
        Assert.Equal("sarah", incident.Then(new AssignCommander("sarah"), Manager, 2).Commander);
    }

    [Fact]
    public void SeparateFromOnCall_CommanderAsOnCallEngineer_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("on-call-engineer", "sarah"), Manager, 11), RejectionCode.GuardFailed, RuleIds.CommanderSeparateFromOnCall);
        Assert.Equal("sarah is the Incident Commander and cannot also be the on-call engineer; the policy keeps them separate.", rejection.Reason);
    }

    [Fact]
    public void SeparateFromOnCall_CommanderAcknowledging_Rejected()
    {
        var incident = Raised().Then(new AssignCommander("sarah"), Manager, 1);
        Rejected(incident.Try(new Acknowledge(), Sarah, 2), RejectionCode.GuardFailed, RuleIds.CommanderSeparateFromOnCall);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Then(new Acknowledge(), Alex, 2).Status);
    }

    [Fact]
    public void SeparateFromOnCall_PolicySaysNo_ResponderMayCommand()
    {
        var policy = ResponsePolicy.Default.WithLifecycle(LifecycleRules.Default.WithCommanderSeparateFromOnCall(false));
        var incident = Raised(policy: policy).Then(new Acknowledge(), Alex, 1).Then(new Declare("SEV-1", "x"), Alex, 2).Then(new AssignCommander("alex"), Alex, 3);
        Assert.Equal("alex", incident.Commander);
        Assert.Equal(["incident-commander", "on-call-engineer"], incident.IncidentRolesOf("alex"));
    }

    [Fact]
    public void AcknowledgeOnce_SecondAcknowledgement_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new Acknowledge(), Manager, 12), RejectionCode.GuardFailed, RuleIds.AcknowledgeOnce);
        Assert.Equal("alex already acknowledged the alert at 2026-05-29T04:07:00Z.", rejection.Reason);
    }

    [Fact]
    public void SeverityChanges_SameSeverity_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new ChangeSeverity("SEV-1"), Sarah, 12), RejectionCode.GuardFailed, RuleIds.SeverityChanges);
        Assert.Equal("The incident is already SEV-1.", rejection.Reason);
        Rejected(WithCommander().Try(new ChangeSeverity("SEV-0"), Sarah, 12), RejectionCode.InvalidCommand, RuleIds.SeverityKnown);
    }

    [Fact]
    public void ReopenWindow_AfterSeventyTwoHours_Rejected()
    {
        var resolved = Resolved();
        var rejection = Rejected(resolved.Try(new Reopen(), Sarah, 45 + (72 * 60) + 1), RejectionCode.GuardFailed, RuleIds.ReopenWindow);
        Assert.Equal("The incident was resolved at 2026-05-29T04:47:00Z, more than 72 hours ago; open a new incident instead.", rejection.Reason);
        Assert.Equal(IncidentStatus.Investigating, resolved.Then(new Reopen(), Sarah, 45 + (72 * 60)).Status);
    }

    [Fact]
    public void PostMortemFirst_Sev1FromResolved_Rejected()
    {
        var rejection = Rejected(Resolved().Try(new Close(), Sarah, 50), RejectionCode.GuardFailed, RuleIds.PostMortemBeforeClose);
        Assert.Equal("SEV-1 owes a post-mortem: schedule it before closing.", rejection.Reason);
    }

    [Fact]
    public void PostMortemWithActionItems_Unpublished_Rejected()
    {
        var rejection = Rejected(InPostMortem().Try(new Close(), Sarah, 100), RejectionCode.GuardFailed, RuleIds.PublishedPostMortemWithActionItems);
        Assert.Equal("Every SEV-1 gets a post-mortem with action items: publish the post-mortem before closing.", rejection.Reason);
    }

    [Fact]
    public void PostMortemWithActionItems_PublishedWithoutItems_Rejected()
    {
        var incident = InPostMortem().Then(new PublishPostMortem(), Sarah, 100);
        var rejection = Rejected(incident.Try(new Close(), Sarah, 101), RejectionCode.GuardFailed, RuleIds.PublishedPostMortemWithActionItems);
        Assert.Equal("Every SEV-1 gets a post-mortem with action items: add at least one action item before closing.", rejection.Reason);
        Assert.Equal(IncidentStatus.Closed, ReadyToClose().Then(new Close(), Sarah, 3000).Status);
    }

    [Fact]
    public void ActionItemUnique_DuplicateId_Rejected() =>
        Rejected(ReadyToClose().Try(new AddActionItem("AI-1", "again", "alex", new LocalDate(2026, 6, 5)), Sarah, 3000), RejectionCode.GuardFailed, RuleIds.ActionItemUnique);

    [Fact]
    public void ActionItemOwnerAndDueDate_MissingOwnerOrDate_Rejected()
    {
        var rejection = Rejected(InPostMortem().Try(new AddActionItem("AI-1", "tests", " ", new LocalDate(2026, 6, 5)), Sarah, 100), RejectionCode.GuardFailed, RuleIds.ActionItemOwnerAndDueDate);
        Assert.Equal("Action item AI-1 needs an owner and a due date.", rejection.Reason);
        Rejected(InPostMortem().Try(new AddActionItem("AI-1", "tests", "alex", default), Sarah, 100), RejectionCode.GuardFailed, RuleIds.ActionItemOwnerAndDueDate);
        Rejected(InPostMortem().Try(new AddActionItem("AI-1", "", "alex", new LocalDate(2026, 6, 5)), Sarah, 100), RejectionCode.InvalidCommand, RuleIds.TextRequired);
    }

    [Fact]
    public void ActionItemExists_UnknownId_Rejected()
    {
        var rejection = Rejected(ReadyToClose().Try(new CompleteActionItem("AI-7"), Alex, 3000), RejectionCode.GuardFailed, RuleIds.ActionItemExists);
        Assert.Equal("There is no action item AI-7.", rejection.Reason);
        Rejected(ReadyToClose().Try(new ChangeActionItemStatus("AI-7", ActionItemStatus.Done), Alex, 3000), RejectionCode.GuardFailed, RuleIds.ActionItemExists);
    }

    [Fact]
    public void ActionItemOpen_CompletedTwice_Rejected()
    {
        var incident = ReadyToClose().Then(new CompleteActionItem("AI-1"), Alex, 3000);
        var rejection = Rejected(incident.Try(new CompleteActionItem("AI-1"), Alex, 3001), RejectionCode.GuardFailed, RuleIds.ActionItemOpen);
        Assert.Equal("Action item AI-1 was completed at 2026-05-31T06:02:00Z.", rejection.Reason);
    }

    [Fact]
    public void ActionItemWontDoReason_Missing_Rejected()
    {
        Rejected(ReadyToClose().Try(new ChangeActionItemStatus("AI-1", ActionItemStatus.WontDo), Sarah, 3000), RejectionCode.GuardFailed, RuleIds.ActionItemWontDoReason);
        var item = Assert.Single(ReadyToClose().Then(new ChangeActionItemStatus("AI-1", ActionItemStatus.WontDo, "superseded"), Sarah, 3000).ActionItems);
        Assert.Equal(ActionItemStatus.WontDo, item.Status);
    }

    [Fact]
    public void MergeNotSelf_Rejected()
    {
        var rejection = Rejected(Raised().Try(new MergeInto("INC-1"), Alex, 1), RejectionCode.GuardFailed, RuleIds.MergeNotSelf);
        Assert.Equal("An incident cannot be merged into itself.", rejection.Reason);
    }

    [Fact]
    public void SeparateFromOnCall_PersonOnCallBySchedule_Rejected()
    {
        // The default policy's example on-call rotation has alex on call in the week of 2026-05-25.
        var incident = Raised();
        var rejection = Rejected(incident.Try(new AssignCommander("alex"), Manager, 1), RejectionCode.GuardFailed, RuleIds.CommanderSeparateFromOnCall);
        Assert.StartsWith("alex is on call now (", rejection.Reason, StringComparison.Ordinal);
        Assert.EndsWith(") and cannot also be the Incident Commander; the policy keeps them separate.", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("finley", incident.Then(new AssignCommander("finley"), Manager, 1).Commander);
    }
}
