using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Tests.Grains;

/// <summary>
/// The seed's checkout outage driven through the grains of a two-silo cluster, the clock frozen at each event's
/// instant, compared with the library's own audit of the timeline file (what <c>incident-policy audit</c> prints).
/// </summary>
public sealed class SeedIncidentTests
{
    private static readonly string Timeline = Path.Combine(AppContext.BaseDirectory, "checkout-outage-2026-05-29.json");

    [Fact]
    public async Task SeedTimeline_ThroughGrains_SameEventsObligationsAndAuditAsTheLibrary()
    {
        var file = EventLogJson.Load(Timeline);
        var id = file.IncidentId!;
        var policy = ResponsePolicy.Default;
        await using var cluster = await GrainCluster.StartAsync(policy);
        var grain = cluster.Client.GetGrain<IIncidentGrain>(id);
        var everyRole = policy.Roles.Select(r => r.Id).ToArray();

        foreach (var recorded in file.Events)
        {
            cluster.Clock.Freeze(recorded.At);
            var command = CommandOf(recorded);
            var answer = await grain.ApplyAsync(command, new Actor(recorded.By, everyRole), await grain.GetVersionAsync());
            for (var retry = 0; retry < 5 && answer.Outcome == ApplyOutcome.Conflict; retry++)
            {
                // A wake-up recorded a page or reminder between reading the version and applying: apply again at the
                // version the conflict answered, as any client of the grain does.
                answer = await grain.ApplyAsync(command, new Actor(recorded.By, everyRole), answer.Version);
            }

            Assert.True(answer.IsAccepted, $"{recorded.Type}: {answer}");
        }

        var log = EventLogJson.Parse((await grain.GetEventLogJsonAsync())!).Events;
        var system = log.Where(e => e.By == "incident-policy").ToList();
        var driven = log.Where(e => e.By != "incident-policy").ToList();
        Assert.Equal(file.Events.Count, driven.Count);
        Assert.Equal(file.Events[0], ((AlertFired)driven[0]) with { PolicyHash = null });
        Assert.Equal(file.Events.Skip(1), driven.Skip(1));
        Assert.All(system, e => Assert.True(e is NotificationSent or ReminderSent, e.Type));

        var expected = policy.Audit(id, file.Events);
        var actual = policy.Audit(id, log);
        Assert.Equal(expected.Violations.Select(v => v.RuleId), actual.Violations.Select(v => v.RuleId));
        Assert.Equal(expected.Incident.Status, actual.Incident.Status);
        Assert.Equal(expected.EvaluatedAt, actual.EvaluatedAt);
        Assert.Equal(expected.Metrics, actual.Metrics);
        var sentKeys = system.Select(e => e switch { NotificationSent n => n.Key, ReminderSent r => r.Key, _ => "" }).ToHashSet();
        foreach (var obligation in expected.Evaluation.Obligations)
        {
            var mine = actual.Evaluation.Find(obligation.Key);
            Assert.NotNull(mine);
            Assert.Equal(obligation.DueAt, mine.DueAt);
            Assert.Equal(obligation.Kind, mine.Kind);
            if (obligation.Kind != ObligationKind.Escalate)
            {
                // A reminder records that it was sent, never that the duty was done.
                Assert.Equal(obligation.State, mine.State);
                Assert.Equal(obligation.MetAt, mine.MetAt);
            }
        }

        // Every page the grains recorded was an obligation due in the library's audit of the file.
        Assert.All(sentKeys, key => Assert.NotNull(expected.Evaluation.Find(key)));
        Assert.Contains(cluster.Dispatcher.Sent, s => s.Action.IncidentId == id);
    }

    private static IncidentCommand CommandOf(IncidentEvent recorded) => recorded switch
    {
        AlertFired e => new RaiseAlert(e.Summary, e.Service, e.Severity),
        Acknowledged => new Acknowledge(),
        Declared e => new Declare(e.Severity, e.Title),
        CommanderAssigned e => new AssignCommander(e.Person),
        ChannelCreated e => new RecordChannel(e.Channel),
        StatusUpdatePosted e => new PostStatusUpdate(e.Audience, e.Message),
        NoteAdded e => new AddNote(e.Text),
        Mitigated e => new Mitigate(e.Summary),
        ImpactRecorded e => new RecordImpact(e.Metric, e.Value, e.Unit),
        Resolved e => new Resolve(e.Summary),
        _ => throw new InvalidOperationException($"The seed has no {recorded.Type}."),
    };
}
