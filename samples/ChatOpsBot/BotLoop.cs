using NodaTime;

namespace ChatOpsBot;

/// <summary>
/// The bot's loop: read a line or wake up, whichever comes first. A line that starts with an instant waits for the
/// clock to reach it (wake-ups before it are acted on first), so a script replays an incident on any clock. At the end
/// of the input the bot keeps acting on wake-ups until <c>until</c>, or until nothing more can fall due.
/// </summary>
internal static class BotLoop
{
    public static async Task RunAsync(IncidentBot bot, TextReader input, ITimeline timeline, string? defaultUser, Instant? until, CancellationToken cancellationToken)
    {
        bot.Start();
        Task<string?>? read = null;
        ChatLine? next = null;
        var endOfInput = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = timeline.Clock.GetCurrentInstant();
            if (until is { } end && now >= end)
            {
                return;
            }

            var wakeUp = Earliest(bot.NextWakeUp, until);
            if (next is null && !endOfInput)
            {
                read ??= input.ReadLineAsync(cancellationToken).AsTask();
                if (!read.IsCompleted && wakeUp is { } target && !await ReadFirstAsync(read, timeline, target, cancellationToken).ConfigureAwait(false))
                {
                    bot.Tick();
                    continue;
                }

                var text = await read.ConfigureAwait(false);
                read = null;
                if (text is null)
                {
                    endOfInput = true;
                }
                else if (text.Trim().Length > 0 && !text.TrimStart().StartsWith('#'))
                {
                    if (ChatLine.TryParse(text, defaultUser, out var line, out _))
                    {
                        next = line;
                    }
                    else
                    {
                        bot.Handle(text, defaultUser); // answers the parse error
                    }
                }

                continue;
            }

            if (next is not null)
            {
                if (next.At is { } at && at > now)
                {
                    if (wakeUp is { } w && w < at)
                    {
                        await timeline.WaitUntilAsync(w, cancellationToken).ConfigureAwait(false);
                        bot.Tick();
                        continue;
                    }

                    await timeline.WaitUntilAsync(at, cancellationToken).ConfigureAwait(false);
                }

                bot.Handle(next);
                next = null;
                continue;
            }

            if (wakeUp is not { } wake)
            {
                return; // the input is over and nothing more falls due without a command
            }

            await timeline.WaitUntilAsync(wake, cancellationToken).ConfigureAwait(false);
            bot.Tick();
        }
    }

    /// <summary>Waits for the line or the target instant; true when the line came first.</summary>
    private static async Task<bool> ReadFirstAsync(Task<string?> read, ITimeline timeline, Instant target, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = timeline.WaitUntilAsync(target, stop.Token);
        var first = await Task.WhenAny(read, wait).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The line came first, or the bot is stopping.
        }

        return first == read;
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}
