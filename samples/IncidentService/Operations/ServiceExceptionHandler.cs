using IncidentPolicy.Orleans.PostgreSql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IncidentService.Operations;

/// <summary>
/// The last line behind every endpoint: an exception that escapes one is logged (with the request's incident id in
/// scope) and answered as problem details, never as a stack trace. The cluster or the event store being unreachable —
/// an Orleans failure, a timeout, the PostgreSQL store's error — is 503 with <c>Retry-After</c>, since the request can
/// simply be sent again; anything else is 500 with the trace id to find it in the log.
/// </summary>
internal sealed partial class ServiceExceptionHandler(IProblemDetailsService problems, ILogger<ServiceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = exception is OrleansException or TimeoutException or PostgreSqlEventStoreException;
        var id = httpContext.GetRouteValue("id") as string;
        using (id is null ? null : logger.BeginScope(new Dictionary<string, object> { ["IncidentId"] = id }))
        {
            LogFailed(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (unavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        var details = new ProblemDetails
        {
            Status = httpContext.Response.StatusCode,
            Title = unavailable ? "Service unavailable" : "Internal error",
            Detail = unavailable
                ? "The incident cluster or its event store did not answer; nothing was changed by this request unless it said so. Try again."
                : "The service failed while handling this request; the log has the details under this trace id.",
        };
        details.Extensions["code"] = unavailable ? "service.unavailable" : "service.error";
        details.Extensions["traceId"] = httpContext.TraceIdentifier;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed.")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
