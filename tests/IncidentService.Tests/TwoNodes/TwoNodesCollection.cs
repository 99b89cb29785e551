namespace IncidentService.Tests.TwoNodes;

/// <summary>The two-node test classes run one after another: each starts two service processes, a PostgreSQL and a
/// Redis, and the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class TwoNodesCollection
{
    public const string Name = "TwoNodes";
}
