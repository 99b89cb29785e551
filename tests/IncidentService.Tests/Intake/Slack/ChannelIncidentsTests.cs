using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake.Slack;

public sealed class ChannelIncidentsTests
{
    [Fact]
    public async Task Find_NoChannel_NoIncidentAndNotFailedWithoutAskingTheStore()
    {
        var store = new FailingChannelBindings();
        var channels = new ChannelIncidents(new RecordingLogger<ChannelIncidents>(), store);

        var lookup = await channels.FindAsync(null, CancellationToken.None);

        Assert.Equal(new ChannelLookup(null, false), lookup);
        Assert.Equal(0, store.Calls);
    }

    [Fact]
    public async Task FindAndBind_StoreFails_AnsweredAsValuesAndLogged()
    {
        var logger = new RecordingLogger<ChannelIncidents>();
        var channels = new ChannelIncidents(logger, new FailingChannelBindings());

        var lookup = await channels.FindAsync("CDOWN", CancellationToken.None);
        var boundIfFree = await channels.TryBindIfFreeAsync("CDOWN", "INC-7", CancellationToken.None);
        var bound = await channels.TryBindAsync("CDOWN", "INC-7", CancellationToken.None);

        Assert.Same(ChannelLookup.Unavailable, lookup);
        Assert.False(boundIfFree);
        Assert.False(bound);
        Assert.Equal(3, logger.Warnings.Count);
        Assert.Contains("CDOWN", logger.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("could not be bound to INC-7", logger.Warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindIfFree_NoStoreRegistered_KeepsBindingsInMemory()
    {
        var channels = new ChannelIncidents(new RecordingLogger<ChannelIncidents>());

        Assert.True(await channels.TryBindIfFreeAsync("CMEM", "INC-1", CancellationToken.None));
        Assert.True(await channels.TryBindIfFreeAsync("CMEM", "INC-2", CancellationToken.None));

        Assert.Equal("INC-1", (await channels.FindAsync("CMEM", CancellationToken.None)).IncidentId);
    }

    [Fact]
    public async Task Bind_NoChannel_NothingStoredAndNoFailure()
    {
        var store = new FailingChannelBindings();
        var channels = new ChannelIncidents(new RecordingLogger<ChannelIncidents>(), store);

        Assert.True(await channels.TryBindAsync(null, "INC-1", CancellationToken.None));
        Assert.Equal(0, store.Calls);
    }
}
