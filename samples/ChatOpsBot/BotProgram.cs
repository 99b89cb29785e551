using System.CommandLine;
using System.Globalization;
using IncidentPolicy;
using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;

namespace ChatOpsBot;

/// <summary>The command line: options, exit codes (0 done, 1 a bad policy or team file, 2 bad arguments).</summary>
internal static class BotProgram
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int BadArguments = 2;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider time, ITimeline? timeline = null, CancellationToken cancellationToken = default)
    {
        var clock = Strict<(Instant Start, double Factor)?>(
            "--clock",
            "START,FACTOR: a clock that starts at START (ISO 8601 UTC) and runs FACTOR times faster than real time, e.g. 2026-05-29T04:00Z,60.",
            text => TryParseClock(text, out var start, out var factor, out var reason) ? ((start, factor), null) : (null, reason));
        var logDir = new Option<string>("--log-dir") { Description = "Folder of the event logs, one ID.jsonl per incident.", DefaultValueFactory = _ => "incidents" };
        var policyFile = new Option<string?>("--policy") { Description = "Policy file (JSON); the default policy when omitted." };
        var teamFile = new Option<string>("--team") { Description = "Team file: lines 'person: role, role'.", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "team.txt") };
        var user = new Option<string?>("--user") { Description = "Who types lines that do not start with 'user:'." };
        var until = Strict<Instant?>(
            "--until",
            "Stop when the clock reaches this instant (ISO 8601 UTC); otherwise run until the input ends and nothing more falls due.",
            text => TextFormats.TryParseInstant(text, out var instant, out var reason) ? (instant, null) : (null, reason));
        var root = new RootCommand("ChatOpsBot: reads chat commands ('user: /command args') on stdin and runs incidents by the policy.")
        {
            clock, logDir, policyFile, teamFile, user, until,
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync().ConfigureAwait(false);
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return BadArguments;
        }

        if (args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        ResponsePolicy policy;
        Team team;
        try
        {
            policy = parsed.GetValue(policyFile) is { } path ? PolicyJson.Load(path) : ResponsePolicy.Default;
            team = Team.Parse(await File.ReadAllTextAsync(parsed.GetValue(teamFile)!, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyValidationException e)
        {
            await stderr.WriteLineAsync($"invalid policy: {string.Join("; ", e.Problems)}").ConfigureAwait(false);
            return InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return InvalidInput;
        }

        if (timeline is null)
        {
            var (start, factor) = parsed.GetValue(clock) ?? (Instant.FromDateTimeOffset(time.GetUtcNow()), 1.0);
            timeline = new ScaledTimeline(new ScaledClock(start, factor, time), time);
        }

        var bot = new IncidentBot(policy, new EventStore(parsed.GetValue(logDir)!), team, new TextWriterMessenger(stdout), timeline.Clock);
        await BotLoop.RunAsync(bot, stdin, timeline, parsed.GetValue(user), parsed.GetValue(until), cancellationToken).ConfigureAwait(false);
        return Success;
    }

    /// <summary>An option whose value is read by <paramref name="parse"/>; a bad value is a parse error (exit 2).</summary>
    private static Option<T> Strict<T>(string name, string description, Func<string, (T Value, string? Error)> parse) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var (value, error) = parse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "");
            if (error is not null)
            {
                result.AddError($"{name}: {error}");
            }

            return value;
        },
    };

    /// <summary>Reads <c>START,FACTOR</c>: an ISO 8601 UTC instant and a positive speed-up factor.</summary>
    public static bool TryParseClock(string text, out Instant start, out double factor, out string reason)
    {
        factor = 0;
        start = default;
        var parts = text.Split(',');
        if (parts.Length != 2)
        {
            reason = $"'{text}' is not START,FACTOR (e.g. 2026-05-29T04:00Z,60)";
            return false;
        }

        if (!TextFormats.TryParseInstant(parts[0].Trim(), out start, out var instantReason))
        {
            reason = $"start: {instantReason}";
            return false;
        }

        if (!double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out factor) || !double.IsFinite(factor) || factor <= 0)
        {
            reason = $"factor '{parts[1]}' is not a positive number";
            return false;
        }

        reason = "";
        return true;
    }
}
