using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;

namespace ChatOpsBot.Tests;

public sealed class BotActorTests
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 3, 10, 2, 0);

    /// <summary>A team's own policy built in code: its roles only, and the safe permissions a policy without any gets.</summary>
    private static ResponsePolicy TeamPolicy()
    {
        var levels = new SeverityScale([
            new SeverityLevel("P1", 1, "Outage", "", [], ["duty-engineer"], ResponseTarget.WallClock(Duration.FromMinutes(5)), ResponseTarget.WallClock(Duration.FromMinutes(15))),
        ]);
        return new ResponsePolicy([new Role("duty-engineer", "Duty engineer"), new Role("duty-manager", "Duty manager")], levels, ResponsePolicy.Default.Calendar);
    }

    [Fact]
    public void BotActorFor_SeedPolicy_NeedsNoRole() =>
        Assert.Empty(IncidentBot.BotActorFor(ResponsePolicy.Default).Roles);

    [Fact]
    public void BotActorFor_PolicyWithSafePermissions_HoldsTheFirstRoleAllowedToRecord()
    {
        var policy = TeamPolicy();
        var actor = IncidentBot.BotActorFor(policy);
        Assert.Equal(IncidentBot.BotId, actor.Id);
        Assert.Equal(["duty-engineer"], actor.Roles);

        var incident = Incident.Raise(policy, "INC-1", new RaiseAlert("checkout down", Severity: "P1"), new Actor("monitoring"), AlertAt).Incident!;
        var record = new RecordReminder("acknowledge");
        Assert.False(incident.Apply(record, new Actor(IncidentBot.BotId), AlertAt, incident.Version).IsAccepted);
        Assert.True(incident.Apply(record, actor, AlertAt, incident.Version).IsAccepted);
    }
}
