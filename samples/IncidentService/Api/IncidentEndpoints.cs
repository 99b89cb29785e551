using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using IncidentPolicy.Serialization;
using NodaTime.Text;

namespace IncidentService.Api;

/// <summary>
/// The HTTP API over the incident grains (issue 18, item 4). Every endpoint needs an API key; commands need one that is
/// not read-only, and the two commands only the service records (<c>recordNotification</c>, <c>recordReminder</c>: a
/// page or reminder was delivered) are refused 403 whoever sends them. An incident the caller may not see (<c>Incident.CanView</c>) is answered exactly as one that does not
/// exist: 404 with the same body.
/// </summary>
public static partial class IncidentEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Registers what the API needs: API-key authentication, its two authorization policies, the incident
    /// reader and the OpenAPI document.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIncidentApi(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthentication.ReadPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(ApiKeyAuthentication.CommandPolicy, p => p.RequireAuthenticatedUser().RequireClaim(ApiKeyAuthentication.CommandClaim));
        services.TryAddSingleton(IncidentLogReader.Create);
        services.AddSingleton<IncidentReader>();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Maps <c>/api/incidents…</c> and the OpenAPI document (<c>/openapi/v1.json</c>, which needs a key too).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().RequireAuthorization(ApiKeyAuthentication.ReadPolicy);
        var group = app.MapGroup("/api/incidents").RequireAuthorization(ApiKeyAuthentication.ReadPolicy).WithTags("Incidents");
        group.AddEndpointFilter(async (context, next) =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentService.Api");
            var id = context.HttpContext.GetRouteValue("id") as string;
            using (id is null ? null : logger.BeginScope(new Dictionary<string, object> { ["IncidentId"] = id }))
            {
                return await next(context);
            }
        });

        group.MapGet("", ListAsync)
            .WithName("ListIncidents")
            .WithSummary("The open incidents the caller may see (status=open, the default; status=all is refused with 400).")
            .Produces<IncidentSummary[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetIncident")
            .WithSummary("The incident and its evaluation now (IncidentJson format version 1), with its ETag.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/events", GetEventsAsync)
            .WithName("GetIncidentEvents")
            .WithSummary("The incident's event log (EventLogJson document, format version 1), with its ETag.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/commands", PostCommandAsync)
            .RequireAuthorization(ApiKeyAuthentication.CommandPolicy)
            .WithName("PostIncidentCommand")
            .WithSummary("Applies a command (IncidentCommandJson form) at the version named by If-Match.")
            // No Accepts metadata: routing would answer a wrong content type 415 with no body, where the issue asks
            // for 400 with a reason; any body is read as JSON and refused with its reason.
            .WithDescription("Body: one command as JSON, e.g. {\"command\":\"acknowledge\"}. If-Match: the incident's ETag.")
            .Produces<JsonObject>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<IResult> ListAsync(string? status, HttpContext context, IGrainFactory grains, IncidentReader reader, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (status is not null && !string.Equals(status, "open", StringComparison.Ordinal))
        {
            return string.Equals(status, "all", StringComparison.Ordinal)
                ? ApiProblems.BadRequest("status=all is not supported: the service lists open incidents only (from the open-incident index); read a closed incident by its id.", "query.statusUnsupported", "status")
                : ApiProblems.BadRequest($"status must be 'open'; '{Truncate(status)}' is not a status this API lists.", "query.statusInvalid", "status");
        }

        var actor = ApiKeyAuthentication.ActorOf(context.User);
        var heads = await grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync().WaitAsync(cancellationToken);
        var visible = new List<IncidentSummary>(heads.Count);
        foreach (var head in heads)
        {
            ReadIncident? read;
            try
            {
                read = await reader.ReadAsync(head.IncidentId, head.Version, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One incident the service cannot read (its policy's text missing from the store, a log that does not
                // parse) must not hide every other one: it is left out — whether the caller may see it cannot be
                // told — and logged with its id. Reading it by id answers the failure.
                LogUnreadable(loggers.CreateLogger("IncidentService.Api"), e, head.IncidentId);
                continue;
            }

            if (read is not null && read.Incident.CanView(actor))
            {
                visible.Add(new IncidentSummary(
                    head.IncidentId, head.Version, JsonNamingPolicy.CamelCase.ConvertName(head.Status.ToString()), head.Severity, head.Service,
                    head.Summary, head.Title, InstantPattern.ExtendedIso.Format(head.AlertAt), InstantPattern.ExtendedIso.Format(head.LastEventAt), head.DedupKey));
            }
        }

        return TypedResults.Ok(visible);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains, IncidentReader reader, CancellationToken cancellationToken)
    {
        // The state first, then whether the caller may see the incident: visibility is decided at a version no older
        // than the state shown. The log only grows, so a caller who may see the incident then may see that state;
        // the other order could show a state restricted in between to someone who may not see it.
        var state = await grains.GetGrain<IIncidentGrain>(id).GetStateJsonAsync().WaitAsync(cancellationToken);
        if (state is null || await reader.ReadVisibleAsync(id, ApiKeyAuthentication.ActorOf(context.User), cancellationToken) is null)
        {
            return ApiProblems.NotFound(id);
        }

        // The version of the state shown, not of the log read a moment later: a command may have landed in between.
        using (var document = JsonDocument.Parse(state))
        {
            context.Response.Headers.ETag = VersionTags.Format(document.RootElement.GetProperty("incident").GetProperty("version").GetInt32());
        }

        return Results.Text(state, "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> GetEventsAsync(string id, HttpContext context, IncidentReader reader, CancellationToken cancellationToken)
    {
        var read = await reader.ReadVisibleAsync(id, ApiKeyAuthentication.ActorOf(context.User), cancellationToken);
        if (read is null)
        {
            return ApiProblems.NotFound(id);
        }

        context.Response.Headers.ETag = VersionTags.Format(read.Incident.Version);
        return Results.Text(read.EventLogJson, "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> PostCommandAsync(string id, HttpContext context, IGrainFactory grains, IncidentReader reader, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var actor = ApiKeyAuthentication.ActorOf(context.User);
        var read = await reader.ReadVisibleAsync(id, actor, cancellationToken);
        if (read is null)
        {
            return ApiProblems.NotFound(id);
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            context.Response.Headers.ETag = VersionTags.Format(read.Incident.Version);
            return ApiProblems.Result(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send the incident's ETag as If-Match (read it with GET /api/incidents/{id}) so the command acts on the state you saw.",
                "precondition.required", Versioned(read.Incident.Version));
        }

        if (!VersionTags.TryParseIfMatch(ifMatch, out var expected, out var ifMatchReason))
        {
            return ApiProblems.BadRequest(ifMatchReason, "precondition.invalid", "If-Match");
        }

        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body.Error is not null)
        {
            return ApiProblems.BadRequest(body.Error, "command.invalid", "$");
        }

        if (!IncidentCommandJson.TryParse(body.Text!, out var command, out var errors))
        {
            return ApiProblems.BadRequest($"{errors[0].Path}: {errors[0].Reason}", "command.invalid", errors[0].Path);
        }

        if (command.Kind is IncidentPolicy.CommandKind.RecordNotification or IncidentPolicy.CommandKind.RecordReminder)
        {
            // The seed's policy lets anyone record these, since the host records them; through the API a caller could
            // mark a page as sent before the grain sends it, and the page would never go out.
            return ApiProblems.Result(StatusCodes.Status403Forbidden, "Not allowed",
                $"{JsonNamingPolicy.CamelCase.ConvertName(command.Kind.ToString())} is recorded by the service itself when it delivers a page, notification or reminder; sent through the API it would mark one as sent that was not.",
                "command.serviceOnly");
        }

        if (expected != read.Incident.Version)
        {
            // Only the version whose visibility was just checked may be acted on: an If-Match ahead of it would apply
            // the command to a state nobody checked (one restricted in between); behind it, the grain would refuse it.
            context.Response.Headers.ETag = VersionTags.Format(read.Incident.Version);
            return Stale(expected, read.Incident.Version);
        }

        var answer = await grains.GetGrain<IIncidentGrain>(id).ApplyAsync(command, actor, expected).WaitAsync(cancellationToken);
        var logger = loggers.CreateLogger("IncidentService.Api");
        context.Response.Headers.ETag = VersionTags.Format(answer.Version);
        switch (answer.Outcome)
        {
            case IncidentPolicy.Lifecycle.ApplyOutcome.Accepted:
                LogAccepted(logger, answer.Event!.Type, actor.Id, answer.Version);
                var created = new JsonObject
                {
                    ["version"] = answer.Version,
                    ["event"] = JsonNode.Parse(EventLogJson.SerializeLine(answer.Event!)),
                };
                return TypedResults.Created($"/api/incidents/{Uri.EscapeDataString(id)}", created);
            case IncidentPolicy.Lifecycle.ApplyOutcome.Rejected:
                var rejection = answer.Rejection!;
                LogRejected(logger, actor.Id, rejection.RuleId, rejection.Reason);
                return ApiProblems.Result(StatusCodes.Status422UnprocessableEntity, "Command rejected by the policy", rejection.Reason,
                    JsonNamingPolicy.CamelCase.ConvertName(rejection.Code.ToString()),
                    new Dictionary<string, object?> { ["reason"] = rejection.Reason, ["rule"] = rejection.RuleId, ["version"] = answer.Version });
            default:
                return Stale(expected, answer.Version);
        }
    }

    private static IResult Stale(int expected, int current) =>
        ApiProblems.Result(StatusCodes.Status412PreconditionFailed, "Stale If-Match",
            $"The incident is at version {current}, not {expected}: read it again and decide again.",
            "precondition.failed", Versioned(current));

    private static Dictionary<string, object?> Versioned(int version) => new() { ["version"] = version };

    private static async Task<(string? Text, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await RequestBody.ReadAsync(request, IncidentCommandJson.MaxDocumentBytes, cancellationToken);
        if (read.TooLarge)
        {
            return (null, "the command is larger than 1 MiB");
        }

        if (read.Unreadable is { } unreadable)
        {
            return (null, unreadable);
        }

        var bytes = read.Bytes!;
        if (bytes.Length == 0)
        {
            return (null, "the body is empty: send the command as a JSON object, e.g. {\"command\":\"acknowledge\"}");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "the body is not valid UTF-8");
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId} cannot be read; it is left out of the list.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command accepted: {EventType} by {Actor}, now version {Version}.")]
    private static partial void LogAccepted(ILogger logger, string eventType, string actor, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command by {Actor} rejected by {Rule}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string actor, string rule, string reason);
}
