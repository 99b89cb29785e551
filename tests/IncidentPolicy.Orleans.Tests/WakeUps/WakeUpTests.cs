using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentPolicy.Orleans.Tests.WakeUps;

/// <summary>
/// Wake-ups through the real grain timers and reminders, with the fast policy (acknowledge in 3 s, the manager paged
/// at 3 s and 10 s): no test calls a wake-up method.
/// </summary>
public sealed class WakeUpTests
{
    private static readonly Actor Monitoring = new("monitoring");

    /// <summary>The pages and reminders the fast policy makes due within 10 s of a SEV-1 alert nobody acknowledges.</summary>
    private static readonly string[] DueKeys =
    [
        "escalate:page-on-call.1.on-call-engineer#1", "escalate:page-on-call.2.engineering-manager#1", "escalate:page-engineering-manager#1",
        "acknowledge", "declare", "assignCommander",
    ];

    [Fact]
    public async Task Wake_PagesFallDue_EachSentAndRecordedOnceByTheSystemActor()
    {
        await using var cluster = await GrainCluster.StartAsync(Policies.Fast);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-wake");

        await grain.ApplyAsync(new RaiseAlert("db down", "db", "SEV-1"), Monitoring, 0);

        await Eventually.TrueAsync(async () => KeysRecorded(await cluster.Store.ReadAsync("INC-wake")).Count == DueKeys.Length,
            TimeSpan.FromSeconds(30), "every due page and reminder to be recorded");
        var log = await cluster.Store.ReadAsync("INC-wake");
        Assert.Equal(DueKeys.Order(StringComparer.Ordinal), KeysRecorded(log).Order(StringComparer.Ordinal));
        Assert.All(log.Skip(1), e => Assert.Equal("incident-policy", e.By));
        var sent = cluster.Dispatcher.Sent.Select(s => s.Action).ToList();
        Assert.Equal(DueKeys.Order(StringComparer.Ordinal), sent.Select(a => a.ObligationKey).Order(StringComparer.Ordinal));
        var page = sent.Single(a => a.ObligationKey == "escalate:page-engineering-manager#1");
        Assert.Equal(DueActionKind.Page, page.Kind);
        Assert.Equal("role:engineering-manager", page.Target);
        Assert.Equal("INC-wake", page.IncidentId);
        Assert.Equal(DueActionKind.Reminder, sent.Single(a => a.ObligationKey == "acknowledge").Kind);
    }

    [Fact]
    public async Task Wake_DispatcherThrowsOnce_ResentWithTheSameKeyAndRecordedOnce()
    {
        await using var cluster = await GrainCluster.StartAsync(Policies.Fast);
        const string key = "escalate:page-on-call.2.engineering-manager#1";
        cluster.Dispatcher.FailNext(key, 1);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-retry");

        await grain.ApplyAsync(new RaiseAlert("db down", "db", "SEV-1"), Monitoring, 0);

        await Eventually.TrueAsync(async () => KeysRecorded(await cluster.Store.ReadAsync("INC-retry")).Contains(key),
            TimeSpan.FromSeconds(30), "the page to be recorded after the failed attempt");
        var log = await cluster.Store.ReadAsync("INC-retry");
        Assert.Single(log.OfType<NotificationSent>(), e => e.Key == key);
        Assert.Single(cluster.Dispatcher.Sent, s => s.Action.ObligationKey == key);
        Assert.True(cluster.Dispatcher.Attempts > cluster.Dispatcher.Sent.Count, "the failed attempt was made");
    }

    [Fact]
    public async Task Wake_NothingPending_ReminderUnregistered()
    {
        await using var cluster = await GrainCluster.StartAsync(Policies.Fast);
        var grain = cluster.Client.GetGrain<IIncidentGrain>("INC-quiet");
        var raised = await grain.ApplyAsync(new RaiseAlert("db down", "db", "SEV-1"), Monitoring, 0);
        await Eventually.TrueAsync(() => cluster.Reminders.Count == 1, TimeSpan.FromSeconds(10), "the reminder to be registered");

        var version = await grain.GetVersionAsync();
        var answer = await grain.ApplyAsync(new Decline("false alarm"), new Actor("alex", "on-call-engineer"), version);
        if (answer.Outcome == ApplyOutcome.Conflict)
        {
            answer = await grain.ApplyAsync(new Decline("false alarm"), new Actor("alex", "on-call-engineer"), answer.Version);
        }

        Assert.True(answer.IsAccepted, answer.ToString());
        await Eventually.TrueAsync(() => cluster.Reminders.Count == 0, TimeSpan.FromSeconds(10), "the reminder to be unregistered");
        Assert.Equal(1, raised.Version);
    }

    internal static List<string> KeysRecorded(IReadOnlyList<IncidentEvent> log) =>
        [.. log.OfType<NotificationSent>().Select(e => e.Key).Concat(log.OfType<ReminderSent>().Select(e => e.Key))];
}
