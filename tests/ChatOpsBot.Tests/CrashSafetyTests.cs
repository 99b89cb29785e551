using System.Text;
using ChatOpsBot.Tests.Support;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;

namespace ChatOpsBot.Tests;

/// <summary>A crash in the middle of an append leaves a torn last line: the bot sets it aside and says so.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly BotFixture _fixture = new();

    [Fact]
    public void Start_WithTheLastEventCutAtEveryByteOffset_ReplaysTheEventsBeforeItAndReportsTheTornLine()
    {
        // The last event is a note with text outside ASCII, so some cuts fall inside a multi-byte character.
        _fixture.Run(BotFixture.SeedScript + "2026-05-29T04:49Z sarah: /note Post-mortem draft — “blameless” ☕ 🚀\n", BotFixture.At(4, 50));
        var whole = File.ReadAllBytes(_fixture.LogPath);
        var events = _fixture.LogEvents();
        Assert.IsType<NoteAdded>(events[^1]);
        var before = Incident.Replay(ResponsePolicy.Default, BotFixture.IncidentId, events.Take(events.Count - 1));
        var lastLineStart = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;

        for (var cut = lastLineStart; cut < whole.Length; cut++)
        {
            File.WriteAllBytes(_fixture.LogPath, whole[..cut]);
            File.Delete(_fixture.LogPath + ".torn");

            var (bot, messenger) = _fixture.NewBot();
            bot.Start();

            Assert.Equal(before, bot.Incidents[BotFixture.IncidentId]);
            Assert.Equal(whole[..lastLineStart], File.ReadAllBytes(_fixture.LogPath));
            if (cut == lastLineStart)
            {
                Assert.Empty(messenger.Messages);
                Assert.False(File.Exists(_fixture.LogPath + ".torn"));
                continue;
            }

            var notice = Assert.Single(messenger.Messages);
            Assert.Equal(MessageKind.Notice, notice.Kind);
            Assert.Equal(
                $"torn last line ({cut - lastLineStart} bytes at offset {lastLineStart}, from an append a crash interrupted) set aside in {BotFixture.IncidentId}.jsonl.torn; the log keeps its {events.Count - 1} complete events",
                notice.Text);
            Assert.Equal([.. whole[lastLineStart..cut], (byte)'\n'], File.ReadAllBytes(_fixture.LogPath + ".torn"));
        }
    }

    [Fact]
    public void Start_AfterATornLineWasSetAside_AppendsCleanLinesAndKeepsTheTornOnes()
    {
        _fixture.Run(BotFixture.SeedScript, BotFixture.At(4, 50));
        File.AppendAllText(_fixture.LogPath, "{\"type\":\"noteAdded\",\"at\":\"2026-05-29T04:49:00Z\",\"by\":\"sar");

        var (bot, _) = _fixture.NewBot();
        bot.Start();
        bot.Handle("sarah: /note after the crash");
        var (again, messenger) = _fixture.NewBot();
        again.Start();

        Assert.Empty(messenger.Messages);
        Assert.Equal("after the crash", Assert.IsType<NoteAdded>(_fixture.LogEvents()[^1]).Text);
        Assert.Equal("{\"type\":\"noteAdded\",\"at\":\"2026-05-29T04:49:00Z\",\"by\":\"sar\n", File.ReadAllText(_fixture.LogPath + ".torn"));
    }

    [Fact]
    public void Start_WithABadCompleteLine_ReportsTheLogAndLeavesItUntouched()
    {
        _fixture.Run(BotFixture.SeedScript, BotFixture.At(4, 50));
        var lines = File.ReadAllLines(_fixture.LogPath).ToList();
        lines.Insert(3, "{\"type\":\"acknowledged\",\"at\":\"not an instant\",\"by\":\"alex\"}");
        File.WriteAllText(_fixture.LogPath, string.Join('\n', lines) + "\n");
        var bytes = File.ReadAllBytes(_fixture.LogPath);

        var (bot, messenger) = _fixture.NewBot();
        bot.Start();
        bot.Handle("sarah: /note will not be recorded");

        Assert.Equal(bytes, File.ReadAllBytes(_fixture.LogPath));
        Assert.Empty(bot.Incidents);
        var notice = Assert.Single(messenger.Messages, m => m.Kind == MessageKind.Notice);
        Assert.StartsWith("the log cannot be read and is left as it is: event 3 (line 4) at $.at: 'not an instant' is not a UTC instant", notice.Text, StringComparison.Ordinal);
        Assert.Equal("no open incident you can see (open one with /incident)", messenger.Messages[^1].Text);
    }

    [Fact]
    public void Start_WithALogTheLifecycleRejects_ReportsTheEvent()
    {
        File.WriteAllText(_fixture.Store.PathOf("INC-X"), "{\"type\":\"acknowledged\",\"at\":\"2026-05-29T04:07:00Z\",\"by\":\"alex\"}\n");

        var (bot, messenger) = _fixture.NewBot();
        bot.Start();

        var notice = Assert.Single(messenger.Messages);
        Assert.Equal("INC-X", notice.IncidentId);
        Assert.StartsWith("the log breaks a lifecycle rule at event 0:", notice.Text, StringComparison.Ordinal);
        Assert.Empty(bot.Incidents);
    }

    public void Dispose() => _fixture.Dispose();
}
