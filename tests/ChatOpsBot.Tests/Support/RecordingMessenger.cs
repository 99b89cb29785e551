namespace ChatOpsBot.Tests.Support;

/// <summary>Keeps every message the bot sends; thread-safe.</summary>
internal sealed class RecordingMessenger : IMessenger
{
    private readonly List<OutboundMessage> _messages = [];

    public IReadOnlyList<OutboundMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<string> Lines => Messages.Select(m => m.ToString()).ToList();

    public void Send(OutboundMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
    }

    public IEnumerable<OutboundMessage> OfKind(MessageKind kind) => Messages.Where(m => m.Kind == kind);
}
