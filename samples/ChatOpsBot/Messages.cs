using IncidentPolicy.Primitives;
using IncidentPolicy.Serialization;
using NodaTime;

namespace ChatOpsBot;

/// <summary>What the bot says, and to whom.</summary>
internal enum MessageKind
{
    /// <summary>An answer to the person who typed a command.</summary>
    Reply,

    /// <summary>A page an escalation obligation calls for (logged as <c>notificationSent</c>).</summary>
    Page,

    /// <summary>A notification an escalation obligation calls for (logged as <c>notificationSent</c>).</summary>
    Notify,

    /// <summary>A reminder of a duty that is due (logged as <c>reminderSent</c>).</summary>
    Reminder,

    /// <summary>The bot created the incident's channel once it was declared (logged as <c>channelCreated</c>).</summary>
    Channel,

    /// <summary>Something the bot's operators must know: a torn line set aside, a broken log, a conflict.</summary>
    Notice,
}

/// <summary>One message. <paramref name="Key"/> is the obligation key of a page, notification or reminder: with the
/// incident id it is the idempotency key a real chat or paging API should be given, so that a resend after a crash
/// between sending and logging is dropped by the receiver.</summary>
internal sealed record OutboundMessage(Instant At, MessageKind Kind, string To, string? IncidentId, string? Key, string Text)
{
    /// <summary>One line, as the console messenger prints it.</summary>
    public override string ToString()
    {
        var time = TextFormats.Format(At);
        var about = IncidentId is null ? "" : Key is null ? $" [{IncidentId}]" : $" [{IncidentId} {Key}]";
        return Kind switch
        {
            MessageKind.Reply => $"{time} {To}: {Text}",
            MessageKind.Notice => $"{time} NOTICE{about} {Text}",
            _ => $"{time} {Kind.ToString().ToUpperInvariant()} {To}{about} {Text}",
        };
    }
}

/// <summary>Delivers the bot's messages: to a chat, a pager, or (in this sample) a text stream.</summary>
internal interface IMessenger
{
    void Send(OutboundMessage message);
}

/// <summary>Prints each message as one line; thread-safe.</summary>
internal sealed class TextWriterMessenger(TextWriter writer) : IMessenger
{
    private readonly Lock _gate = new();

    public void Send(OutboundMessage message)
    {
        lock (_gate)
        {
            writer.WriteLine(message.ToString());
            writer.Flush();
        }
    }
}
