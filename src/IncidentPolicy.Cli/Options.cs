using System.CommandLine;

namespace IncidentPolicy.Cli;

/// <summary>Options several verbs share, parsed strictly so that a bad value is a usage error (exit 2).</summary>
internal static class Options
{
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
