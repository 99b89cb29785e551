using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Support;

namespace IncidentPolicy.Orleans.Tests.Grains;

/// <summary>Several teams' policies on one silo: a raise names the policy it opens the incident under.</summary>
public sealed class NamedPolicyTests
{
    private static readonly Actor Monitoring = new("monitoring");
    private static readonly Dictionary<string, ResponsePolicy> Payments = new(StringComparer.Ordinal) { ["payments"] = Policies.Fast };

    [Fact]
    public async Task RaiseAsync_NamedPolicy_OpensUnderItAndStoresIt()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);

        var answer = await cluster.Client.GetGrain<IIncidentGrain>("INC-pay").RaiseAsync(new RaiseAlert("card auth failing", "payments", "SEV-1"), Monitoring, "payments");
        var byDefault = await cluster.Client.GetGrain<IIncidentGrain>("INC-def").RaiseAsync(new RaiseAlert("api down", "api", "SEV-1"), Monitoring, null);

        Assert.True(answer.IsAccepted, answer.ToString());
        Assert.Equal(Policies.Fast.ContentHash, Assert.IsType<AlertFired>(answer.Event).PolicyHash);
        Assert.Equal(ResponsePolicy.Default.ContentHash, Assert.IsType<AlertFired>(byDefault.Event).PolicyHash);
        Assert.NotNull(await cluster.Store.ReadPolicyAsync(Policies.Fast.ContentHash));
    }

    [Fact]
    public async Task RaiseAsync_DefaultName_SameAsNoName()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);

        var answer = await cluster.Client.GetGrain<IIncidentGrain>("INC-d").RaiseAsync(new RaiseAlert("api down"), Monitoring, IncidentPolicySiloBuilderExtensions.DefaultPolicyName);

        Assert.Equal(ResponsePolicy.Default.ContentHash, Assert.IsType<AlertFired>(answer.Event).PolicyHash);
    }

    [Fact]
    public async Task RaiseAsync_UnknownName_RejectedNamingThePoliciesAndNothingStored()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);

        var answer = await cluster.Client.GetGrain<IIncidentGrain>("INC-x").RaiseAsync(new RaiseAlert("db down"), Monitoring, "billing");

        Assert.Equal(ApplyOutcome.Rejected, answer.Outcome);
        Assert.Equal(RejectionCode.InvalidCommand, answer.Rejection!.Code);
        Assert.Equal("host.policyName", answer.Rejection.RuleId);
        Assert.Contains("'billing'", answer.Rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("default, payments", answer.Rejection.Reason, StringComparison.Ordinal);
        Assert.Empty(await cluster.Store.ReadAsync("INC-x"));
    }

    [Fact]
    public async Task RaiseAsync_IncidentExists_ConflictWithItsVersion()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-twice");
        await grain.RaiseAsync(new RaiseAlert("db down"), Monitoring, "payments");

        var again = await grain.RaiseAsync(new RaiseAlert("db down"), Monitoring, null);

        Assert.Equal(ApplyOutcome.Conflict, again.Outcome);
        Assert.True(again.Version >= 1);
    }

    [Fact]
    public async Task TriggerAsync_NamedPolicy_RaisesUnderItAndALaterTriggerJoinsWhateverItNames()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);
        var intake = cluster.Client.GetGrain<IAlertIntakeGrain>("disk-full");

        var raised = await intake.TriggerAsync("disk 95%", "payments", "SEV-2", null, "payments");
        var joined = await intake.TriggerAsync("disk 97%", "payments", "SEV-2", null, policyName: null);

        Assert.Equal(Policies.Fast.ContentHash, Assert.IsType<AlertFired>(raised.Answer!.Event).PolicyHash);
        Assert.Equal(raised.IncidentId, joined.IncidentId);
        Assert.IsType<AlertJoined>(joined.Answer!.Event);
    }

    [Fact]
    public async Task TriggerAsync_UnknownName_RejectedAndNoIncidentOpen()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);

        var answer = await cluster.Client.GetGrain<IAlertIntakeGrain>("k").TriggerAsync("disk 95%", null, null, null, "payments");

        Assert.Equal(ApplyOutcome.Rejected, answer.Answer!.Outcome);
        Assert.Empty(await cluster.Store.ListOpenAsync());
    }

    [Fact]
    public async Task AdoptCurrentPolicyAsync_ByName_MigratesToThatPolicy_UnknownNameRejected()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, named: Payments);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-move");
        var manager = new Actor("erin", "engineering-manager");
        await grain.RaiseAsync(new RaiseAlert("db down", "db", "SEV-3"), Monitoring, null);

        var unknown = await GrainCluster.UntilNoConflictAsync(version => grain.AdoptCurrentPolicyAsync(manager, version, "billing"));
        var moved = await GrainCluster.UntilNoConflictAsync(version => grain.AdoptCurrentPolicyAsync(manager, version, "payments"));

        Assert.Equal("host.policyName", unknown.Rejection?.RuleId);
        Assert.True(moved.IsAccepted, moved.ToString());
        Assert.Equal(Policies.Fast.ContentHash, Assert.IsType<PolicyAdopted>(moved.Event).PolicyHash);
        await cluster.Cluster.DeactivateAsync(grain);
        using var json = System.Text.Json.JsonDocument.Parse((await grain.GetStateJsonAsync())!);
        Assert.Equal(Policies.Fast.ContentHash, json.RootElement.GetProperty("policy").GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task Restart_WithoutTheNamedPolicy_IncidentStillReplaysUnderItsOwn()
    {
        var store = new InMemoryIncidentEventStore();
        await using (var first = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store, named: Payments))
        {
            await first.Client.GetGrain<IIncidentGrain>("INC-kept").RaiseAsync(new RaiseAlert("card auth failing", "payments", "SEV-1"), Monitoring, "payments");
        }

        await using var second = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store);
        using var json = System.Text.Json.JsonDocument.Parse((await second.Client.GetGrain<IIncidentGrain>("INC-kept").GetStateJsonAsync())!);

        Assert.Equal(Policies.Fast.ContentHash, json.RootElement.GetProperty("policy").GetProperty("contentHash").GetString());
    }
}
