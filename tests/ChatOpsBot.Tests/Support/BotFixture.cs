using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;
using NodaTime;
using NodaTime.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>A temporary log folder, the seed's team and a fake clock; bots over the folder; the seed's script.</summary>
internal sealed class BotFixture : IDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 5, 29, 4, 0);

    public const string IncidentId = "INC-2026-05-29-01";

    /// <summary>The seed's incident as the chat lines of samples/ChatOpsBot/checkout-outage.txt.</summary>
    public static readonly string SeedScript = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "checkout-outage.txt"));

    public static readonly Team SeedTeam = Team.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "team.txt")));

    public BotFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "chatops-bot-tests-" + Guid.NewGuid().ToString("N"));
        Store = new EventStore(Directory);
    }

    public string Directory { get; }

    public EventStore Store { get; }

    public FakeClock Clock { get; } = new(Start);

    public string LogPath => Store.PathOf(IncidentId);

    /// <summary>A bot over the folder, as another process would have, with its own store and messenger.</summary>
    public (IncidentBot Bot, RecordingMessenger Messenger) NewBot(IClock? clock = null, EventStore? store = null)
    {
        var messenger = new RecordingMessenger();
        return (new IncidentBot(ResponsePolicy.Default, store ?? new EventStore(Directory), SeedTeam, messenger, clock ?? Clock), messenger);
    }

    /// <summary>Runs the bot loop over <paramref name="script"/> on virtual time until <paramref name="until"/>.</summary>
    public RecordingMessenger Run(string script, Instant until)
    {
        var (bot, messenger) = NewBot();
        BotLoop.RunAsync(bot, new StringReader(script), new FakeTimeline(Clock), null, until, CancellationToken.None).GetAwaiter().GetResult();
        return messenger;
    }

    public IReadOnlyList<IncidentEvent> LogEvents(string? id = null) => EventLogJson.Load(Store.PathOf(id ?? IncidentId)).Events;

    public static Instant At(int hour, int minute) => Instant.FromUtc(2026, 5, 29, hour, minute);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
