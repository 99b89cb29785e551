using ChatOpsBot.Tests.Support;
using IncidentPolicy.Lifecycle;

namespace ChatOpsBot.Tests;

/// <summary>Two writers on one incident: the expected version, checked under the log's lock, catches the loser.</summary>
public sealed class RaceTests : IDisposable
{
    private const int NotesPerWriter = 40;

    private readonly BotFixture _fixture = new();

    [Fact]
    public void TwoThreads_OnOneBot_LoseNoAcceptedEventAndDuplicateNone()
    {
        var (bot, messenger) = _fixture.NewBot();
        bot.Handle("2026-05-29T04:02Z monitoring: /incident sev1 Checkout error rate > 5%");

        Race(i => bot.Handle($"alex: /note a{i}"), i => bot.Handle($"sarah: /note s{i}"));

        AssertAcceptedExactlyOnce(messenger);
    }

    [Fact]
    public void TwoBots_OverOneFolder_LoseNoAcceptedEventAndDuplicateNoneAndSendEachPageOnce()
    {
        var (first, firstMessenger) = _fixture.NewBot();
        var (second, secondMessenger) = _fixture.NewBot();
        first.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        second.Start();
        _fixture.Clock.Reset(BotFixture.At(4, 40)); // pages and reminders fall due while both bots run

        Race(
            i =>
            {
                first.Handle($"alex: /note a{i}");
                first.Tick();
            },
            i =>
            {
                second.Handle($"sarah: /note s{i}");
                second.Tick();
            });

        var all = new RecordingMessenger();
        foreach (var message in firstMessenger.Messages.Concat(secondMessenger.Messages))
        {
            all.Send(message);
        }

        AssertAcceptedExactlyOnce(all);
        var sent = all.Messages.Where(m => m.Kind is MessageKind.Page or MessageKind.Reminder).Select(m => m.Key).ToList();
        Assert.Contains("escalate:page-engineering-manager#1", sent);
        Assert.Equal(sent.Distinct().Count(), sent.Count);
        var logged = _fixture.LogEvents().OfType<NotificationSent>().Select(e => e.Key)
            .Concat(_fixture.LogEvents().OfType<ReminderSent>().Select(e => e.Key)).Order().ToList();
        Assert.Equal(sent.Order(), logged);
    }

    [Fact]
    public async Task TwoBotProcesses_OverOneFolder_LoseNoAcceptedEventAndDuplicateNone()
    {
        // Real processes on the real clock (so that neither is behind the other's last event). A declined incident owes
        // nothing (so each bot exits when its input ends); the lines name it, as it is no longer open.
        var (opener, _) = _fixture.NewBot(new TimeProviderClock(TimeProvider.System));
        opener.Handle("monitoring: /incident Checkout error rate > 5%");
        opener.Handle("alex: /decline false alarm");

        var outputs = await Task.WhenAll(RunBotProcessAsync("alex", "a"), RunBotProcessAsync("sarah", "s"));

        // Every note is answered accepted or conflict; any other answer (a rejection, a busy log) is shown whole, since
        // a count alone would not say what went wrong.
        var answers = outputs.SelectMany(o => o.Split('\n')).Where(l => l.Contains(": ✓", StringComparison.Ordinal) || l.Contains(": ✗", StringComparison.Ordinal)).ToList();
        var unexpected = answers.Where(l => !l.Contains(": ✓ noteAdded", StringComparison.Ordinal) && !l.Contains(": ✗ conflict", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected answers:\n{string.Join('\n', unexpected)}\n--- all output:\n{string.Join("\n---\n", outputs)}");
        var all = new RecordingMessenger();
        foreach (var line in answers)
        {
            var text = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            all.Send(new OutboundMessage(default, MessageKind.Reply, "@someone", BotFixture.IncidentId, null, text));
        }

        AssertAcceptedExactlyOnce(all);
    }

    private async Task<string> RunBotProcessAsync(string user, string prefix)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "ChatOpsBot.dll"), "--log-dir", _fixture.Directory, "--user", user })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < NotesPerWriter; i++)
        {
            await process.StandardInput.WriteLineAsync($"[{_fixture.Store.IncidentIds().Single()}] /note {prefix}{i}");
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return (await output).ReplaceLineEndings("\n");
    }

    [Fact]
    public void Handle_WhenAnotherBotAppendedFirst_ReReadsAndRetries()
    {
        var (first, firstMessenger) = _fixture.NewBot();
        var (second, _) = _fixture.NewBot();
        first.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        second.Start();

        second.Handle("alex: /ack");
        first.Handle("sarah: /note seen from a stale cache");

        Assert.Equal(["alertFired", "notificationSent", "acknowledged", "noteAdded"], _fixture.LogEvents().Select(e => e.Type));
        Assert.StartsWith("✓ noteAdded", firstMessenger.Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_WhenAnotherBotWinsTwice_ReportsTheConflictAndRecordsNothing()
    {
        var store = new EventStore(_fixture.Directory);
        var (bot, messenger) = _fixture.NewBot(store: store);
        var (other, _) = _fixture.NewBot();
        bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        other.Start();
        var interruptions = 0;
        store.BeforeAppend = _ => other.Handle($"alex: /note interruption {++interruptions}");

        bot.Handle("sarah: /note never recorded");

        Assert.Equal(2, interruptions);
        Assert.DoesNotContain(_fixture.LogEvents(), e => e is NoteAdded { Text: "never recorded" });
        Assert.Equal(
            "✗ conflict: INC-2026-05-29-01 kept changing while your command was applied; nothing was recorded, please try again",
            messenger.Messages.Single(m => m.Kind == MessageKind.Reply && m.To == "@sarah").Text);
        Assert.Contains(messenger.Messages, m => m.Kind == MessageKind.Notice && m.Text == "conflict: sarah's AddNote lost the race twice");
    }

    [Fact]
    public void Append_WithAStaleVersion_IsAConflictAndWritesNothing()
    {
        var (bot, _) = _fixture.NewBot();
        bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        var bytes = File.ReadAllBytes(_fixture.LogPath);

        var result = _fixture.Store.Append(BotFixture.IncidentId, 1, [new NoteAdded(BotFixture.At(4, 3), "alex", "stale")]);

        Assert.False(result.Appended);
        Assert.Null(result.Broken);
        Assert.Equal(2, result.Events.Count);
        Assert.Equal(bytes, File.ReadAllBytes(_fixture.LogPath));
    }

    [Fact]
    public void Lock_HeldByAnotherWriter_WaitsBoundedThenTimesOut()
    {
        var (bot, _) = _fixture.NewBot();
        bot.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        using var held = _fixture.Store.Lock(BotFixture.IncidentId);

        var impatient = new EventStore(_fixture.Directory, TimeSpan.FromMilliseconds(20));

        var error = Assert.Throws<TimeoutException>(() => impatient.Lock(BotFixture.IncidentId));
        Assert.Equal("the log of INC-2026-05-29-01 stayed locked for 0 s", error.Message);
    }

    [Fact]
    public void Handle_WhileAnotherWriterHoldsTheLogTooLong_SaysSoAndTheNextTickTriesAgain()
    {
        var (opener, _) = _fixture.NewBot();
        opener.Handle("monitoring: /incident sev1 Checkout error rate > 5%");
        var (bot, messenger) = _fixture.NewBot(store: new EventStore(_fixture.Directory, TimeSpan.FromMilliseconds(20)));
        bot.Start();
        _fixture.Clock.Reset(BotFixture.At(4, 10));

        using (_fixture.Store.Lock(BotFixture.IncidentId))
        {
            bot.Handle("alex: /ack");
            bot.Tick();
        }

        Assert.Equal(
            "✗ the incident log is busy or cannot be written (the log of INC-2026-05-29-01 stayed locked for 0 s); see /status before trying again",
            messenger.Messages.Single(m => m.To == "@alex").Text);
        Assert.Equal("cannot act on the incident now: the log of INC-2026-05-29-01 stayed locked for 0 s", messenger.Messages[^1].Text);
        Assert.DoesNotContain(_fixture.LogEvents(), e => e is Acknowledged);

        bot.Tick();
        Assert.Contains(_fixture.LogEvents(), e => e is ReminderSent { Key: "acknowledge" });
    }

    private static void Race(Action<int> first, Action<int> second)
    {
        using var start = new Barrier(2);
        var threads = new[] { first, second }.Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < NotesPerWriter; i++)
            {
                writer(i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>Every note a writer was told was recorded is in the log exactly once, and nothing else is.</summary>
    private void AssertAcceptedExactlyOnce(RecordingMessenger messenger)
    {
        var events = _fixture.LogEvents(_fixture.Store.IncidentIds().Single());
        var notes = events.OfType<NoteAdded>().Select(n => n.Text).ToList();
        var accepted = messenger.Messages.Count(m => m.Kind == MessageKind.Reply && m.Text.StartsWith("✓ noteAdded", StringComparison.Ordinal));
        var conflicts = messenger.Messages.Count(m => m.Kind == MessageKind.Reply && m.Text.StartsWith("✗ conflict", StringComparison.Ordinal));
        Assert.Equal(notes.Distinct().Count(), notes.Count);
        Assert.Equal(accepted, notes.Count);
        Assert.Equal(2 * NotesPerWriter, accepted + conflicts);
        Assert.True(accepted >= NotesPerWriter, $"only {accepted} of {2 * NotesPerWriter} notes were accepted");
    }

    public void Dispose() => _fixture.Dispose();
}
