namespace IncidentPolicy.Orleans.Tests.Servers;

/// <summary>The test classes that share one real PostgreSQL server (they run one after another; each test works in a
/// schema or database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    /// <summary>The collection's name, for <c>[Collection(PostgreSqlCollection.Name)]</c>.</summary>
    public const string Name = "PostgreSQL server";
}
