namespace IncidentService.Tests.Pages;

/// <summary>Tests that start the whole service (a co-hosted dev-mode silo on the localhost clustering's fixed ports)
/// run one at a time and apart from every other test, so two silos never compete for the same ports.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceHostCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "service host";
}
