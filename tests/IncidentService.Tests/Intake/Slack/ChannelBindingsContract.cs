using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>What every <see cref="IChannelBindings"/> does, run against each implementation (in memory, and a real
/// PostgreSQL). Each test uses channel ids of its own, so the tests share one store.</summary>
public abstract class ChannelBindingsContract
{
    /// <summary>A store, and another over the same data (a second node) where the implementation has one.</summary>
    protected abstract IChannelBindings Store { get; }

    /// <summary>A second handle on the same bindings, as another node has.</summary>
    protected abstract IChannelBindings OtherNode { get; }

    private static string Channel() => "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    [Fact]
    public async Task Find_ChannelNeverBound_Null()
    {
        Assert.Null(await Store.FindAsync(Channel(), CancellationToken.None));
    }

    [Fact]
    public async Task BindIfFree_FreeChannel_BindsAndAnswersTrue()
    {
        var channel = Channel();

        var bound = await Store.BindIfFreeAsync(channel, "INC-1", CancellationToken.None);

        Assert.True(bound);
        Assert.Equal("INC-1", await Store.FindAsync(channel, CancellationToken.None));
    }

    [Fact]
    public async Task BindIfFree_ChannelAlreadyBound_KeepsTheFirstAndAnswersFalse()
    {
        var channel = Channel();
        await Store.BindIfFreeAsync(channel, "INC-first", CancellationToken.None);

        var bound = await OtherNode.BindIfFreeAsync(channel, "INC-second", CancellationToken.None);

        Assert.False(bound);
        Assert.Equal("INC-first", await Store.FindAsync(channel, CancellationToken.None));
        Assert.Equal("INC-first", await OtherNode.FindAsync(channel, CancellationToken.None));
    }

    [Fact]
    public async Task Bind_ChannelAlreadyBound_Replaces()
    {
        var channel = Channel();
        await Store.BindIfFreeAsync(channel, "INC-ended", CancellationToken.None);

        await OtherNode.BindAsync(channel, "INC-new", CancellationToken.None);

        Assert.Equal("INC-new", await Store.FindAsync(channel, CancellationToken.None));
    }

    [Fact]
    public async Task Bind_FreeChannel_Binds()
    {
        var channel = Channel();

        await Store.BindAsync(channel, "INC-declared", CancellationToken.None);

        Assert.Equal("INC-declared", await OtherNode.FindAsync(channel, CancellationToken.None));
    }

    [Fact]
    public async Task BindIfFree_ManyAtOnceFromTwoNodes_ExactlyOneWinsAndIsKept()
    {
        var channel = Channel();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? Store : OtherNode).BindIfFreeAsync(channel, $"INC-{i}", CancellationToken.None)));

        var winner = Assert.Single(Enumerable.Range(0, 16), i => answers[i]);
        Assert.Equal($"INC-{winner}", await Store.FindAsync(channel, CancellationToken.None));
    }

    [Fact]
    public async Task Bind_OddCharactersInIds_KeptVerbatimAndChannelsApart()
    {
        var channel = Channel() + "'; DROP TABLE x; --";
        var similar = channel.ToLowerInvariant();

        await Store.BindAsync(channel, "INC-'\"\\ ü", CancellationToken.None);

        Assert.Equal("INC-'\"\\ ü", await OtherNode.FindAsync(channel, CancellationToken.None));
        Assert.Null(await Store.FindAsync(similar, CancellationToken.None));
    }
}
