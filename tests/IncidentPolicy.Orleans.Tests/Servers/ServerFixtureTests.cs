using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Storage;
using Npgsql;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Servers;

/// <summary>The real-server fixtures themselves: each server starts, answers, and (PostgreSQL) survives being killed
/// and started again with every committed event.</summary>
public sealed class ServerFixtureTests
{
    [Fact]
    public async Task RedisServer_Started_AnswersCommandsOnItsLoopbackPort()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            Assert.Equal("+PONG", await redis.SendAsync("PING"));
            Assert.Equal("+OK", await redis.SendAsync("SET", "incident", "INC-1"));
            Assert.Equal("$5", await redis.SendAsync("GET", "incident"));
            Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);
        }
        finally
        {
            await redis.DisposeAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => redis.SendAsync("PING"));
    }

    [Fact]
    public async Task PostgreSqlServer_KilledThenStarted_KeepsEveryCommittedEvent()
    {
        var server = new PostgreSqlServer();
        await server.InitializeAsync();
        try
        {
            var at = Instant.FromUtc(2026, 5, 29, 14, 0);
            var events = Enumerable.Range(0, 20).Select(i => (IncidentEvent)new NoteAdded(at + Duration.FromSeconds(i), "alice", $"note {i}")).ToList();
            await using (var store = new PostgreSqlIncidentEventStore(server.ConnectionString))
            {
                await store.EnsureSchemaAsync();
                for (var i = 0; i < events.Count; i++)
                {
                    Assert.True(await store.AppendAsync("INC-1", i, events[i], new IncidentHead("INC-1", i + 1, IncidentStatus.Triggered, null, null, "s", null, at, at, null, null)));
                }
            }

            await server.KillAsync();
            Assert.False(server.IsRunning);
            await server.StartAsync();

            await using var restarted = new PostgreSqlIncidentEventStore(server.ConnectionString);
            Assert.Equal(events, await restarted.ReadAsync("INC-1"));
            Assert.Equal(20, Assert.Single(await restarted.ListOpenAsync()).Version);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostgreSqlServer_AsRoot_RunsTheServerAsAnUnprivilegedUser()
    {
        var server = new PostgreSqlServer();
        await server.InitializeAsync();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
            await using var command = dataSource.CreateCommand("SELECT current_user, current_setting('listen_addresses'), current_setting('port')");
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("postgres", reader.GetString(0));
            Assert.Equal("127.0.0.1", reader.GetString(1));
            Assert.Equal(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2));
            if (ServerProcess.IsRoot)
            {
                var (exitCode, output) = await ServerProcess.RunAsync("stat", ["-c", "%U", server.LogPath]);
                Assert.Equal(0, exitCode);
                Assert.Equal(PostgreSqlServer.ServiceUser, output.Trim());
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
