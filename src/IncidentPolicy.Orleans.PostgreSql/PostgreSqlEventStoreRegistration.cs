using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace IncidentPolicy.Orleans.PostgreSql;

/// <summary>
/// Registers a <see cref="PostgreSqlIncidentEventStore"/> as the silo's <see cref="IIncidentEventStore"/>, in one line on
/// the silo builder or the host's services.
/// </summary>
/// <remarks>The store is a singleton that owns its connection pool (closed with the host). The registration replaces
/// any event store registered before it. With <c>ensureSchema</c> (the default) the silo runs
/// <see cref="PostgreSqlIncidentEventStore.EnsureSchemaAsync"/> while it starts, before any grain is activated, so a
/// fresh database needs no separate step; hosts that migrate at deploy time turn it off and call that method
/// themselves.</remarks>
public static class PostgreSqlEventStoreRegistration
{
    /// <summary>Uses PostgreSQL for the incident grains' event logs, in schema
    /// <see cref="PostgreSqlIncidentEventStore.DefaultSchema"/>, created or checked while the silo starts.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank or invalid.</exception>
    public static ISiloBuilder AddPostgreSqlIncidentEventStore(this ISiloBuilder builder, string connectionString) =>
        builder.AddPostgreSqlIncidentEventStore(connectionString, PostgreSqlIncidentEventStore.DefaultSchema, ensureSchema: true);

    /// <summary>Uses PostgreSQL for the incident grains' event logs.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema of the store's tables.</param>
    /// <param name="ensureSchema">Whether the silo creates or checks the schema while it starts.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank or invalid, or the schema is not a valid
    /// identifier.</exception>
    public static ISiloBuilder AddPostgreSqlIncidentEventStore(
        this ISiloBuilder builder, string connectionString, string schema, bool ensureSchema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgreSqlIncidentEventStore(connectionString, schema, ensureSchema);
        return builder;
    }

    /// <summary>Uses PostgreSQL for the incident grains' event logs (the services form of the silo builder's method), in
    /// schema <see cref="PostgreSqlIncidentEventStore.DefaultSchema"/>, created or checked while a silo starts.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank or invalid.</exception>
    public static IServiceCollection AddPostgreSqlIncidentEventStore(this IServiceCollection services, string connectionString) =>
        services.AddPostgreSqlIncidentEventStore(connectionString, PostgreSqlIncidentEventStore.DefaultSchema, ensureSchema: true);

    /// <summary>Uses PostgreSQL for the incident grains' event logs (the services form of the silo builder's method).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema of the store's tables.</param>
    /// <param name="ensureSchema">Whether a silo creates or checks the schema while it starts.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The connection string is blank or invalid, or the schema is not a valid
    /// identifier.</exception>
    public static IServiceCollection AddPostgreSqlIncidentEventStore(
        this IServiceCollection services, string connectionString, string schema, bool ensureSchema)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Built now, so a bad connection string or schema fails at registration rather than at the first grain call.
        var store = new PostgreSqlIncidentEventStore(connectionString, schema);
        // Registered through a factory, so the container disposes it (and its connection pool) with the host.
        services.AddSingleton(_ => store);
        services.AddSingleton<IIncidentEventStore>(provider => provider.GetRequiredService<PostgreSqlIncidentEventStore>());
        if (ensureSchema)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaMigration(store));
        }

        return services;
    }

    private sealed class SchemaMigration(PostgreSqlIncidentEventStore store) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SchemaMigration), ServiceLifecycleStage.RuntimeInitialize, store.EnsureSchemaAsync);
    }
}
