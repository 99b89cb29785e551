using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>Options several verbs share, parsed strictly so that a bad value is a usage error (exit 2).</summary>
internal static class Options
{
    /// <summary>The supported range as the errors and the help state it.</summary>
    public static string SupportedRange { get; } =
        $"{TextFormats.Format(Limits.MinInstant)} to {TextFormats.Format(Limits.MaxInstant)}";

    /// <summary>An instant option: ISO 8601 UTC, within <see cref="Limits"/>' range, else a usage error naming the
    /// option and the range, so that no verb hands the library an instant it does not support.</summary>
    public static Option<Instant> Instant(string name, string description) => new(name)
    {
        Description = $"{description} Between 1900-01-01T00:00Z and 2200-12-31T23:59:59Z.",
        CustomParser = result =>
        {
            if (TryReadInstant(name, result.Tokens, out var instant, out var error))
            {
                return instant;
            }

            result.AddError(error);
            return default;
        },
    };

    /// <summary>The instant given for <paramref name="option"/>, or null when it is absent or its parser refused it.
    /// For command validators, which run before that error is reported and may not ask for a refused value.</summary>
    public static Instant? ValueOrNull(CommandResult result, Option<Instant> option) =>
        result.GetResult(option) is { } given && TryReadInstant(option.Name, given.Tokens, out var instant, out _) ? instant : null;

    private static bool TryReadInstant(string name, IReadOnlyList<Token> tokens, out Instant instant, out string error)
    {
        var text = tokens.Count == 1 ? tokens[0].Value : "";
        if (!TextFormats.TryParseInstant(text, out instant, out var reason))
        {
            error = $"{name}: {reason}";
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

    public static Option<string?> PolicyFile() => new("--policy")
    {
        Description = "Policy file (JSON); the default policy when omitted.",
    };

    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }
}
