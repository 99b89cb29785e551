using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace IncidentService.LoadRun;

/// <summary>
/// Sends PagerDuty Events v2 to <c>POST /v2/enqueue</c> from concurrent workers over one <see cref="HttpClient"/>
/// (one <see cref="SocketsHttpHandler"/>, a connection per worker), for a warm-up and then the measured window.
/// </summary>
/// <remarks>
/// <para><b>The mix.</b> Keys are shared out round-robin (key i to worker i mod N); each worker walks its own keys in
/// turn and, for each, draws the action from its own seeded <see cref="Random"/>: 88 % <c>trigger</c>, 8 %
/// <c>acknowledge</c>, 4 % <c>resolve</c>. The first trigger of a key opens an incident and later ones join it (one
/// appended event each); an acknowledge of an acknowledged incident, or a resolve of a SEV-1/SEV-2 incident that has no
/// Incident Commander, is refused by the policy (still answered 202 and journalled, as PagerDuty answers); an accepted
/// resolve closes the incident and the key's next trigger opens a new one.</para>
/// <para><b>Measuring.</b> A request is measured when its start falls in the window: its latency (from
/// <see cref="Stopwatch"/> ticks: sent until the whole answer is read) goes into the worker's preallocated
/// <see cref="LatencyHistogram"/>, its status into a preallocated array. With <c>--rate</c>, each worker sends on a
/// fixed schedule and a request's latency is counted from its scheduled instant, so a slow answer that delays the next
/// sends is charged to them too (no coordinated omission).</para>
/// </remarks>
internal sealed class LoadGenerator(HttpClient client, IReadOnlyList<AlertKey> keys, RunOptions options)
{
    private static readonly Uri Enqueue = new("v2/enqueue", UriKind.Relative);

    /// <summary>Runs the warm-up and the window, then waits for the requests in flight; answers what the window saw.</summary>
    /// <param name="windowStarted">Called once when the window opens (to read the CPU counters).</param>
    /// <param name="cancellationToken">Stops the workers early (Ctrl+C).</param>
    public async Task<WindowResult> RunAsync(Action windowStarted, CancellationToken cancellationToken)
    {
        var frequency = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (options.Warmup * frequency);
        var windowEnd = windowStart + (options.Seconds * frequency);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(w => new Worker(w, [.. keys.Where((_, i) => i % options.Concurrency == w)]))
            .ToArray();
        var running = workers.Select(w => Task.Run(() => DriveAsync(w, start, windowStart, windowEnd, cancellationToken), CancellationToken.None)).ToArray();

        var untilWindow = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowStart);
        if (untilWindow > TimeSpan.Zero)
        {
            await Task.Delay(untilWindow, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        windowStarted();
        await Task.WhenAll(running);
        var drained = Stopwatch.GetElapsedTime(windowEnd);

        var result = new WindowResult(options.Seconds, drained);
        foreach (var worker in workers)
        {
            result.Add(worker);
        }

        return result;
    }

    private async Task DriveAsync(Worker worker, long start, long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        var random = new Random(1000 + worker.Index);
        // With --rate: each worker sends every N/rate seconds, the workers staggered evenly over one interval.
        var interval = options.Rate > 0 ? (long)((double)options.Concurrency / options.Rate * Stopwatch.Frequency) : 0;
        var scheduled = start + (interval * worker.Index / options.Concurrency);
        var next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long from;
            if (interval > 0)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }

                // Late (the previous answer took longer than the interval): counted from the scheduled instant.
                from = Math.Min(scheduled, Stopwatch.GetTimestamp());
                scheduled += interval;
            }
            else
            {
                from = Stopwatch.GetTimestamp();
            }

            if (from >= windowEnd)
            {
                return;
            }

            var key = worker.Keys[next];
            next = (next + 1) % worker.Keys.Length;
            var roll = random.Next(100);
            var action = roll < 88 ? AlertAction.Trigger : roll < 96 ? AlertAction.Acknowledge : AlertAction.Resolve;
            var status = await SendAsync(key.BodyOf(action));
            var ended = Stopwatch.GetTimestamp();
            key.Note(action, status);
            if (from >= windowStart)
            {
                worker.Record(action, status, ended - from);
            }
        }
    }

    /// <summary>Sends one event; answers the status code, or 0 when there was no answer.</summary>
    private async Task<int> SendAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await client.PostAsync(Enqueue, content);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            // HttpClient.Timeout: no answer in time.
            return 0;
        }
    }

    /// <summary>One worker's keys and what its requests in the window saw.</summary>
    internal sealed class Worker(int index, AlertKey[] keys)
    {
        public int Index { get; } = index;

        public AlertKey[] Keys { get; } = keys;

        public LatencyHistogram Latency { get; } = new();

        /// <summary>Answers by status code (index 0: no answer).</summary>
        public long[] Statuses { get; } = new long[600];

        /// <summary>202s by action.</summary>
        public long[] Accepted { get; } = new long[3];

        public void Record(AlertAction action, int status, long ticks)
        {
            Latency.RecordTicks(ticks);
            Statuses[status is >= 0 and < 600 ? status : 599]++;
            if (status == (int)HttpStatusCode.Accepted)
            {
                Accepted[(int)action]++;
            }
        }
    }
}
