using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Tests.Grains;

public sealed class IncidentGrainTests(DefaultPolicyCluster fixture) : IClassFixture<DefaultPolicyCluster>
{
    private static readonly Actor Monitoring = new("monitoring");
    private static readonly Actor Alex = new("alex", "on-call-engineer");

    private GrainCluster Cluster => fixture.Grains;

    private static string NewId() => "INC-" + Guid.NewGuid().ToString("N");

    /// <summary>Raises an incident and waits until the page due at the alert is sent and recorded, so the version stays put.</summary>
    private async Task<(IIncidentGrain Grain, int Version)> RaiseSettledAsync(string id)
    {
        var grain = Cluster.Client.GetGrain<IIncidentGrain>(id);
        var raised = await grain.ApplyAsync(new RaiseAlert("Checkout error rate > 5%", "checkout", "SEV-1"), Monitoring, 0);
        Assert.True(raised.IsAccepted, raised.ToString());
        await Eventually.TrueAsync(async () => (await Cluster.Store.ReadAsync(id)).OfType<NotificationSent>().Any(), TimeSpan.FromSeconds(20), "the first page to be recorded");
        return (grain, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task ApplyAsync_RaiseAlertOnNewIncident_OpensItUnderCurrentPolicyAndStoresThePolicy()
    {
        var id = NewId();
        var answer = await Cluster.Client.GetGrain<IIncidentGrain>(id).ApplyAsync(new RaiseAlert("db down", "db", "SEV-2"), Monitoring, 0);

        Assert.Equal(ApplyOutcome.Accepted, answer.Outcome);
        Assert.Equal(1, answer.Version);
        var fired = Assert.IsType<AlertFired>(answer.Event);
        Assert.Equal(ResponsePolicy.Default.ContentHash, fired.PolicyHash);
        Assert.Equal("monitoring", fired.By);
        Assert.Equal(fired, (await Cluster.Store.ReadAsync(id))[0]);
        Assert.NotNull(await Cluster.Store.ReadPolicyAsync(ResponsePolicy.Default.ContentHash));
    }

    [Fact]
    public async Task ApplyAsync_CommandOnMissingIncident_RejectedAsTheLifecycleRejects()
    {
        var answer = await Cluster.Client.GetGrain<IIncidentGrain>(NewId()).ApplyAsync(new Acknowledge(), Alex, 0);

        Assert.Equal(ApplyOutcome.Rejected, answer.Outcome);
        Assert.Equal(0, answer.Version);
        Assert.Equal(RejectionCode.InvalidTransition, answer.Rejection!.Code);
        Assert.Equal(RuleIds.Transition, answer.Rejection.RuleId);
    }

    [Fact]
    public async Task ApplyAsync_RaiseAlertWithWrongExpectedVersion_Conflict()
    {
        var answer = await Cluster.Client.GetGrain<IIncidentGrain>(NewId()).ApplyAsync(new RaiseAlert("x"), Monitoring, 3);

        Assert.Equal(ApplyOutcome.Conflict, answer.Outcome);
        Assert.Equal(0, answer.Version);
    }

    [Fact]
    public async Task ApplyAsync_StaleExpectedVersion_ConflictWithCurrentVersionAndNothingStored()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);

        var answer = await grain.ApplyAsync(new AddNote("late"), Alex, version - 1);

        Assert.Equal(ApplyOutcome.Conflict, answer.Outcome);
        Assert.Equal(version, answer.Version);
        Assert.Equal(version, (await Cluster.Store.ReadAsync(id)).Count);
    }

    [Fact]
    public async Task ApplyAsync_RejectedCommand_SameCodeReasonAndRuleAsIncidentApply()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);
        var command = new Declare("SEV-9", "no such severity");

        var answer = await grain.ApplyAsync(command, Alex, version);

        var replayed = Incident.Replay(ResponsePolicy.Default, id, await Cluster.Store.ReadAsync(id));
        var expected = replayed.Apply(command, Alex, replayed.LastEventAt, version);
        Assert.Equal(ApplyOutcome.Rejected, expected.Outcome);
        Assert.Equal(ApplyOutcome.Rejected, answer.Outcome);
        Assert.Equal(expected.Rejection, answer.Rejection);
        Assert.Equal(version, answer.Version);
    }

    [Fact]
    public async Task ApplyAsync_AcceptedCommand_StoredBeforeTheAnswer()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);

        var answer = await grain.ApplyAsync(new Acknowledge(), Alex, version);

        Assert.True(answer.IsAccepted, answer.ToString());
        Assert.Equal(version + 1, answer.Version);
        var log = await Cluster.Store.ReadAsync(id);
        Assert.Equal(answer.Event, log[version]);
        var head = (await Cluster.Store.ListOpenAsync()).Single(h => h.IncidentId == id);
        Assert.Equal(IncidentStatus.Acknowledged, head.Status);
        Assert.Equal(version + 1, head.Version);
    }

    [Fact]
    public async Task ApplyAsync_RacingWritersWithTheSameExpectedVersion_ExactlyOneAcceptedRestConflict()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.ApplyAsync(new AddNote($"note {i}"), Alex, version)));

        var accepted = Assert.Single(answers, a => a.IsAccepted);
        Assert.All(answers.Where(a => !a.IsAccepted), a =>
        {
            Assert.Equal(ApplyOutcome.Conflict, a.Outcome);
            Assert.Equal(version + 1, a.Version);
        });
        var notes = (await Cluster.Store.ReadAsync(id)).OfType<NoteAdded>().ToList();
        Assert.Equal(accepted.Event, Assert.Single(notes));
    }

    [Fact]
    public async Task ApplyAsync_StoreRefusesTheVersion_AnswersConflictNeverAccepted()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);
        // Another activation (as after a split brain) stores version + 1 behind this one's back.
        var log = await Cluster.Store.ReadAsync(id);
        var foreign = new NoteAdded(log[^1].At, "bob", "written elsewhere");
        var incident = Incident.Replay(ResponsePolicy.Default, id, log);
        Assert.True(await Cluster.Store.AppendAsync(id, version, foreign, IncidentPolicy.Orleans.Grains.IncidentGrain.HeadOf(incident)));

        var answer = await grain.ApplyAsync(new AddNote("mine"), Alex, version);

        Assert.Equal(ApplyOutcome.Conflict, answer.Outcome);
        Assert.Equal(version + 1, answer.Version);
        var stored = await Cluster.Store.ReadAsync(id);
        Assert.Equal(foreign, stored[^1]);
        Assert.DoesNotContain(stored, e => e is NoteAdded { Text: "mine" });
        var retried = await grain.ApplyAsync(new AddNote("mine"), Alex, answer.Version);
        Assert.True(retried.IsAccepted, retried.ToString());
    }

    [Fact]
    public async Task GetEventLogJsonAsync_AfterCommands_IsTheStoredLogAsAFormatVersion1Document()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);
        await grain.ApplyAsync(new Acknowledge(), Alex, version);

        var document = await grain.GetEventLogJsonAsync();

        Assert.NotNull(document);
        Assert.Contains("\"formatVersion\": 1", document, StringComparison.Ordinal);
        var contents = EventLogJson.Parse(document);
        Assert.Equal(id, contents.IncidentId);
        Assert.Equal(await Cluster.Store.ReadAsync(id), contents.Events);
    }

    [Fact]
    public async Task GetStateJsonAsync_ExistingIncident_IsTheIncidentDocumentWithItsEvaluation()
    {
        var id = NewId();
        var (grain, _) = await RaiseSettledAsync(id);

        var state = await grain.GetStateJsonAsync();

        Assert.NotNull(state);
        using var json = System.Text.Json.JsonDocument.Parse(state);
        Assert.Equal(IncidentJson.FormatVersion, json.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal(id, json.RootElement.GetProperty("incident").GetProperty("id").GetString());
        Assert.Equal("triggered", json.RootElement.GetProperty("incident").GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("policy").GetProperty("matches").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("evaluation").GetProperty("obligations").EnumerateArray(),
            o => o.GetProperty("key").GetString() == "acknowledge");
    }

    [Fact]
    public async Task GetStateJsonAsync_MissingIncident_Null()
    {
        var grain = Cluster.Client.GetGrain<IIncidentGrain>(NewId());

        Assert.Null(await grain.GetStateJsonAsync());
        Assert.Null(await grain.GetEventLogJsonAsync());
        Assert.Equal(0, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task Reactivation_OnAnySilo_ReplaysTheLogAndAnswersTheSame()
    {
        var id = NewId();
        var (grain, version) = await RaiseSettledAsync(id);
        var acknowledged = await grain.ApplyAsync(new Acknowledge(), Alex, version);
        var before = await grain.GetEventLogJsonAsync();

        await Cluster.Cluster.DeactivateAsync(grain);

        Assert.Equal(before, await grain.GetEventLogJsonAsync());
        Assert.Equal(acknowledged.Version, await grain.GetVersionAsync());
        var again = await grain.ApplyAsync(new Acknowledge(), Alex, acknowledged.Version);
        Assert.Equal(ApplyOutcome.Rejected, again.Outcome);
    }

    [Fact]
    public async Task ApplyAsync_NullCommand_ArgumentNullException()
    {
        var grain = Cluster.Client.GetGrain<IIncidentGrain>(NewId());

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => grain.ApplyAsync(null!, Alex, 0));

        Assert.Contains("command", error.Message, StringComparison.Ordinal);
    }
}
