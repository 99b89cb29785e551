using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Serialization;
using IncidentPolicy.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Orleans.Hosting;
using Orleans.Serialization;

namespace IncidentPolicy.Orleans.Hosting;

/// <summary>
/// Registers the incident grains on a silo in one line, and the package's serializer on a client.
/// </summary>
/// <remarks>
/// <para>What the host still chooses: an <see cref="IIncidentEventStore"/> (<see cref="AddInMemoryIncidentEventStore"/>
/// or the PostgreSQL one), a reminder provider (Redis, or Orleans' in-memory one for a single dev silo), clustering, an
/// <see cref="WakeUps.IIncidentDispatcher"/>, and optionally an <see cref="IClock"/> (default: the host's
/// <see cref="TimeProvider"/>).</para>
/// </remarks>
public static class IncidentPolicySiloBuilderExtensions
{
    /// <summary>Registers the incident grains with <paramref name="policy"/> as the host's current policy: the one
    /// incidents raised from now on are opened under.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="policy">The current policy.</param>
    /// <param name="configure">Changes the grains' settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is out of range (a reminder period or retry delay that is not
    /// positive).</exception>
    public static ISiloBuilder AddIncidentPolicy(this ISiloBuilder builder, ResponsePolicy policy, Action<IncidentGrainOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        var options = new IncidentGrainOptions();
        configure?.Invoke(options);
        Validate(options);
        var services = builder.Services;
        services.AddSingleton(new CurrentPolicy(policy));
        services.AddSingleton<PolicyCatalog>();
        services.AddOptions<IncidentGrainOptions>().Configure(target =>
        {
            target.SystemActor = options.SystemActor;
            target.IntakeActor = options.IntakeActor;
            target.ReminderPeriod = options.ReminderPeriod;
            target.RetryDelay = options.RetryDelay;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(provider => new TimeProviderClock(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IIncidentIdGenerator, GuidIncidentIdGenerator>();
        AddIncidentPolicySerializer(services);
        return builder;
    }

    /// <summary>Registers the incident grains with the policy read from a policy file (<see cref="PolicyJson.Load(string)"/>)
    /// as the host's current policy.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="policyPath">The policy file.</param>
    /// <param name="configure">Changes the grains' settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="PolicyValidationException">The file is missing or not a valid policy; lists every problem.</exception>
    public static ISiloBuilder AddIncidentPolicy(this ISiloBuilder builder, string policyPath, Action<IncidentGrainOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(policyPath);
        return builder.AddIncidentPolicy(PolicyJson.Load(policyPath), configure);
    }

    /// <summary>Registers the incident grains with <paramref name="policy"/> as the host's current policy and the default
    /// settings.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="policy">The current policy.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddIncidentPolicy(this ISiloBuilder builder, ResponsePolicy policy) => builder.AddIncidentPolicy(policy, configure: null);

    /// <summary>Registers the incident grains with the policy file's policy as the host's current policy and the
    /// default settings.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="policyPath">The policy file.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="PolicyValidationException">The file is missing or not a valid policy; lists every problem.</exception>
    public static ISiloBuilder AddIncidentPolicy(this ISiloBuilder builder, string policyPath) => builder.AddIncidentPolicy(policyPath, configure: null);

    /// <summary>Keeps event logs in the silo's memory (<see cref="InMemoryIncidentEventStore"/>): tests and a single
    /// dev silo only — nothing survives the process, and silos in different processes do not share it.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddInMemoryIncidentEventStore(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IIncidentEventStore, InMemoryIncidentEventStore>();
        return builder;
    }

    /// <summary>Registers the package's serializer for commands, events, actors and answers; a client that calls the
    /// incident grains needs it (<c>clientBuilder.Services.AddIncidentPolicySerializer()</c>); silos get it from
    /// <see cref="AddIncidentPolicy(ISiloBuilder, ResponsePolicy, Action{IncidentGrainOptions})"/>.</summary>
    /// <param name="services">The client's or silo's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIncidentPolicySerializer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSerializer(serializer => serializer.AddJsonSerializer(IncidentPolicyCodec.IsSupported, IncidentPolicyCodec.Options));
        return services;
    }

    private static void Validate(IncidentGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.SystemActor, "options.SystemActor");
        ArgumentNullException.ThrowIfNull(options.IntakeActor, "options.IntakeActor");
        if (options.ReminderPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IncidentGrainOptions.ReminderPeriod must be positive, not {options.ReminderPeriod}.", nameof(options));
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IncidentGrainOptions.RetryDelay must be positive, not {options.RetryDelay}.", nameof(options));
        }
    }
}
