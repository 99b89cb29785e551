using System.Net;
using IncidentPolicy.Orleans.Hosting;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentService.Intake;
using IncidentService.Intake.Changes;
using IncidentService.Intake.Slack;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Orleans.Configuration;
using StackExchange.Redis;

namespace IncidentService.Hosting;

/// <summary>Wires the service's host: its settings, the co-hosted Orleans silo in the configured mode, the API keys,
/// the shared journal and where Slack channel bindings are kept.</summary>
public static class ServiceHostingExtensions
{
    /// <summary>
    /// Reads and checks the <c>IncidentService</c> configuration and starts a silo in this process: in
    /// <see cref="ServiceMode.Dev"/> with localhost clustering, in-memory reminders and the in-memory event store (and a
    /// loud start-up warning that nothing is durable); in <see cref="ServiceMode.Durable"/> with Redis clustering and
    /// reminders and the PostgreSQL event store. Slack channel bindings (<see cref="IChannelBindings"/>) are kept in
    /// memory in dev mode and in the event store's database in durable mode (their table created at start-up).
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <returns>The checked settings (also registered as a singleton).</returns>
    /// <exception cref="ServiceConfigurationException">The configuration has problems; all are listed.</exception>
    public static ServiceConfiguration AddIncidentServiceHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ServiceConfiguration.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);

        // The host's current policy is the container's ResponsePolicy: the intakes (their "default" policy) and the
        // pages (on call now) then read the policy the silo raises incidents under, not the seed's.
        services.AddSingleton(settings.Policy);
        services.AddSingleton(new IntakePolicies(settings.Policy, settings.NamedPolicies));
        services.TryAddSingleton<ServiceJournal>();
        services.AddSingleton<ApiKeyActors>(_ => new ApiKeyActors(settings.ApiKeys));
        services.AddSingleton<IApiKeyActors>(provider => provider.GetRequiredService<ApiKeyActors>());
        services.AddHostedService<StartupBanner>();
        if (settings.Mode == ServiceMode.Dev)
        {
            // Slack channel bindings in this process's memory (change log and journal: the intakes' in-memory defaults).
            services.TryAddSingleton<IChannelBindings, InMemoryChannelBindings>();
        }
        else
        {
            // The service's own state beside the event store, shared by every node and kept across restarts: change
            // events (a change answered 202 survives a restart), the dashboard's journal (every node's refused intakes
            // and failing deliveries) and Slack channel bindings: one pool, and their tables created before requests.
            services.AddSingleton(_ => new ServiceDatabase(settings.Options.PostgreSql!));
            services.AddHostedService<ServiceTables>();
            services.AddSingleton<IChangeLog, PostgreSqlChangeLog>();
            services.AddSingleton(provider => new PostgreSqlJournalSync(
                provider.GetRequiredService<ServiceDatabase>(), provider.GetRequiredService<ServiceJournal>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<PostgreSqlJournalSync>>()));
            services.AddHostedService(provider => provider.GetRequiredService<PostgreSqlJournalSync>());
            services.TryAddSingleton<IChannelBindings, PostgreSqlChannelBindings>();
        }

        builder.UseOrleans(silo =>
        {
            var options = settings.Options;
            if (settings.Mode == ServiceMode.Dev)
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId)
                    .UseInMemoryReminderService()
                    .AddInMemoryIncidentEventStore();
            }
            else
            {
                var redis = ConfigurationOptions.Parse(options.Redis!);
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone())
                    .UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone())
                    .Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = options.ClusterId;
                        o.ServiceId = options.ServiceId;
                    })
                    .ConfigureEndpoints(settings.AdvertisedAddress ?? IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.AdvertisedAddress is not null)
                    .AddPostgreSqlIncidentEventStore(options.PostgreSql!);
            }

            silo.AddIncidentPolicy(settings.Policy);
            foreach (var (name, policy) in settings.NamedPolicies)
            {
                silo.AddNamedIncidentPolicy(name, policy);
            }
        });
        return settings;
    }
}
