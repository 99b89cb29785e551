using System.Text.Json.Nodes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

/// <summary>An open incident keeps the policy it was opened under until it adopts another (<see cref="Incident.Adopt"/>):
/// the log records the adoption, and a replay must be given the last adopted policy.</summary>
public class PolicyAdoptionTests
{
    private static readonly ResponsePolicy Old = ResponsePolicy.Default.WithLifecycle(ResponsePolicy.Default.Lifecycle.WithCommanderSeparateFromOnCall(false));
    private static readonly ResponsePolicy New = ResponsePolicy.Default;

    private static Incident OpenUnderOld() => Raised(policy: Old).Then(new Acknowledge(), Alex, 3).Then(new Declare("SEV-2", "checkout errors"), Alex, 5);

    [Fact]
    public void Adopt_ByAPolicyRole_RecordsTheHash_AndTheIncidentIsGovernedByTheNewPolicy()
    {
        var incident = OpenUnderOld();
        Assert.Equal(Old.ContentHash, incident.PolicyHash);
        var result = incident.Adopt(New, Manager, At(10), incident.Version);
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(new PolicyAdopted(At(10), "erin", New.ContentHash), result.Event);
        Assert.Same(New, result.Incident.Policy);
        Assert.Equal(New.ContentHash, result.Incident.PolicyHash);
        Assert.Equal(incident.Version + 1, result.Incident.Version);
        Assert.Equal(IncidentStatus.Investigating, result.Incident.Status);
        Assert.True(New.Audit("INC-1", result.Incident.Events, At(11)).PolicyMatches);
        Assert.False(Old.Audit("INC-1", result.Incident.Events, At(11)).PolicyMatches);
    }

    [Fact]
    public void Adopt_ThenReplay_UnderTheAdoptedPolicy_GivesTheSameIncident_AndUnderTheOldOneThrows()
    {
        var adopted = OpenUnderOld().Adopt(New, Manager, At(10), 3).Incident!;
        var events = EventLogJson.Parse(EventLogJson.SerializeLines(adopted.Events)).Events;
        Assert.Equal(adopted, Incident.Replay(New, "INC-1", events));
        var thrown = Assert.Throws<ReplayException>(() => Incident.Replay(Old, "INC-1", events));
        Assert.Equal(3, thrown.EventIndex);
        Assert.Equal(RuleIds.PolicyAdopted, thrown.Rejection.RuleId);
        Assert.Equal($"The log adopted policy {New.ContentHash}; replay it under that policy, not {Old.ContentHash}.", thrown.Rejection.Reason);
    }

    [Fact]
    public void Replay_LogWithoutAdoption_UnderAnotherPolicy_IsAllowedAsBefore() =>
        Assert.Equal(Old.ContentHash, Incident.Replay(New, "INC-1", OpenUnderOld().Events).PolicyHash);

    [Fact]
    public void Adopt_HistoryThatDoesNotHoldUnderTheNewPolicy_IsRejected_AndNothingChanges()
    {
        // Under the old policy the on-call responder may also be the commander; under the new one they may not.
        var incident = OpenUnderOld().Then(new AssignCommander("alex"), Alex, 6);
        var result = incident.Adopt(New, Manager, At(10), incident.Version);
        var rejection = Rejected(result, RejectionCode.GuardFailed, RuleIds.PolicyAdopted);
        Assert.StartsWith($"The incident's log does not hold under policy {New.ContentHash}: event 3: ", rejection.Reason, StringComparison.Ordinal);
        Assert.Same(incident, result.Incident);
    }

    [Fact]
    public void Adopt_WithoutPermission_IsRejectedUnderTheCurrentPolicy()
    {
        var incident = OpenUnderOld();
        Rejected(incident.Adopt(New, Alex, At(10), incident.Version), RejectionCode.NotPermitted, "permissions.adoptPolicy");
        Rejected(incident.Adopt(New, Outsider, At(10), incident.Version), RejectionCode.NotPermitted, "permissions.adoptPolicy");
    }

    [Fact]
    public void Adopt_StaleVersion_IsAConflict()
    {
        var incident = OpenUnderOld();
        Assert.Equal(ApplyOutcome.Conflict, incident.Adopt(New, Manager, At(10), incident.Version - 1).Outcome);
    }

    [Theory]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Declined)]
    [InlineData(IncidentStatus.Merged)]
    public void Adopt_ClosedDeclinedOrMerged_IsAnInvalidTransition(IncidentStatus status)
    {
        var incident = InStatus(status);
        Rejected(incident.Adopt(New, Manager, incident.LastEventAt, incident.Version), RejectionCode.InvalidTransition, RuleIds.Transition);
    }

    [Fact]
    public void Apply_AdoptPolicyNamingAnotherPolicy_IsRejected_SayingToUseAdopt()
    {
        var incident = OpenUnderOld();
        var rejection = Rejected(incident.Try(new AdoptPolicy(New.ContentHash), Manager, 10), RejectionCode.InvalidCommand, RuleIds.PolicyAdopted);
        Assert.Contains("Incident.Adopt", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AdoptPolicyNamingThePolicyItIsGovernedBy_IsRecorded()
    {
        // The host rebuilt the incident under the new policy itself; the command records the migration.
        var rebuilt = Incident.Replay(New, "INC-1", OpenUnderOld().Events);
        var adopted = rebuilt.Then(new AdoptPolicy(New.ContentHash), Manager, 10);
        Assert.Equal(New.ContentHash, adopted.PolicyHash);
        Assert.Equal(adopted, Incident.Replay(New, "INC-1", adopted.Events));
    }

    [Fact]
    public void Apply_AdoptPolicyWithBlankHash_IsRejectedAsRequiredText() =>
        Rejected(OpenUnderOld().Try(new AdoptPolicy(" "), Manager, 10), RejectionCode.InvalidCommand, RuleIds.TextRequired);

    [Fact]
    public void Adopt_NullArguments_Throw()
    {
        var incident = OpenUnderOld();
        Assert.Throws<ArgumentNullException>(() => incident.Adopt(null!, Manager, At(10), 3));
        Assert.Throws<ArgumentNullException>(() => incident.Adopt(New, null!, At(10), 3));
    }

    [Fact]
    public void ReplayLenient_AdoptedLog_RecordsTheAdoptedHash()
    {
        var adopted = OpenUnderOld().Adopt(New, Manager, At(10), 3).Incident!;
        var audit = Incident.ReplayLenient(Old, "INC-1", adopted.Events);
        Assert.Empty(audit.Violations);
        Assert.Equal(New.ContentHash, audit.Incident.PolicyHash);
    }

    [Fact]
    public void Permissions_SeedGivesAdoptionToTheEngineeringManager_SecureToThePolicysOwnRoles()
    {
        Assert.Equal(["engineering-manager"], ResponsePolicy.Default.Lifecycle.Permissions.RolesFor(CommandKind.AdoptPolicy));
        Assert.Equal(["a"], PermissionTable.Secure(["a"], []).RolesFor(CommandKind.AdoptPolicy));
    }

    [Fact]
    public void PolicyJson_TableWrittenBeforeTheNewCommands_StillReads_JoinAndClearAsRaiseAlert_AdoptionForNobody()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();
        var permissions = tree["lifecycle"]!["permissions"]!.AsObject();
        permissions.Remove("joinAlert");
        permissions.Remove("clearAlert");
        permissions.Remove("adoptPolicy");
        permissions["raiseAlert"] = new JsonArray("on-call-engineer");
        foreach (var version in new[] { 1, 2 })
        {
            tree["formatVersion"] = version;
            var table = PolicyJson.Parse(tree.ToJsonString()).Lifecycle.Permissions;
            Assert.Equal(["on-call-engineer"], table.RolesFor(CommandKind.JoinAlert));
            Assert.Equal(["on-call-engineer"], table.RolesFor(CommandKind.ClearAlert));
            Assert.Empty(table.RolesFor(CommandKind.AdoptPolicy)!);
        }
    }

    [Fact]
    public void Timeline_ShowsTheAdoption()
    {
        var adopted = OpenUnderOld().Adopt(New, Manager, At(10), 3).Incident!;
        Assert.Contains($"Policy {New.ContentHash} adopted", IncidentPolicy.PostMortems.PostMortem.From(adopted).Timeline.Select(e => e.Text));
    }
}
