using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentService.Api;
using IncidentService.Hosting;
using NodaTime;
using Prometheus;

namespace IncidentService.Operations;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (the silo serves grain calls and the event store answers) and
/// <c>/metrics</c> (Prometheus text format; needs an API key like the rest of the API — Prometheus sends it with
/// <c>authorization: {credentials: KEY}</c>).
/// </summary>
public static partial class OperationsEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the metrics, the overdue-obligations count, the exception handler, and the event-store wrapper
    /// that counts incidents opened. Call it after <c>AddIncidentServiceHost</c>, which registers the event store.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ServiceExceptionHandler>();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<OverdueObligations>();
        CountingEventStore.Decorate(services);
        return services;
    }

    /// <summary>Puts the exception handler in front of every endpoint, maps the health, readiness and metrics endpoints,
    /// and refreshes the overdue gauge before a scrape. Call it before mapping the other endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        var metrics = app.Services.GetRequiredService<ServiceMetrics>();
        var overdue = app.Services.GetRequiredService<OverdueObligations>();
        var clock = app.Services.GetRequiredService<IClock>();
        var settings = app.Services.GetRequiredService<ServiceConfiguration>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentService.Operations");
        var refreshed = (Instant?)null;
        var gate = new SemaphoreSlim(1, 1);
        metrics.Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var now = clock.GetCurrentInstant();
                if (refreshed is { } last && now - last < Duration.FromTimeSpan(settings.Options.OverdueRefresh))
                {
                    return;
                }

                metrics.SetOverdue(await overdue.CountAsync(cancellationToken));
                refreshed = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A scrape must still answer: the gauge keeps its last value and the failure is logged.
                LogOverdueFailed(logger, e);
            }
            finally
            {
                gate.Release();
            }
        });

        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Operations").AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).WithTags("Operations").AllowAnonymous();
        app.MapMetrics("/metrics", metrics.Registry).RequireAuthorization(ApiKeyAuthentication.ReadPolicy);
        return app;
    }

    /// <summary>Ready when a grain call is served (the silo is up and in its cluster) and the event store answers a
    /// read, each within 5 s; else 503 with what failed.</summary>
    private static async Task<IResult> ReadyAsync(IGrainFactory grains, IIncidentEventStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            // An id no incident can have (it has a space): the grain activates, reads an empty log, answers 0.
            await grains.GetGrain<IIncidentGrain>("readiness probe").GetVersionAsync().WaitAsync(ReadinessTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problems.Add($"silo: {e.GetType().Name}: {e.Message}");
        }

        try
        {
            await store.ReadPolicyAsync("readiness-probe", cancellationToken).WaitAsync(ReadinessTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problems.Add($"event store: {e.GetType().Name}: {e.Message}");
        }

        if (problems.Count == 0)
        {
            return TypedResults.Ok(new { status = "ready" });
        }

        LogNotReady(loggers.CreateLogger("IncidentService.Operations"), string.Join("; ", problems));
        return TypedResults.Json(new { status = "not ready", problems }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting overdue obligations failed; the gauge keeps its last value.")]
    private static partial void LogOverdueFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Problems}")]
    private static partial void LogNotReady(ILogger logger, string problems);
}
