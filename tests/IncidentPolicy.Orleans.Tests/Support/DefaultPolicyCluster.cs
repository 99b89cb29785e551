namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>One two-silo cluster with the default policy, shared by a test class (minutes-long deadlines: apart from
/// the first page at the alert, nothing wakes during a test).</summary>
public sealed class DefaultPolicyCluster : IAsyncLifetime
{
    internal GrainCluster Grains { get; private set; } = null!;

    public async Task InitializeAsync() => Grains = await GrainCluster.StartAsync(ResponsePolicy.Default);

    public async Task DisposeAsync() => await Grains.DisposeAsync();
}
