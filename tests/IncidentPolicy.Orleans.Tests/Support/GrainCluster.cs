using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>
/// A two-silo in-process test cluster running the incident grains, with everything that must outlive one silo held by
/// the test: the event store, the reminder table, the clock and the dispatcher. Membership is TestingHost's in-process
/// table, which is shared by the silos and survives losing any of them.
/// </summary>
internal sealed class GrainCluster : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 5, 29, 4, 0);

    private GrainCluster(InProcessTestCluster cluster, TestClock clock, IIncidentEventStore store, RecordingDispatcher dispatcher, SharedReminderTable reminders)
    {
        Cluster = cluster;
        Clock = clock;
        Store = store;
        Dispatcher = dispatcher;
        Reminders = reminders;
    }

    public InProcessTestCluster Cluster { get; }

    public TestClock Clock { get; }

    public IIncidentEventStore Store { get; }

    public RecordingDispatcher Dispatcher { get; }

    public SharedReminderTable Reminders { get; }

    public IClusterClient Client => Cluster.Client;

    private static readonly Actor OnCallAlex = new("alex", "on-call-engineer");

    /// <summary>Raises a SEV-1 for each id and adds a note to each (again at the answered version when a wake-up recorded a
    /// page in between); asserts every answer accepted and returns them by id, for comparing logs after a loss.</summary>
    public static async Task<Dictionary<string, List<ApplyAnswer>>> RaiseWithNotesAsync(IClusterClient client, IReadOnlyList<string> ids)
    {
        var accepted = new Dictionary<string, List<ApplyAnswer>>();
        await Task.WhenAll(ids.Select(async id =>
        {
            var grain = client.GetGrain<IIncidentGrain>(id);
            var raised = await grain.ApplyAsync(new RaiseAlert($"{id} failing", "checkout", "SEV-1"), new Actor("monitoring"), 0);
            var note = await grain.ApplyAsync(new AddNote("looking"), OnCallAlex, await grain.GetVersionAsync());
            if (!note.IsAccepted)
            {
                // A wake-up recorded a page in between: apply again at the version it answered.
                note = await grain.ApplyAsync(new AddNote("looking"), OnCallAlex, note.Version);
            }

            lock (accepted)
            {
                accepted[id] = [raised, note];
            }
        }));
        Assert.All(accepted.Values.SelectMany(a => a), a => Assert.True(a.IsAccepted, a.ToString()));
        return accepted;
    }

    /// <summary>Applies at the version each conflict answers (a wake-up may record a page in between), up to 20 times,
    /// starting from version 0; returns the first answer that is not a conflict, or the last conflict.</summary>
    public static async Task<ApplyAnswer> UntilNoConflictAsync(Func<int, Task<ApplyAnswer>> apply)
    {
        var answer = ApplyAnswer.Conflict(0);
        for (var attempt = 0; attempt < 20 && answer.Outcome == ApplyOutcome.Conflict; attempt++)
        {
            answer = await apply(answer.Version);
        }

        return answer;
    }

    /// <summary>Reminders that may tick every second and a dead silo declared within about a second, so wake-ups and
    /// the loss of a silo show within a test's time.</summary>
    public static void UseTestTimings(ISiloBuilder silo)
    {
        silo.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            options.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            options.ReminderLoadingWindow = TimeSpan.FromMinutes(10);
        });
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
        });
    }

    public static async Task<GrainCluster> StartAsync(ResponsePolicy policy, short silos = 2, IIncidentEventStore? store = null, IReadOnlyDictionary<string, ResponsePolicy>? named = null)
    {
        var clock = new TestClock(Start);
        store ??= new InMemoryIncidentEventStore();
        var dispatcher = new RecordingDispatcher(clock);
        var reminders = new SharedReminderTable();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddIncidentPolicy(policy, options =>
            {
                options.ReminderPeriod = TimeSpan.FromSeconds(1);
                options.RetryDelay = TimeSpan.FromMilliseconds(300);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            });
            foreach (var (name, namedPolicy) in named ?? new Dictionary<string, ResponsePolicy>())
            {
                silo.AddNamedIncidentPolicy(name, namedPolicy);
            }

            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(reminders);
            silo.Services.AddSingleton<IClock>(clock);
            silo.Services.AddSingleton(store);
            silo.Services.AddSingleton<IIncidentDispatcher>(dispatcher);
            GrainCluster.UseTestTimings(silo);
        });
        builder.ConfigureClient(client => client.Services.AddIncidentPolicySerializer());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster, clock, store, dispatcher, reminders);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
