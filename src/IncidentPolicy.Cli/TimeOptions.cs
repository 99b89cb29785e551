using System.CommandLine;
using System.CommandLine.Parsing;
using IncidentPolicy.Cli.Json;
using NodaTime;

namespace IncidentPolicy.Cli;

/// <summary>
/// A verb's time options: its instant options, which accept <c>…Z</c>, offsets (<c>2026-12-23T17:30+01:00</c>) and — with
/// <c>--zone ZONE</c> — local date-times read in that zone; and where its output prints instants: <c>--zone ZONE</c>,
/// <c>--local</c> (the policy calendar's zone) or UTC. Parsed strictly: an unknown zone, a local time without
/// <c>--zone</c>, a local time the zone skips or repeats, or both <c>--zone</c> and <c>--local</c> are usage errors.
/// </summary>
internal sealed class TimeOptions
{
    /// <summary>The supported range as the errors and the help state it.</summary>
    public static string SupportedRange { get; } =
        $"{TextFormats.Format(Limits.MinInstant)} to {TextFormats.Format(Limits.MaxInstant)}";

    private const string Accepted = "ISO 8601 with Z or an offset (2026-12-23T16:30Z, 2026-12-23T17:30+01:00), or a local date and time (2026-12-23T17:30) with --zone";

    public TimeOptions()
    {
        Zone = new Option<DateTimeZone?>("--zone")
        {
            Description = "Time zone (tz database id, e.g. Europe/Berlin) that local date-times given without an offset are read in, and that instants are printed in (with their offset); UTC when omitted.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (ReadZone(text) is { } zone)
                {
                    return zone;
                }

                result.AddError($"--zone: unknown time zone '{text}'; use a tz database id such as Europe/Berlin, America/New_York or UTC");
                return null;
            },
        };
        Local = new Option<bool>("--local") { Description = "Print instants in the policy calendar's time zone, with their offset." };
    }

    /// <summary><c>--zone ZONE</c>.</summary>
    public Option<DateTimeZone?> Zone { get; }

    /// <summary><c>--local</c>.</summary>
    public Option<bool> Local { get; }

    /// <summary>Adds <c>--zone</c> and <c>--local</c> to <paramref name="command"/>, refusing both at once.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Zone);
        command.Options.Add(Local);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Zone) is not null && result.GetValue(Local))
            {
                result.AddError("--zone and --local both say which time zone to print in: give one of them");
            }
        });
    }

    /// <summary>An instant option: <see cref="Accepted"/>, within <see cref="Limits"/>' range, else a usage error
    /// naming the option and why — so that no verb hands the library an instant it does not support, and no local time
    /// is silently shifted.</summary>
    public Option<Instant> Instant(string name, string description) => new(name)
    {
        Description = $"{description} {Accepted}; between 1900-01-01T00:00Z and 2200-12-31T23:59:59Z.",
        CustomParser = result =>
        {
            if (TryRead(name, result.Tokens, ZoneGiven(result), out var instant, out var error))
            {
                return instant;
            }

            result.AddError(error);
            return default;
        },
    };

    /// <summary>The instant given for <paramref name="option"/>, or null when it is absent or its parser refused it.
    /// For command validators, which run before that error is reported and may not ask for a refused value.</summary>
    public Instant? ValueOrNull(CommandResult result, Option<Instant> option) =>
        result.GetResult(option) is { } given && TryRead(option.Name, given.Tokens, ZoneGiven(result), out var instant, out _) ? instant : null;

    /// <summary>Where to print instants: <c>--zone</c>, else the policy's calendar zone with <c>--local</c>, else UTC.</summary>
    public CliTime Output(ParseResult parseResult, ResponsePolicy policy) =>
        parseResult.GetValue(Zone) is { } zone ? new CliTime(zone)
        : parseResult.GetValue(Local) ? new CliTime(policy.Calendar.Zone)
        : CliTime.Utc;

    /// <summary>The zone <c>--zone</c> names, read from its token (the option's own parser reports a bad one).</summary>
    private DateTimeZone? ZoneGiven(SymbolResult result) =>
        result.GetResult(Zone) is { Tokens: [var token] } ? ReadZone(token.Value) : null;

    private static DateTimeZone? ReadZone(string text) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);

    private bool TryRead(string name, IReadOnlyList<Token> tokens, DateTimeZone? zone, out Instant instant, out string error)
    {
        var text = tokens.Count == 1 ? tokens[0].Value : "";
        if (!TextFormats.TryParseInstant(text, zone, out instant, out var reason))
        {
            error = zone is null && TextFormats.TryParseInstant(text, DateTimeZone.Utc, out _, out _)
                ? $"{name}: '{text}' has no offset; give --zone ZONE to read it as local time there, or add Z or an offset such as +01:00"
                : $"{name}: {reason}";
            return false;
        }

        if (!Limits.Contains(instant))
        {
            error = $"{name}: {text} is outside the supported range {SupportedRange}";
            return false;
        }

        error = "";
        return true;
    }
}

/// <summary>Where a verb prints instants: UTC (<c>2026-05-29T04:02:00Z</c>, as always) or a zone, with the offset
/// (<c>2026-05-29T06:02:00+02:00</c>), in its text and its JSON alike.</summary>
internal sealed class CliTime
{
    /// <summary>UTC: the text the library's formats write.</summary>
    public static CliTime Utc { get; } = new(null);

    public CliTime(DateTimeZone? zone)
    {
        Zone = zone;
        Json = zone is null ? CliJson.Context : CliJson.For(zone);
    }

    /// <summary>The zone, or null for UTC.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>The JSON writers' context, writing instants in <see cref="Zone"/>.</summary>
    public CliJsonContext Json { get; }

    /// <summary>The width of a printed instant without a fraction, for text columns.</summary>
    public int Width => Zone is null ? 20 : 25;

    /// <summary>The instant in <see cref="Zone"/>: <c>2026-05-29T06:02:00+02:00</c>, or as the library writes UTC.</summary>
    public string Format(Instant instant) => Zone is null ? TextFormats.Format(instant) : TextFormats.Format(instant, Zone);
}
