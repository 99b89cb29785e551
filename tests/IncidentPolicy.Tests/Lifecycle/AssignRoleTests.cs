using IncidentPolicy.Lifecycle;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>AssignRole takes two ids, a role and a person, that a new user swapped on the first try: Apply says which
/// is which. The default policy's people are alex … finley; maria is nobody the policy knows.</summary>
public sealed class AssignRoleTests
{
    [Fact]
    public void NamedArguments_RoleThenPerson_Accepted()
    {
        var incident = WithCommander().Then(new AssignRole(Role: "comms-lead", Person: "maria"), Sarah, 11);
        Assert.Equal(["comms-lead"], incident.IncidentRolesOf("maria"));
    }

    [Fact]
    public void Swapped_PersonArgumentIsARole_RejectedSayingWhichIsWhich()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("maria", "comms-lead"), Sarah, 11), RejectionCode.InvalidCommand, RuleIds.RoleKnown);
        Assert.Equal(
            "Unknown role 'maria', but 'comms-lead', given as the person, is a role of the policy: the role and the person look swapped; assign the role 'comms-lead' to 'maria'.",
            rejection.Reason);
    }

    [Fact]
    public void Swapped_BothKnown_RejectedSayingWhichIsWhich()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("devon", "comms-lead"), Sarah, 11), RejectionCode.InvalidCommand, RuleIds.RoleKnown);
        Assert.Equal(
            "'devon' is a person and 'comms-lead' is a role of the policy: the role and the person are swapped; assign the role 'comms-lead' to 'devon'.",
            rejection.Reason);
    }

    [Fact]
    public void RoleArgumentIsAPerson_RejectedNamingThePolicysRoles()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("devon", "maria"), Sarah, 11), RejectionCode.InvalidCommand, RuleIds.RoleKnown);
        Assert.StartsWith("'devon' is a person of the policy, not a role; give the role first, then the person. The policy's roles are: on-call-engineer, ", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonArgumentIsARole_Rejected()
    {
        var rejection = Rejected(WithCommander().Try(new AssignRole("comms-lead", "engineering-manager"), Sarah, 11), RejectionCode.InvalidCommand, RuleIds.PersonNotRole);
        Assert.Equal(
            "'engineering-manager', given as the person, is a role of the policy, not a person; give the role 'comms-lead' first, then the person who takes it.",
            rejection.Reason);
    }

    [Fact]
    public void PersonArgumentIsARole_ReplayedFromALog_AcceptedAsRecorded()
    {
        var incident = Incident.Replay(ResponsePolicy.Default, "INC-1", [.. WithCommander().Events, new RoleAssigned(At(11), "sarah", "comms-lead", "engineering-manager")]);
        Assert.Equal(["comms-lead"], incident.IncidentRolesOf("engineering-manager"));
    }

    [Fact]
    public void Swapped_LenientReplay_ViolationSaysWhichIsWhich()
    {
        var events = WithCommander().Events.Append(new RoleAssigned(At(11), "sarah", "maria", "comms-lead")).ToList();
        var violation = Assert.Single(Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", events).Violations);
        Assert.Equal(RuleIds.RoleKnown, violation.RuleId);
        Assert.Contains("assign the role 'comms-lead' to 'maria'", violation.Reason, StringComparison.Ordinal);
    }
}
