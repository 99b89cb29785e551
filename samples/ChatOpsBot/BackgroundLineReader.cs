namespace ChatOpsBot;

/// <summary>
/// Reads lines on a thread-pool thread. <see cref="Console.In"/> answers <c>ReadLineAsync</c> synchronously — it
/// blocks until a line is typed — which would stop the bot's timers while the chat is quiet; this reader lets the loop
/// wait for a line and a wake-up at once.
/// </summary>
internal sealed class BackgroundLineReader(TextReader inner) : TextReader
{
    public override string? ReadLine() => inner.ReadLine();

    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        new(Task.Run(inner.ReadLine, cancellationToken));

    public override Task<string?> ReadLineAsync() => Task.Run(inner.ReadLine);
}
