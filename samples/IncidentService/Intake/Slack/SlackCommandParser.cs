using System.Text;
using System.Text.RegularExpressions;
using IncidentPolicy.Primitives;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Reads the text of a <c>/incident</c> command. The grammar, one verb and its arguments; an explicit incident id (a
/// word starting with the configured prefix, <c>INC-</c>) may follow the verb, otherwise the channel's incident is meant:
/// <code>
/// ack [ID]
/// declare [ID] SEV-1 "title"
/// ic [ID] &lt;@U123|sarah&gt;        (or @sarah, or sarah: a person id)
/// update [ID] external|internal "message"
/// resolve [ID] ["summary"]
/// status [ID]
/// help
/// </code>
/// Quotes may be straight (<c>"</c>) or the curly ones Slack's editor types (<c>“ ”</c>); a title or message without
/// quotes is the rest of the line. Every malformed input gets a message saying what is wrong and the usage.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static partial class SlackCommandParser
{
    /// <summary>The usage, shown with every error.</summary>
    public const string Usage =
        "Usage: /incident ack | declare SEV-1 \"title\" | ic @person | update external|internal \"message\" | resolve [\"summary\"] | status | help"
        + " — add an incident id after the verb (/incident ack INC-…) to act on an incident other than this channel's.";

    /// <summary>Parses a command's text.</summary>
    /// <param name="text">The text after <c>/incident</c>.</param>
    /// <param name="idPrefix">What explicit incident ids start with.</param>
    /// <param name="error">Why the text is malformed, with the usage; <see langword="null"/> when it parsed.</param>
    /// <returns>The command, or <see langword="null"/> when the text is malformed.</returns>
    public static SlackCommand? Parse(string? text, string idPrefix, out string? error)
    {
        ArgumentNullException.ThrowIfNull(idPrefix);
        error = null;
        var tokens = Tokenize(text ?? "", out var tokenError);
        if (tokenError is not null)
        {
            error = $"{tokenError}. {Usage}";
            return null;
        }

        if (tokens.Count == 0)
        {
            return new SlackCommand(SlackVerb.Help);
        }

        var verb = tokens[0].Text.ToUpperInvariant();
        var args = tokens.Skip(1).ToList();
        string? id = null;
        if (args.Count > 0 && !args[0].Quoted && args[0].Text.StartsWith(idPrefix, StringComparison.OrdinalIgnoreCase))
        {
            id = args[0].Text;
            args.RemoveAt(0);
        }

        SlackCommand? command = verb switch
        {
            "HELP" => args.Count == 0 ? new SlackCommand(SlackVerb.Help) : Fail("help takes no arguments", out error),
            "ACK" or "ACKNOWLEDGE" => args.Count == 0 ? new SlackCommand(SlackVerb.Acknowledge, id)
                : Fail($"ack takes only an incident id, not \"{args[0].Text}\"", out error),
            "STATUS" => args.Count == 0 ? new SlackCommand(SlackVerb.Status, id)
                : Fail($"status takes only an incident id, not \"{args[0].Text}\"", out error),
            "RESOLVE" => new SlackCommand(SlackVerb.Resolve, id, Text: args.Count == 0 ? null : Rest(args)),
            "DECLARE" => Declare(id, args, out error),
            "IC" or "COMMANDER" => Commander(id, args, out error),
            "UPDATE" => Update(id, args, out error),
            _ => Fail($"\"{tokens[0].Text}\" is not a command", out error),
        };
        if (command is null)
        {
            error = $"{error}. {Usage}";
        }

        return command;
    }

    private static SlackCommand? Declare(string? id, List<Token> args, out string? error)
    {
        if (args.Count == 0)
        {
            return Fail("declare needs a severity and a title: /incident declare SEV-1 \"checkout down\"", out error);
        }

        if (args[0].Quoted)
        {
            return Fail($"declare needs a severity before the title, such as SEV-1, not \"{args[0].Text}\"", out error);
        }

        if (args.Count == 1)
        {
            return Fail("declare needs a title after the severity: /incident declare SEV-1 \"checkout down\"", out error);
        }

        error = null;
        return new SlackCommand(SlackVerb.Declare, id, Severity: args[0].Text, Text: Rest(args.Skip(1)));
    }

    private static SlackCommand? Commander(string? id, List<Token> args, out string? error)
    {
        if (args.Count != 1)
        {
            return Fail(args.Count == 0 ? "ic needs the person: /incident ic @sarah" : "ic takes one person", out error);
        }

        error = null;
        var who = args[0].Text;
        var mention = MentionShape().Match(who);
        if (mention.Success)
        {
            return new SlackCommand(SlackVerb.Commander, id, MentionedUser: mention.Groups["user"].Value);
        }

        var person = who.TrimStart('@');
        return person.Length == 0 || person.Contains('<', StringComparison.Ordinal) || person.Contains('>', StringComparison.Ordinal)
            ? Fail($"\"{who}\" is not a person: mention them (@sarah) or give their person id", out error)
            : new SlackCommand(SlackVerb.Commander, id, MentionedPerson: person);
    }

    private static SlackCommand? Update(string? id, List<Token> args, out string? error)
    {
        if (args.Count == 0)
        {
            return Fail("update needs an audience and a message: /incident update external \"we are investigating\"", out error);
        }

        StatusAudience? audience = args[0].Text.ToUpperInvariant() switch
        {
            "EXTERNAL" => StatusAudience.External,
            "INTERNAL" => StatusAudience.Internal,
            _ => null,
        };
        if (audience is null || args[0].Quoted)
        {
            return Fail($"\"{args[0].Text}\" is not an audience; say external (the status page) or internal", out error);
        }

        if (args.Count == 1)
        {
            return Fail("update needs a message after the audience: /incident update external \"we are investigating\"", out error);
        }

        error = null;
        return new SlackCommand(SlackVerb.Update, id, Text: Rest(args.Skip(1)), Audience: audience.Value);
    }

    private static SlackCommand? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    private static string Rest(IEnumerable<Token> args) => string.Join(' ', args.Select(a => a.Text));

    private static List<Token> Tokenize(string text, out string? error)
    {
        error = null;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] is '"' or '“' or '”')
            {
                var end = text.IndexOfAny(['"', '“', '”'], i + 1);
                if (end < 0)
                {
                    error = $"the quote opened at character {i + 1} is not closed";
                    return tokens;
                }

                var quoted = text[(i + 1)..end].Trim();
                if (quoted.Length == 0)
                {
                    error = $"the quotes at character {i + 1} hold nothing";
                    return tokens;
                }

                tokens.Add(new Token(quoted, true));
                i = end + 1;
                continue;
            }

            var word = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '“' or '”'))
            {
                word.Append(text[i++]);
            }

            tokens.Add(new Token(word.ToString(), false));
        }

        return tokens;
    }

    [GeneratedRegex("^<@(?<user>[A-Z0-9]+)(\\|[^>]*)?>$", RegexOptions.CultureInvariant)]
    private static partial Regex MentionShape();

    private readonly record struct Token(string Text, bool Quoted);
}
