using IncidentPolicy;
using IncidentPolicy.Escalation;
using NodaTime;

namespace ChatOpsBot.Tests;

public sealed class TeamTests
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);

    private static readonly Team Seed = Team.Parse("# comment\nalex: on-call-engineer\nsarah:\nerin: engineering-manager, incident-commander  # both\n");

    [Fact]
    public void ActorFor_APerson_HasTheirTeamRolesAndTheirOnCallRoles()
    {
        Assert.Equal(["engineering-manager", "incident-commander"], Seed.ActorFor("erin", ResponsePolicy.Default, AlertAt).Roles);
        Assert.Empty(Seed.ActorFor("sarah", ResponsePolicy.Default, AlertAt).Roles);
        Assert.Equal(["incident-commander"], Seed.ActorFor("finley", ResponsePolicy.Default, AlertAt).Roles); // on the IC rotation that week
    }

    [Fact]
    public void Resolve_ARole_IsItsOnCallPersonElseTheFirstTeamMemberElseTheRole()
    {
        Assert.Equal("alex", Seed.Resolve(EscalationTarget.ForRole("on-call-engineer"), ResponsePolicy.Default, AlertAt));
        Assert.Equal("erin", Seed.Resolve(EscalationTarget.ForRole("engineering-manager"), ResponsePolicy.Default, AlertAt));
        Assert.Equal("vp-engineering", Seed.Resolve(EscalationTarget.ForRole("vp-engineering"), ResponsePolicy.Default, AlertAt));
        Assert.Equal("sam", Seed.Resolve(EscalationTarget.ForPerson("sam"), ResponsePolicy.Default, AlertAt));
        Assert.Equal("alex", Seed.Resolve(new EscalationTarget(EscalationTargetKind.Schedule, "on-call"), ResponsePolicy.Default, AlertAt));
    }

    [Theory]
    [InlineData("alex on-call-engineer", "line 1: expected 'person: role, role', got 'alex on-call-engineer'")]
    [InlineData("\n: comms-lead", "line 2: expected 'person: role, role', got ': comms-lead'")]
    [InlineData("maria lee: comms-lead", "line 1: expected 'person: role, role', got 'maria lee: comms-lead'")]
    public void Parse_ABadLine_ThrowsNamingTheLine(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => Team.Parse(text)).Message);
    }

    [Theory]
    [InlineData("escalate:page-engineering-manager#1", "Page", "Role", "engineering-manager")]
    [InlineData("escalate:notify-vp-engineering#2", "Notify", "Role", "vp-engineering")]
    [InlineData("escalate:page-on-call.2.engineering-manager#1", "Page", "Role", "engineering-manager")]
    public void EscalationOf_AKey_FindsTheRuleOrPolicyStep(string key, string action, string kind, string target)
    {
        var (foundAction, foundTarget) = Dispatcher.EscalationOf(ResponsePolicy.Default, key);

        Assert.Equal(action, foundAction.ToString());
        Assert.Equal(kind, foundTarget!.Kind.ToString());
        Assert.Equal(target, foundTarget.Id);
    }

    [Theory]
    [InlineData("escalate:no-such-rule#1")]
    [InlineData("escalate:page-on-call.9.engineering-manager#1")]
    [InlineData("escalate:page-on-call.x.engineering-manager#1")]
    public void EscalationOf_AnUnknownKey_HasNoTarget(string key)
    {
        Assert.Null(Dispatcher.EscalationOf(ResponsePolicy.Default, key).Target);
    }
}
