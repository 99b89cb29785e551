using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.LoadRun;
using Npgsql;

// A bounded load run of samples/IncidentService's PagerDuty-compatible intake on loopback (issue 18): the built service
// in a child process (dev mode, or durable mode on a real PostgreSQL 15 and redis-server started here), PagerDuty
// Events v2 sent to POST /v2/enqueue from concurrent workers for a warm-up and a measured window, then a check through
// the API that every trigger answered 202 is in an incident's log. See benchmarks/README.md.
// Exit codes: 0 done and nothing missing; 1 something accepted is missing (or nothing was accepted); 2 bad arguments or a
// server that would not start; 3 the service died during the run.
var problems = new List<string>();
var options = RunOptions.Parse(args, problems);
if (options is null)
{
    Console.Error.WriteLine(string.Join('\n', problems.Select(p => "error: " + p)));
    Console.Error.WriteLine(RunOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var date = DateTimeOffset.UtcNow;
Console.WriteLine($"IncidentService load run, {date:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {MachineSample.Describe()}");
var pacing = options.Rate > 0
    ? string.Create(CultureInfo.InvariantCulture, $"paced at {options.Rate} requests/s in all")
    : "unpaced (each worker sends when its last answer came)";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"mode {options.Mode.ToString().ToLowerInvariant()}, {options.Seconds} s window after {options.Warmup} s warm-up, {options.Concurrency} workers, {options.Keys} dedup keys, {pacing}"));

var runId = Guid.NewGuid().ToString("N")[..8];
var routingKey = "loadrun" + Guid.NewGuid().ToString("N")[..25];
var apiKey = "loadrun-checker-" + Guid.NewGuid().ToString("N");
PostgreSqlServer? postgres = null;
RedisServer? redis = null;
IncidentServiceProcess? service = null;
using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
try
{
    var settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Mode"] = options.Mode == RunMode.Dev ? "Dev" : "Durable",
        // The loss check reads incidents through the API as a read-only key that may view every incident.
        ["ApiKeys:0:Key"] = apiKey,
        ["ApiKeys:0:Actor"] = "loadrun-checker",
        ["ApiKeys:0:Roles:0"] = "engineering-manager",
        ["ApiKeys:0:ReadOnly"] = "true",
        [$"Intake:PagerDuty:RoutingKeys:{routingKey}:Service"] = "checkout",
        [$"Intake:PagerDuty:RoutingKeys:{routingKey}:Policy"] = "default",
    };
    if (options.Mode == RunMode.Postgres)
    {
        try
        {
            postgres = new PostgreSqlServer { FlushesToDisk = options.Fsync };
            await postgres.InitializeAsync();
            redis = new RedisServer();
            await redis.InitializeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"error: a server for postgres mode could not be started: {e.Message}");
            return 2;
        }

        await using (var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString))
        await using (var version = dataSource.CreateCommand("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')"))
        await using (var row = await version.ExecuteReaderAsync())
        {
            await row.ReadAsync();
            Console.WriteLine($"{row.GetString(0).Split(" on ")[0]} on 127.0.0.1:{postgres.Port} (fsync {row.GetString(1)}, synchronous_commit {row.GetString(2)}, full_page_writes {row.GetString(3)}), redis-server on {redis.ConnectionString}");
        }

        settings["PostgreSql"] = postgres.ConnectionString;
        settings["Redis"] = redis.ConnectionString;
        settings["ClusterId"] = $"loadrun-{runId}";
        settings["SiloPort"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["GatewayPort"] = ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture);
    }

    var starting = Stopwatch.StartNew();
    try
    {
        service = await IncidentServiceProcess.StartAsync(settings, probe);
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"error: the service did not start: {e.Message}");
        return 2;
    }

    Console.WriteLine($"service: ready on {service.Address} in {starting.Elapsed.TotalSeconds:F1} s");

    // One handler for every worker, a connection per worker, nothing between the generator and the service.
    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
    using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
    var keys = Enumerable.Range(0, options.Keys).Select(i => new AlertKey(i, runId, routingKey)).ToArray();

    var self = Process.GetCurrentProcess();
    MachineSample machineBefore = default;
    TimeSpan serviceBefore = default, selfBefore = default;
    var result = await new LoadGenerator(client, keys, options).RunAsync(
        () =>
        {
            machineBefore = MachineSample.Now();
            serviceBefore = service.CpuTime;
            self.Refresh();
            selfBefore = self.TotalProcessorTime;
        },
        cancel.Token);
    if (service.HasExited)
    {
        Console.Error.WriteLine($"error: the service exited during the run; its last output:\n{service.Output}");
        return 3;
    }

    var machineCores = MachineSample.Now().CoresBusySince(machineBefore);
    var serviceCores = (service.CpuTime - serviceBefore).TotalSeconds / options.Seconds;
    self.Refresh();
    var selfCores = (self.TotalProcessorTime - selfBefore).TotalSeconds / options.Seconds;

    var p50 = result.Latency.PercentileMilliseconds(50);
    var p90 = result.Latency.PercentileMilliseconds(90);
    var p99 = result.Latency.PercentileMilliseconds(99);
    var max = result.Latency.MaxMicroseconds / 1000.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"window: {result.Requests} requests started, {result.Accepted} answered 202 ({result.AcceptedByAction()}); other answers: {result.NonAccepted()}; in flight at the end finished {result.Drained.TotalMilliseconds:F0} ms later"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"alerts/s: {result.AlertsPerSecond:F0} (202s / {options.Seconds} s; triggers alone {result.TriggersAccepted / (double)options.Seconds:F0}/s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"latency: p50 {p50:F2} ms, p90 {p90:F2} ms, p99 {p99:F2} ms, max {max:F2} ms{(options.Rate > 0 ? " (from each request's scheduled instant)" : "")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"CPU over the window, in cores of {Environment.ProcessorCount}: whole machine {machineCores:F2}, service {serviceCores:F2}, load generator {selfCores:F2}, the rest (PostgreSQL, Redis, anything else running) {machineCores - serviceCores - selfCores:F2}"));
    Console.WriteLine($"service output: {service.Lines} lines (Warning and above)");

    using var api = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(60) };
    api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    (bool Passed, string Report) check;
    try
    {
        check = await new LossCheck(api, keys, $"loadrun-{runId}-", postgres?.ConnectionString).RunAsync();
    }
    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or NpgsqlException or System.Text.Json.JsonException)
    {
        check = (false, $"loss check FAILED: the incidents could not be read ({e.GetType().Name}: {e.Message})");
    }

    Console.WriteLine(check.Report);

    var passed = check.Passed && result.Accepted > 0;
    if (result.Accepted == 0)
    {
        Console.WriteLine("FAILED: nothing was answered 202 in the window.");
    }

    var goal = result.AlertsPerSecond >= 500 && p99 <= 50;
    Console.WriteLine(options.Mode == RunMode.Postgres
        ? $"goal (PostgreSQL, >= 500 alerts/s with p99 <= 50 ms, generator included): {(goal ? "met" : "NOT met")} in this run"
        : $"(the goal is for postgres mode; this dev run would {(goal ? "" : "not ")}meet it)");
    Console.WriteLine("README row:");
    var shape = string.Create(CultureInfo.InvariantCulture,
        $"{options.Seconds} s, {options.Concurrency} workers, {options.Keys} keys, {(options.Rate > 0 ? "paced " + options.Rate.ToString(CultureInfo.InvariantCulture) + "/s" : "unpaced")}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {date:yyyy-MM-dd} | {options.Mode.ToString().ToLowerInvariant()} | {shape} | {result.AlertsPerSecond:F0} | {p50:F1} | {p90:F1} | {p99:F1} | {max:F0} | {result.NonAccepted()} | {(check.Passed ? "nothing missing" : "FAILED")} | {machineCores:F2} / {serviceCores:F2} / {selfCores:F2} |"));
    return passed ? 0 : 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped (Ctrl+C)");
    return 1;
}
finally
{
    if (service is not null)
    {
        await service.DisposeAsync();
    }

    if (redis is not null)
    {
        await redis.DisposeAsync();
    }

    if (postgres is not null)
    {
        await postgres.DisposeAsync();
    }
}
