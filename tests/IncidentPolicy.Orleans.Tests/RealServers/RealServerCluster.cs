using System.Reflection;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Orleans.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace IncidentPolicy.Orleans.Tests.RealServers;

/// <summary>
/// In-process silos configured as in production: membership and reminders in a real Redis, every silo with its own
/// PostgreSQL event store (its own connection pool, migrating the schema while it starts). Nothing that must outlive a
/// silo is held by the test process except the clock and the dispatcher, which stand for the outside world.
/// </summary>
internal sealed class RealServerCluster : IAsyncDisposable
{
    private RealServerCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts silos of one cluster (a restarted cluster passes the same ids, so it finds the reminders and
    /// membership the previous one left in Redis).</summary>
    public static async Task<RealServerCluster> StartAsync(
        RedisServer redis, PostgreSqlServer postgres, string schema, string clusterId, TestClock clock, IIncidentDispatcher dispatcher, short silos = 2)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        UseRealMembership(builder.Options);
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = clusterId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseRedisClustering(redis.ConnectionString);
            silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
            silo.AddIncidentPolicy(Policies.Fast, options =>
            {
                options.ReminderPeriod = TimeSpan.FromSeconds(1);
                options.RetryDelay = TimeSpan.FromMilliseconds(300);
                options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            });
            silo.AddPostgreSqlIncidentEventStore(postgres.ConnectionString, schema, ensureSchema: true);
            silo.Services.AddSingleton<IClock>(clock);
            silo.Services.AddSingleton(dispatcher);
            GrainCluster.UseTestTimings(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.UseRedisClustering(redis.ConnectionString);
            client.Services.AddIncidentPolicySerializer();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RealServerCluster(cluster);
    }

    // TestingHost 10.4.2 registers its in-process membership table after the test's silo configuration (so it would win
    // over Redis) unless this option is off, and the option has no public setter on the in-process cluster's options.
    private static void UseRealMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone: the real-server cluster cannot switch to Redis membership");
        property.SetValue(options, false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
