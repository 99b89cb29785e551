using IncidentPolicy;
using IncidentService.Hosting;
using IncidentService.Intake.Alertmanager;
using IncidentService.Intake.Changes;
using IncidentService.Intake.PagerDuty;
using IncidentService.Intake.Slack;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentService.Intake;

/// <summary>
/// Registers and maps the intakes: the PagerDuty Events API v2-compatible intake and its change events, the
/// Alertmanager webhook and Slack slash commands. Each takes its own secret (routing key, bearer token, signing secret)
/// rather than an API key.
/// </summary>
public static class IntakeRegistration
{
    /// <summary>Registers the intakes' services and binds <c>IncidentService:Intake</c>, checked once at start-up (every
    /// problem in one error). Uses the <see cref="ResponsePolicy"/> registered in the container as the policy named
    /// <c>default</c>, or the seed's when none is. In dev mode (a registered <see cref="ServiceConfiguration"/> in
    /// <see cref="ServiceMode.Dev"/>) each unconfigured intake secret gets its printed demo value
    /// (<see cref="DemoIntakeSecrets"/>). The <see cref="ServiceJournal"/> and the <see cref="IChangeLog"/>
    /// (in memory) are added when the host has not registered its own.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>IncidentService:Intake</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIncidentIntakes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section))
            .PostConfigure<IServiceProvider>((options, provider) =>
            {
                if (provider.GetService<ServiceConfiguration>() is { } service)
                {
                    DemoIntakeSecrets.Apply(options, service.Mode);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        services.TryAddSingleton(ResponsePolicy.Default);
        services.TryAddSingleton(provider => new IntakePolicies(provider.GetRequiredService<ResponsePolicy>()));
        services.TryAddSingleton(provider =>
        {
            var problems = new List<string>();
            return IntakeSettings.Create(
                    provider.GetRequiredService<IOptions<IntakeOptions>>().Value,
                    provider.GetRequiredService<IntakePolicies>(),
                    provider.GetRequiredService<IHostEnvironment>().ContentRootPath,
                    problems)
                ?? throw new OptionsValidationException(IntakeOptions.Section, typeof(IntakeOptions), problems);
        });
        services.TryAddSingleton<ServiceJournal>();
        services.TryAddSingleton<IChangeLog, InMemoryChangeLog>();
        services.TryAddSingleton<IncidentChanges>();
        services.TryAddSingleton(IncidentLogReader.Create);
        services.TryAddSingleton<AlertIntakeSender>();
        services.TryAddSingleton<ChannelIncidents>();
        return services;
    }

    /// <summary>Maps <c>POST /v2/enqueue</c>, <c>POST /v2/change/enqueue</c>, <c>POST /webhooks/alertmanager</c> and
    /// <c>POST /slack/commands</c>.</summary>
    /// <param name="endpoints">The endpoint builder.</param>
    /// <returns>The endpoint builder.</returns>
    public static IEndpointRouteBuilder MapIncidentIntakes(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/v2/enqueue", PagerDutyEventsEndpoint.HandleAsync).WithName("PagerDutyEnqueue").WithTags("intake");
        endpoints.MapPost("/v2/change/enqueue", ChangeEventsEndpoint.HandleAsync).WithName("PagerDutyChangeEnqueue").WithTags("intake");
        endpoints.MapPost("/webhooks/alertmanager", AlertmanagerWebhookEndpoint.HandleAsync).WithName("AlertmanagerWebhook").WithTags("intake");
        endpoints.MapPost("/slack/commands", SlackCommandsEndpoint.HandleAsync).WithName("SlackCommands").WithTags("intake");
        return endpoints;
    }
}
