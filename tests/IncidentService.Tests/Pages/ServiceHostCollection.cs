namespace IncidentService.Tests.Pages;

/// <summary>Tests that start the whole service for a single test (pages, browser, end to end) run one at a time and
/// apart from every other test, to keep the small machine's load down; each silo has its own free loopback port.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceHostCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "service host";
}
