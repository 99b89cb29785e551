using System.CommandLine;
using NodaTime;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>Options several verbs share, parsed strictly so that a bad value is a usage error (exit 2).</summary>
internal static class Options
{
    public static Option<Instant> Instant(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TextFormats.TryParseInstant(text, out var instant, out var reason))
            {
                return instant;
            }

            result.AddError($"{name}: {reason}");
            return default;
        },
    };

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
