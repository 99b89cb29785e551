using IncidentPolicy.Primitives;
using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake;

public sealed class SlackCommandParserTests
{
    [Theory]
    [InlineData("ack", SlackVerb.Acknowledge, null)]
    [InlineData("ACK INC-42", SlackVerb.Acknowledge, "INC-42")]
    [InlineData("status inc-7", SlackVerb.Status, "inc-7")]
    [InlineData("resolve", SlackVerb.Resolve, null)]
    [InlineData("", SlackVerb.Help, null)]
    [InlineData("help", SlackVerb.Help, null)]
    public void Parse_SimpleVerbs_VerbAndId(string text, SlackVerb verb, string? id)
    {
        var command = SlackCommandParser.Parse(text, "INC-", out var error);

        Assert.Null(error);
        Assert.Equal(verb, command!.Verb);
        Assert.Equal(id, command.IncidentId);
    }

    [Fact]
    public void Parse_DeclareWithCurlyQuotes_SeverityAndTitle()
    {
        var command = SlackCommandParser.Parse("declare SEV-1 “checkout is down”", "INC-", out _);

        Assert.Equal(new SlackCommand(SlackVerb.Declare, Severity: "SEV-1", Text: "checkout is down"), command);
    }

    [Fact]
    public void Parse_IcMention_SlackUserId()
    {
        var command = SlackCommandParser.Parse("ic INC-3 <@U123|sarah>", "INC-", out _);

        Assert.Equal(new SlackCommand(SlackVerb.Commander, "INC-3", MentionedUser: "U123"), command);
    }

    [Fact]
    public void Parse_IcPlainName_PersonId()
    {
        Assert.Equal("sarah", SlackCommandParser.Parse("ic @sarah", "INC-", out _)!.MentionedPerson);
    }

    [Fact]
    public void Parse_UpdateExternal_AudienceAndMessage()
    {
        var command = SlackCommandParser.Parse("update external \"We are investigating.\"", "INC-", out _);

        Assert.Equal(StatusAudience.External, command!.Audience);
        Assert.Equal("We are investigating.", command.Text);
    }

    [Theory]
    [InlineData("launch", "\"launch\" is not a command")]
    [InlineData("ack now", "ack takes only an incident id")]
    [InlineData("status please", "status takes only an incident id")]
    [InlineData("help me", "help takes no arguments")]
    [InlineData("declare", "declare needs a severity and a title")]
    [InlineData("declare SEV-1", "declare needs a title")]
    [InlineData("declare \"checkout down\"", "declare needs a severity before the title")]
    [InlineData("ic", "ic needs the person")]
    [InlineData("ic @a @b", "ic takes one person")]
    [InlineData("ic <@>", "is not a person")]
    [InlineData("update", "update needs an audience and a message")]
    [InlineData("update public \"x\"", "\"public\" is not an audience")]
    [InlineData("update external", "update needs a message")]
    [InlineData("declare SEV-1 \"never closed", "is not closed")]
    [InlineData("update internal \"\"", "hold nothing")]
    public void Parse_Malformed_ClearMessageWithUsage(string text, string reason)
    {
        var command = SlackCommandParser.Parse(text, "INC-", out var error);

        Assert.Null(command);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("Usage: /incident", error, StringComparison.Ordinal);
    }
}
