using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;
using static IncidentPolicy.Tests.Support.TeamPolicyFile;

namespace IncidentPolicy.Tests.Lifecycle;

public class SecurePermissionTests
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 3, 10, 2, 0);
    private static readonly Actor Monitoring = new("monitoring");
    private static readonly Actor Bystander = new("bob");
    private static readonly Actor Engineer = new("dana", "duty-engineer");
    private static readonly Actor Manager = new("max", "duty-manager");

    private static Incident Raised(ResponsePolicy policy) =>
        Incident.Raise(policy, "INC-1", new RaiseAlert("checkout errors", Severity: "P1"), Monitoring, AlertAt).Incident!;

    private static ApplyResult Try(Incident incident, IncidentCommand command, Actor actor, int minutes) =>
        incident.Apply(command, actor, AlertAt + Duration.FromMinutes(minutes), incident.Version);

    [Fact]
    public void Apply_FileWithoutPermissions_BystanderMayNotAssignTheCommander()
    {
        var result = Try(Raised(Parse(Tree())), new AssignCommander("bob"), Bystander, 1);
        Assert.False(result.IsAccepted);
        Assert.Equal(RejectionCode.NotPermitted, result.Rejection!.Code);
        Assert.Equal("permissions.assignCommander", result.Rejection.RuleId);
        Assert.Equal(
            "bob may not assign commander: the policy allows it to duty-engineer, duty-manager, incident-commander, on-call-engineer.",
            result.Rejection.Reason);
    }

    [Fact]
    public void Apply_FileWithoutPermissions_RoleHoldersActAnyoneRaisesAndNotes()
    {
        var policy = Parse(Tree());
        var incident = Raised(policy);
        Assert.True(Try(incident, new AddNote("seeing errors too"), Bystander, 1).IsAccepted);
        Assert.True(Try(incident, new AssignCommander("max"), Manager, 1).IsAccepted);
        Assert.False(Try(incident, new Acknowledge(), Bystander, 1).IsAccepted);
        var acknowledged = Try(incident, new Acknowledge(), Engineer, 1).Incident!;
        Assert.True(Try(acknowledged, new RecordImpact("errorRate", 4m), Engineer, 2).IsAccepted);
        Assert.True(Incident.Raise(policy, "INC-2", new RaiseAlert("from a customer"), Bystander, AlertAt).IsAccepted);
    }

    [Fact]
    public void Apply_FileWithoutPermissions_OnlyTheCommanderOrAResolverRoleResolves()
    {
        var incident = Raised(Parse(Tree()));
        incident = Try(incident, new Acknowledge(), Engineer, 1).Incident!;
        incident = Try(incident, new AssignCommander("max"), Engineer, 2).Incident!;
        var byEngineer = Try(incident, new Resolve("fixed"), Engineer, 30);
        Assert.Equal("permissions.resolve", byEngineer.Rejection!.RuleId);
        Assert.Equal(IncidentStatus.Resolved, Try(incident, new Resolve("fixed"), new Actor("max"), 30).Incident!.Status);
    }

    [Fact]
    public void Secure_TableByCommand()
    {
        var table = PermissionTable.Secure(["a", "b"], ["b"]);
        Assert.Null(table.RolesFor(CommandKind.RaiseAlert));
        Assert.Null(table.RolesFor(CommandKind.AddNote));
        Assert.Equal(["incident-commander", "b"], table.RolesFor(CommandKind.Resolve));
        Assert.Equal(["a", "b", "incident-commander", "on-call-engineer"], table.RolesFor(CommandKind.RecordNotification));
        Assert.Null(table.RolesFor(CommandKind.JoinAlert));
        Assert.Null(table.RolesFor(CommandKind.ClearAlert));
        Assert.Equal(["a", "b"], table.RolesFor(CommandKind.AdoptPolicy));
        Assert.False(table.Allows(CommandKind.AdoptPolicy, ["incident-commander", "on-call-engineer"]));
        Assert.All(
            Enum.GetValues<CommandKind>().Except([CommandKind.RaiseAlert, CommandKind.JoinAlert, CommandKind.ClearAlert, CommandKind.AddNote]),
            c => Assert.False(table.Allows(c, [])));
        Assert.Empty(table.CommandsNobodyMayIssue());
    }

    [Fact]
    public void Constructor_GivesTheSecureTableForItsRoles_AndFollowsNewRoles()
    {
        Role[] roles = [new("duty-engineer", "Duty engineer")];
        var levels = new SeverityScale([
            new SeverityLevel("P1", 1, "Outage", "", [], ["duty-engineer"], ResponseTarget.WallClock(Duration.FromMinutes(5)), ResponseTarget.WallClock(Duration.FromMinutes(15))),
        ]);
        var policy = new ResponsePolicy(roles, levels, ResponsePolicy.Default.Calendar);
        Assert.Equal(["duty-engineer", "incident-commander", "on-call-engineer"], policy.Lifecycle.Permissions.RolesFor(CommandKind.Close));
        Assert.False(policy.Lifecycle.Permissions.Allows(CommandKind.AssignCommander, []));

        var more = policy.WithRoles([.. roles, new Role("duty-manager", "Duty manager")]);
        Assert.Equal(["duty-engineer", "duty-manager", "incident-commander", "on-call-engineer"], more.Lifecycle.Permissions.RolesFor(CommandKind.Close));

        var fixedRules = policy.WithLifecycle(policy.Lifecycle.WithPermissions(PermissionTable.Open)).WithRoles(more.Roles);
        Assert.Null(fixedRules.Lifecycle.Permissions.RolesFor(CommandKind.Close));
    }

    [Fact]
    public void Default_KeepsTheSeedsOwnTable() =>
        Assert.Equal(
            PolicyJson.Serialize(ResponsePolicy.Default.WithLifecycle(LifecycleRules.Default.WithPermissions(LifecycleRules.DefaultPermissions()))),
            PolicyJson.Serialize(ResponsePolicy.Default));
}
