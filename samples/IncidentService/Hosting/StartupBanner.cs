using IncidentService.Intake;
using Microsoft.Extensions.Options;

namespace IncidentService.Hosting;

/// <summary>Says at start-up how the service runs; in dev mode, loudly, that nothing is durable, and the demo key.</summary>
/// <remarks>The intakes' demo secrets (<see cref="DemoIntakeSecrets"/>) are printed in the same banner when the
/// intakes are registered and use them.</remarks>
internal sealed partial class StartupBanner(ServiceConfiguration settings, IServiceProvider services, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Mode == ServiceMode.Dev)
        {
            var lines = new List<string>
            {
                "DEV MODE — NOT DURABLE.",
                "Incidents, event logs and reminders live in this process's memory and are LOST when it stops.",
                "For a team: IncidentService:Mode=Durable with PostgreSql and Redis (see docs/service.md).",
            };
            if (settings.UsesDemoKey)
            {
                lines.Add($"Demo API key ({ServiceConfiguration.DemoActor}): {ServiceConfiguration.DemoApiKey}");
            }

            if (services.GetService<IOptions<IntakeOptions>>() is { } intake)
            {
                lines.AddRange(DemoIntakeSecrets.InUse(intake.Value));
            }

            var width = lines.Max(l => l.Length) + 4;
            var rule = new string('!', width);
            Console.Out.WriteLine(rule);
            foreach (var line in lines)
            {
                Console.Out.WriteLine("! " + line.PadRight(width - 4) + " !");
            }

            Console.Out.WriteLine(rule);
            LogDevMode(logger);
        }
        else
        {
            LogDurableMode(logger, settings.Options.ClusterId, settings.SiloPort);
        }

        LogPolicy(logger, settings.Policy.ContentHash, settings.Options.PolicyPath ?? "the seed's default policy", settings.Webhooks.Count, settings.ApiKeys.Count);
        foreach (var (name, policy) in settings.NamedPolicies)
        {
            LogNamedPolicy(logger, name, policy.ContentHash, settings.Options.Policies[name]);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dev mode: in-memory event store and reminders, localhost clustering. Nothing is durable.")]
    private static partial void LogDevMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable mode: PostgreSQL event store, Redis clustering and reminders; cluster {ClusterId}, silo port {SiloPort}.")]
    private static partial void LogDurableMode(ILogger logger, string clusterId, int siloPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyHash} from {PolicySource}; {Webhooks} outbound webhooks; {ApiKeys} API keys.")]
    private static partial void LogPolicy(ILogger logger, string policyHash, string policySource, int webhooks, int apiKeys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy '{PolicyName}' {PolicyHash} from {PolicySource}.")]
    private static partial void LogNamedPolicy(ILogger logger, string policyName, string policyHash, string policySource);
}
