using IncidentPolicy.Lifecycle;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

public class PermissionTests
{
    [Fact]
    public void Apply_RoleNotInTable_NotPermitted()
    {
        var rejection = Rejected(Raised().Try(new Declare("SEV-1", "x"), Outsider, 1), RejectionCode.NotPermitted, "permissions.declare");
        Assert.Equal("olga may not declare: the policy allows it to on-call-engineer, incident-commander, engineering-manager, team-lead.", rejection.Reason);
    }

    [Fact]
    public void Apply_IncidentRoleGrantsPermission()
    {
        // maria holds no organisation role that may post updates… until she is the incident's comms lead.
        var outsider = new Actor("maria");
        var incident = WithCommander();
        Rejected(incident.Try(new PostStatusUpdate(StatusAudience.External, "x"), outsider, 11), RejectionCode.NotPermitted, "permissions.postStatusUpdate");
        var withRole = incident.Then(new AssignRole("comms-lead", "maria"), Sarah, 11);
        Assert.Equal(6, withRole.Then(new PostStatusUpdate(StatusAudience.External, "We are investigating."), outsider, 12).Version);
    }

    [Fact]
    public void Apply_CommanderMayDoCommanderThings()
    {
        // sarah has no organisation roles; as commander she may close.
        Assert.Equal(IncidentStatus.Closed, ReadyToClose().Then(new Close(), Sarah, 3000).Status);
        Rejected(ReadyToClose().Try(new Close(), Outsider, 3000), RejectionCode.NotPermitted, "permissions.close");
    }

    [Fact]
    public void Apply_AnyoneEntry_AllowsKnownActors() =>
        Assert.Equal(3, Acknowledged().Then(new AddNote("watching"), Outsider, 6).Version);

    [Fact]
    public void Apply_BlankActorId_UnknownActor()
    {
        var rejection = Rejected(Raised().Try(new AddNote("x"), new Actor(" "), 1), RejectionCode.UnknownActor, RuleIds.ActorKnown);
        Assert.Equal("The actor has no id.", rejection.Reason);
    }

    [Fact]
    public void Apply_ActorClaimsUnknownRole_UnknownActor()
    {
        var rejection = Rejected(Raised().Try(new AddNote("x"), new Actor("mallory", "god-mode"), 1), RejectionCode.UnknownActor, RuleIds.ActorKnown);
        Assert.Equal("mallory claims the role 'god-mode', which the policy does not have.", rejection.Reason);
    }

    [Fact]
    public void OpenTable_AllowsEverything()
    {
        var policy = ResponsePolicy.Default.WithLifecycle(LifecycleRules.Default.WithPermissions(PermissionTable.Open));
        var incident = Raised(policy: policy).Then(new Declare("SEV-3", "x"), Outsider, 1);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Null(policy.Lifecycle.Permissions.RolesFor(CommandKind.Close));
    }

    [Fact]
    public void CanView_Unrestricted_Everyone()
    {
        var incident = WithCommander();
        Assert.False(incident.IsRestricted);
        Assert.True(incident.CanView(Outsider));
    }

    [Fact]
    public void CanView_DataBreachSuspected_OnlyParticipantsSecurityAndManagers()
    {
        var incident = WithCommander().Then(new RaiseFlag("dataBreachSuspected"), Alex, 12).Then(new AssignRole("comms-lead", "maria"), Sarah, 13);
        Assert.True(incident.IsRestricted);
        Assert.False(incident.CanView(Outsider));
        Assert.False(incident.CanView(new Actor("carol", "team-lead")));
        Assert.True(incident.CanView(Alex));                        // acknowledged
        Assert.True(incident.CanView(Sarah));                       // commander
        Assert.True(incident.CanView(new Actor("maria")));          // assigned a role
        Assert.True(incident.CanView(Monitoring));                  // raised the alert
        Assert.True(incident.CanView(Security));
        Assert.True(incident.CanView(Manager));
        Assert.True(incident.CanView(new Actor("vp", "vp-engineering")));
        Assert.Equal(["alex", "maria", "monitoring", "sarah"], incident.Participants.Order());
    }

    [Fact]
    public void CanView_RestrictedFlag_Restricts() =>
        Assert.False(Raised().Then(new RaiseFlag("restricted"), Monitoring, 1).CanView(Outsider));
}
