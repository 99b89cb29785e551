using System.Globalization;

namespace IncidentService.LoadRun;

/// <summary>Which store the service runs on: <c>dev</c> (in-memory event store and reminders, localhost clustering) or
/// <c>postgres</c> (durable mode: a real PostgreSQL 15 event store, Redis clustering and reminders).</summary>
internal enum RunMode
{
    Dev,
    Postgres,
}

/// <summary>
/// The run's command line: <c>--mode dev|postgres [--seconds 60] [--warmup 5] [--concurrency 16] [--keys 200]
/// [--rate 0] [--fsync on|off]</c>. Every problem is reported at once, with the usage.
/// </summary>
/// <param name="Mode">The service's mode.</param>
/// <param name="Seconds">The measured window.</param>
/// <param name="Warmup">Seconds of load before the window, sent and checked but not measured.</param>
/// <param name="Concurrency">Concurrent workers, each with at most one request in flight.</param>
/// <param name="Keys">Dedup keys, shared out among the workers so that each key has one owner (at least one per
/// worker).</param>
/// <param name="Rate">Target requests per second over all workers; 0 sends as fast as the answers come (a closed
/// loop).</param>
/// <param name="Fsync">Postgres mode: whether PostgreSQL flushes each commit to disk (its defaults, the default here)
/// or runs as the tests run it (<c>fsync=off</c>, <c>full_page_writes=off</c>) — to tell the disk's share of the
/// latency from the rest.</param>
internal sealed record RunOptions(RunMode Mode, int Seconds, int Warmup, int Concurrency, int Keys, int Rate, bool Fsync = true)
{
    public const string Usage =
        "usage: dotnet run -c Release --project benchmarks/IncidentService.LoadRun -- --mode dev|postgres " +
        "[--seconds 60] [--warmup 5] [--concurrency 16] [--keys 200] [--rate 0] [--fsync on|off]";

    /// <summary>Reads the arguments; null with every problem in <paramref name="problems"/> when they are wrong.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args, List<string> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--mode" or "--seconds" or "--warmup" or "--concurrency" or "--keys" or "--rate" or "--fsync"))
            {
                problems.Add($"'{name}' is not an option");
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problems.Add($"{name} needs a value");
                continue;
            }

            values[name] = args[++i];
        }

        RunMode? mode = values.GetValueOrDefault("--mode") switch
        {
            null => null,
            "dev" => RunMode.Dev,
            "postgres" => RunMode.Postgres,
            var other => null,
        };
        if (mode is null)
        {
            problems.Add(values.TryGetValue("--mode", out var given) ? $"--mode must be dev or postgres, not '{given}'" : "--mode dev|postgres is required");
        }

        var seconds = Number("--seconds", 60, 1, 3600);
        var warmup = Number("--warmup", 5, 0, 600);
        var concurrency = Number("--concurrency", 16, 1, 1024);
        var keys = Number("--keys", 200, 1, 100_000);
        var rate = Number("--rate", 0, 0, 1_000_000);
        var fsync = values.GetValueOrDefault("--fsync") switch
        {
            null or "on" => true,
            "off" => false,
            var other => Bad($"--fsync must be on or off, not '{other}'"),
        };
        if (problems.Count == 0 && keys < concurrency)
        {
            problems.Add($"--keys ({keys}) must be at least --concurrency ({concurrency}): each key belongs to one worker, so that its actions are sent in order");
        }

        return problems.Count == 0 ? new RunOptions(mode!.Value, seconds, warmup, concurrency, keys, rate, fsync) : null;

        bool Bad(string problem)
        {
            problems.Add(problem);
            return true;
        }

        int Number(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                problems.Add($"{name} must be a whole number from {min} to {max}, not '{text}'");
                return fallback;
            }

            return value;
        }
    }
}
