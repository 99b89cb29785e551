using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Grains;

/// <summary>An incident keeps the policy it was opened under after the host's policy changed.</summary>
public sealed class PolicyChangeTests
{
    [Fact]
    public async Task Activation_IncidentOpenedUnderAnotherPolicy_EvaluatedUnderItsOwnPolicy()
    {
        var store = new InMemoryIncidentEventStore();
        var old = Policies.Fast;
        await store.SavePolicyAsync(old.ContentHash, PolicyJson.Serialize(old));
        var raised = Incident.Raise(old, "INC-old", new RaiseAlert("db down", "db", "SEV-1"), new Actor("monitoring"), GrainCluster.Start - Duration.FromHours(1)).Incident!;
        await store.AppendAsync("INC-old", 0, raised.Events[0], IncidentGrain.HeadOf(raised));
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store);

        var state = await cluster.Client.GetGrain<IIncidentGrain>("INC-old").GetStateJsonAsync();
        var fresh = await cluster.Client.GetGrain<IIncidentGrain>("INC-new").ApplyAsync(new RaiseAlert("api down", "api", "SEV-1"), new Actor("monitoring"), 0);

        using var json = System.Text.Json.JsonDocument.Parse(state!);
        var policy = json.RootElement.GetProperty("policy");
        Assert.Equal(old.ContentHash, policy.GetProperty("contentHash").GetString());
        Assert.True(policy.GetProperty("matches").GetBoolean());
        Assert.NotEqual(old.ContentHash, ResponsePolicy.Default.ContentHash);
        Assert.Equal(ResponsePolicy.Default.ContentHash, Assert.IsType<AlertFired>(fresh.Event).PolicyHash);
    }

    [Fact]
    public async Task Activation_PolicyHashTheStoreDoesNotHave_FailsSayingWhich()
    {
        var store = new InMemoryIncidentEventStore();
        var raised = Incident.Raise(Policies.Fast, "INC-orphan", new RaiseAlert("db down"), new Actor("monitoring"), GrainCluster.Start).Incident!;
        await store.AppendAsync("INC-orphan", 0, raised.Events[0], IncidentGrain.HeadOf(raised));
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IIncidentGrain>("INC-orphan").GetVersionAsync());

        Assert.Contains(Policies.Fast.ContentHash, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptCurrentPolicyAsync_OpenIncidentUnderOldPolicy_MigratedAndReplayedUnderTheNewOne()
    {
        var store = new InMemoryIncidentEventStore();
        var old = Policies.Fast;
        await store.SavePolicyAsync(old.ContentHash, PolicyJson.Serialize(old));
        var raised = Incident.Raise(old, "INC-migrate", new RaiseAlert("db down", "db", "SEV-1"), new Actor("monitoring"), GrainCluster.Start).Incident!;
        await store.AppendAsync("INC-migrate", 0, raised.Events[0], IncidentGrain.HeadOf(raised));
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-migrate");
        var manager = new Actor("erin", "engineering-manager");

        // The overdue incident's wake-ups record pages meanwhile: a conflict is answered with the version to retry at.
        var refused = await GrainCluster.UntilNoConflictAsync(version => grain.AdoptCurrentPolicyAsync(new Actor("alex", "on-call-engineer"), version));
        var answer = await GrainCluster.UntilNoConflictAsync(version => grain.AdoptCurrentPolicyAsync(manager, version));

        Assert.Equal(ApplyOutcome.Rejected, refused.Outcome);
        Assert.True(answer.IsAccepted, answer.ToString());
        Assert.Equal(ResponsePolicy.Default.ContentHash, Assert.IsType<PolicyAdopted>(answer.Event).PolicyHash);
        Assert.Equal(ResponsePolicy.Default.ContentHash, (await store.ListOpenAsync()).Single(h => h.IncidentId == "INC-migrate").PolicyHash);
        await cluster.Cluster.DeactivateAsync(grain);
        using var json = System.Text.Json.JsonDocument.Parse((await grain.GetStateJsonAsync())!);
        Assert.Equal(ResponsePolicy.Default.ContentHash, json.RootElement.GetProperty("policy").GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task AdoptCurrentPolicyAsync_MissingIncident_RejectedLikeAnyCommand()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);

        var answer = await cluster.Client.GetGrain<IIncidentGrain>("INC-none").AdoptCurrentPolicyAsync(new Actor("erin", "engineering-manager"), 0);

        Assert.Equal(ApplyOutcome.Rejected, answer.Outcome);
        Assert.Equal(RuleIds.Transition, answer.Rejection!.RuleId);
    }
}
