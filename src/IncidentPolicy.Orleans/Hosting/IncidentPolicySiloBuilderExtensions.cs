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
    /// <summary>The name of the policy given to <c>AddIncidentPolicy</c>: the one incidents are raised under when a
    /// raise names no policy.</summary>
    public const string DefaultPolicyName = "default";

    /// <summary>Registers the incident grains with <paramref name="policy"/> as the host's current policy: the one
    /// incidents raised from now on are opened under.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="policy">The current policy.</param>
    /// <param name="configure">Changes the grains' settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is out of range (a reminder period or retry delay that is not
    /// positive, a maximum retry delay less than the retry delay).</exception>
    public static ISiloBuilder AddIncidentPolicy(this ISiloBuilder builder, ResponsePolicy policy, Action<IncidentGrainOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        var options = new IncidentGrainOptions();
        configure?.Invoke(options);
        Validate(options);
        var services = builder.Services;
        services.AddSingleton(provider => new CurrentPolicy(policy, provider.GetServices<NamedPolicy>()));
        services.AddSingleton<PolicyCatalog>();
        services.AddOptions<IncidentGrainOptions>().Configure(target =>
        {
            target.SystemActor = options.SystemActor;
            target.IntakeActor = options.IntakeActor;
            target.ReminderPeriod = options.ReminderPeriod;
            target.RetryDelay = options.RetryDelay;
            target.MaxRetryDelay = options.MaxRetryDelay;
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

    /// <summary>
    /// Registers <paramref name="policy"/> under <paramref name="name"/> besides the host's default policy, so one
    /// deployment can serve several teams, each with its own policy: a raise that names the policy
    /// (<see cref="IIncidentGrain.RaiseAsync"/>, <see cref="IAlertIntakeGrain.TriggerAsync"/>) opens the incident
    /// under it, and <see cref="IIncidentGrain.AdoptCurrentPolicyAsync"/> migrates an incident to it by name.
    /// </summary>
    /// <remarks>
    /// <para>Every silo of a cluster must register the same names: a raise is handled on whichever silo holds the
    /// incident, and a silo that does not know the name rejects it (rule <c>host.policyName</c>).</para>
    /// <para>Dedup keys are not scoped by policy: <see cref="IAlertIntakeGrain"/> joins the open incident with the key
    /// whatever its policy. A host whose teams' alert sources may send the same key scopes the keys itself (the
    /// IncidentService sample prefixes a named policy's keys with the name).</para>
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The name: 1 to 64 characters, letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with
    /// a letter or digit; not <see cref="DefaultPolicyName"/>. Compared ordinally (case matters).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is not a valid name, is <c>default</c>, or is already registered.</exception>
    public static ISiloBuilder AddNamedIncidentPolicy(this ISiloBuilder builder, string name, ResponsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsValidPolicyName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a policy name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.", nameof(name));
        }

        if (string.Equals(name, DefaultPolicyName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{DefaultPolicyName}' names the policy given to AddIncidentPolicy; choose another name.", nameof(name));
        }

        if (builder.Services.Any(d => d.ImplementationInstance is NamedPolicy known && string.Equals(known.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A policy named '{name}' is already registered.", nameof(name));
        }

        builder.Services.AddSingleton(new NamedPolicy(name, policy));
        return builder;
    }

    /// <summary>Registers the policy read from a policy file (<see cref="PolicyJson.Load(string)"/>) under
    /// <paramref name="name"/>; see <see cref="AddNamedIncidentPolicy(ISiloBuilder, string, ResponsePolicy)"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The name.</param>
    /// <param name="policyPath">The policy file.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is not valid, is <c>default</c>, or is already registered.</exception>
    /// <exception cref="PolicyValidationException">The file is missing or not a valid policy; lists every problem.</exception>
    public static ISiloBuilder AddNamedIncidentPolicy(this ISiloBuilder builder, string name, string policyPath)
    {
        ArgumentNullException.ThrowIfNull(policyPath);
        return builder.AddNamedIncidentPolicy(name, PolicyJson.Load(policyPath));
    }

    /// <summary>Whether <paramref name="name"/> may name a policy: 1 to 64 ASCII letters, digits, <c>.</c>, <c>_</c>
    /// and <c>-</c>, starting with a letter or digit.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it may.</returns>
    public static bool IsValidPolicyName(string? name) =>
        name is { Length: >= 1 and <= 64 }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

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

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            throw new ArgumentException(
                $"IncidentGrainOptions.MaxRetryDelay ({options.MaxRetryDelay}) must not be less than RetryDelay ({options.RetryDelay}).", nameof(options));
        }
    }
}
