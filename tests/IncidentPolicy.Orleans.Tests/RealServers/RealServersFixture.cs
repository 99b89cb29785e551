using IncidentPolicy.Orleans.Tests.Servers;

namespace IncidentPolicy.Orleans.Tests.RealServers;

/// <summary>A real Redis and a real PostgreSQL for the real-server cluster tests, started once for the class.</summary>
public sealed class RealServersFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public PostgreSqlServer PostgreSql { get; } = new();

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        await PostgreSql.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Redis.DisposeAsync();
        }
        finally
        {
            await PostgreSql.DisposeAsync();
        }
    }
}
