using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.LoadRun;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentPolicy.Orleans.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans;
using Orleans.Hosting;

// A bounded load run of the incident grains on one co-hosted silo, with the wall clock (no fake time):
//   throughput  — commands per second through IIncidentGrain.ApplyAsync, with the in-memory store and with a real
//                 PostgreSQL 15 (started here, as the tests' fixture does);
//   wake-ups    — lateness of every page and reminder (dispatch instant minus due instant) while 10,000 incidents
//                 are open on the silo, their wake-ups coming from the grains' own timers.
// Usage: dotnet run -c Release --project benchmarks/IncidentPolicy.Orleans.LoadRun -- [throughput|wakeups|all]
//        [--seconds 20] [--incidents 10000] [--workers 64]
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var seconds = Option("--seconds", 20);
var incidents = Option("--incidents", 10_000);
var workers = Option("--workers", 64);

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, mode {mode}");
if (mode is "throughput" or "all")
{
    Report(await Throughput.RunAsync(StoreKind.Memory, null, seconds, workers));
    await using var postgres = new PostgreSqlServer();
    await postgres.InitializeAsync();
    Report(await Throughput.RunAsync(StoreKind.PostgreSql, postgres.ConnectionString, seconds, workers));
}

if (mode is "wakeups" or "all")
{
    Report(await WakeUps.RunAsync(incidents));
}

return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Report(string line) => Console.WriteLine(line);

namespace IncidentPolicy.Orleans.LoadRun
{
    internal enum StoreKind
    {
        Memory,
        PostgreSql,
    }

    /// <summary>One silo with the incident grains, co-hosted with its client, on the wall clock.</summary>
    internal static class Silo
    {
        public static async Task<IHost> StartAsync(ResponsePolicy policy, StoreKind store, string? connectionString, IIncidentDispatcher dispatcher)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(dispatcher);
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(ServerProcess.FreePort(), ServerProcess.FreePort());
                silo.UseInMemoryReminderService();
                silo.AddIncidentPolicy(policy);
                if (store == StoreKind.Memory)
                {
                    silo.AddInMemoryIncidentEventStore();
                }
                else
                {
                    silo.AddPostgreSqlIncidentEventStore(connectionString!);
                }
            });
            var host = builder.Build();
            await host.StartAsync();
            return host;
        }
    }

    /// <summary>Counts what it is handed and how late, from the wall clock.</summary>
    internal sealed class LatenessDispatcher : IIncidentDispatcher
    {
        private readonly ConcurrentQueue<(DueAction Action, Duration Late)> _sent = new();

        public IReadOnlyList<(DueAction Action, Duration Late)> Sent => [.. _sent];

        public int Count => _sent.Count;

        public Task DispatchAsync(DueAction action, CancellationToken cancellationToken)
        {
            _sent.Enqueue((action, SystemClock.Instance.GetCurrentInstant() - action.DueAt));
            return Task.CompletedTask;
        }
    }

    internal static class Throughput
    {
        private static readonly Actor Monitoring = new("monitoring");
        private static readonly Actor Alex = new("alex", "on-call-engineer");

        /// <summary>Raises one SEV-3 per worker (nothing of a SEV-3 falls due within the run), then lets every worker
        /// add notes to its own incident for <paramref name="seconds"/>, each at the version its last answer gave.</summary>
        public static async Task<string> RunAsync(StoreKind store, string? connectionString, int seconds, int workers)
        {
            var dispatcher = new LatenessDispatcher();
            using var host = await Silo.StartAsync(ResponsePolicy.Default, store, connectionString, dispatcher);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var run = Guid.NewGuid().ToString("N")[..8];
            var ids = Enumerable.Range(0, workers).Select(i => $"LOAD-{run}-{i}").ToArray();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IIncidentGrain>(id).ApplyAsync(new RaiseAlert($"{id} slow", "checkout", "SEV-3"), Monitoring, 0)));

            // A short warm-up, then the measured window.
            await DriveAsync(grains, ids, TimeSpan.FromSeconds(2));
            var (accepted, other, latencies, elapsed) = await DriveAsync(grains, ids, TimeSpan.FromSeconds(seconds));
            await host.StopAsync();
            latencies.Sort();
            return string.Create(CultureInfo.InvariantCulture,
                $"throughput {store}: {accepted / elapsed.TotalSeconds:F0} commands/s accepted ({accepted} in {elapsed.TotalSeconds:F1} s, {workers} concurrent callers, {other} not accepted); " +
                $"latency p50 {Percentile(latencies, 50):F2} ms, p99 {Percentile(latencies, 99):F2} ms");
        }

        private static async Task<(long Accepted, long Other, List<double> Latencies, TimeSpan Elapsed)> DriveAsync(IGrainFactory grains, string[] ids, TimeSpan window)
        {
            long accepted = 0, other = 0;
            var latencies = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(async id =>
            {
                var grain = grains.GetGrain<IIncidentGrain>(id);
                var version = await grain.GetVersionAsync();
                var mine = new List<double>();
                while (clock.Elapsed < window)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await grain.ApplyAsync(new AddNote("still looking"), Alex, version);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    version = answer.Version;
                    if (answer.IsAccepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref other);
                    }
                }

                foreach (var latency in mine)
                {
                    latencies.Add(latency);
                }
            }));
            return (accepted, other, [.. latencies], clock.Elapsed);
        }

        public static double Percentile(List<double> sorted, int percent) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static class WakeUps
    {
        private static readonly Actor Monitoring = new("monitoring");

        /// <summary>The default policy with its escalation in seconds: the on-call engineer paged at the alert, the
        /// engineering manager after 30 s without an acknowledgement and after 60 s by the manager rule.</summary>
        private static readonly ResponsePolicy Policy = PolicyJson.Parse(
            PolicyJson.Serialize(ResponsePolicy.Default)
                .Replace("\"PT5M\"", "\"PT30S\"", StringComparison.Ordinal)
                .Replace("\"PT30M\"", "\"PT60S\"", StringComparison.Ordinal));

        /// <summary>Raises <paramref name="count"/> SEV-2 incidents that nobody acknowledges and waits until every page
        /// due within 60 s of each alert was dispatched; the lateness of every dispatch is reported.</summary>
        public static async Task<string> RunAsync(int count)
        {
            var dispatcher = new LatenessDispatcher();
            using var host = await Silo.StartAsync(Policy, StoreKind.Memory, null, dispatcher);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var run = Guid.NewGuid().ToString("N")[..8];
            var raising = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(256))
            {
                await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var answer = await grains.GetGrain<IIncidentGrain>($"WAKE-{run}-{i}")
                            .ApplyAsync(new RaiseAlert("checkout errors", "checkout", "SEV-2"), Monitoring, 0);
                        if (!answer.IsAccepted)
                        {
                            throw new InvalidOperationException(answer.ToString());
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            var raised = raising.Elapsed;
            var open = await grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();

            // Three pages per incident: the on-call engineer at the alert, the manager at 30 s (policy level two) and
            // at 60 s (the manager rule).
            var deadline = Stopwatch.StartNew();
            while (PagesSent(dispatcher) < count * 3 && deadline.Elapsed < TimeSpan.FromSeconds(180))
            {
                await Task.Delay(500);
            }

            await host.StopAsync();
            var pages = dispatcher.Sent.Where(s => s.Action.Kind == DueActionKind.Page).ToList();
            // The pages due after an incident's first are the ones its timer (not the raising command) brought.
            var timed = pages.GroupBy(p => p.Action.IncidentId)
                .SelectMany(g => g.Where(p => p.Action.DueAt > g.Min(q => q.Action.DueAt)))
                .Select(p => p.Late.TotalMilliseconds).Order().ToList();
            var all = dispatcher.Sent.Select(s => s.Late.TotalMilliseconds).Order().ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"wake-ups: {count} incidents raised in {raised.TotalSeconds:F1} s, {open.Count} open listed; {all.Count} actions dispatched ({pages.Count} pages); " +
                $"lateness of every dispatch p50 {Throughput.Percentile(all, 50):F0} ms, p99 {Throughput.Percentile(all, 99):F0} ms, max {all.LastOrDefault():F0} ms; " +
                $"of the {timed.Count} timer-driven pages (30 s and 60 s after the alert) p50 {Throughput.Percentile(timed, 50):F0} ms, p99 {Throughput.Percentile(timed, 99):F0} ms, max {timed.LastOrDefault():F0} ms");
        }

        private static int PagesSent(LatenessDispatcher dispatcher) => dispatcher.Sent.Count(s => s.Action.Kind == DueActionKind.Page);
    }
}
