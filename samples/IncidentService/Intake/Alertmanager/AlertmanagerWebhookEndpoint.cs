using IncidentPolicy.Orleans.Grains;

namespace IncidentService.Intake.Alertmanager;

/// <summary>
/// <c>POST /webhooks/alertmanager</c>: Prometheus Alertmanager's webhook receiver (payload version 4), authenticated by
/// a bearer token (401 without the right one, nothing changed). Each alert's <c>fingerprint</c> is its dedup key.
/// A <c>firing</c> alert raises an incident or joins the open one with the key; a <c>resolved</c> alert records on the
/// open incident that its alert cleared (<c>ClearAsync</c>) and does not resolve it: the policy says who may resolve
/// (a SEV-1 or SEV-2 only by its Incident Commander), and a metric going quiet is not the commander's decision. Labels
/// give the service and severity through the routing file. Answers 200 once every alert is stored or refused by the
/// policy (refusals are recorded in the journal), 400 with errors for a malformed payload, 413 over 512 KB, 503 when
/// an incident could not be reached (Alertmanager sends the batch again).
/// </summary>
public static class AlertmanagerWebhookEndpoint
{
    /// <summary>Handles one webhook delivery.</summary>
    /// <param name="context">The request.</param>
    /// <param name="settings">The intakes' settings.</param>
    /// <param name="sender">Sends to the alert intake grains.</param>
    /// <returns>The answer.</returns>
    public static async Task<IResult> HandleAsync(HttpContext context, IntakeSettings settings, AlertIntakeSender sender)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sender);
        const string invalid = "invalid payload";
        if (Unauthorized(context.Request, settings) is { } reason)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return IntakeHttp.Refuse(StatusCodes.Status401Unauthorized, "unauthorized", "Not authenticated", [reason]);
        }

        var (document, refusal) = await IntakeHttp.ReadJsonAsync(context, invalid, "Payload is invalid").ConfigureAwait(false);
        if (document is null)
        {
            return refusal!;
        }

        using var disposing = document;

        var errors = new List<string>();
        var payload = AlertmanagerPayload.Parse(document.RootElement, settings, errors);
        if (payload is null)
        {
            return IntakeHttp.Refuse(StatusCodes.Status400BadRequest, invalid, "Payload is invalid", errors);
        }

        var actor = settings.AlertmanagerActor;
        var unreachable = 0;
        foreach (var alert in payload.Alerts)
        {
            var service = settings.Routing.ServiceOf(alert.Labels) ?? payload.Route?.Service;
            var severity = settings.Routing.SeverityOf(alert.Labels);
            Func<IAlertIntakeGrain, Task<AlertIntakeAnswer>> call = alert.Firing
                ? grain => grain.TriggerAsync(alert.Summary, service, severity, actor, payload.Route?.SiloPolicyName)
                : grain => grain.ClearAsync(actor);
            var dedupKey = payload.Route?.Scope(alert.Fingerprint) ?? alert.Fingerprint;
            if (await sender.SendAsync("alertmanager", dedupKey, call).ConfigureAwait(false) is null)
            {
                unreachable++;
            }
        }

        if (unreachable > 0)
        {
            return IntakeHttp.Refuse(StatusCodes.Status503ServiceUnavailable, "unavailable", "Payload partly processed",
                [$"{unreachable} of {payload.Alerts.Count} alerts could not reach their incident; send the payload again"]);
        }

        return Results.Json(new { status = "success", message = "Alerts processed", alerts = payload.Alerts.Count });
    }

    private static string? Unauthorized(HttpRequest request, IntakeSettings settings)
    {
        if (settings.AlertmanagerToken is null)
        {
            return "no bearer token is configured (IncidentService:Intake:Alertmanager:BearerToken), so every request is refused";
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return "the Authorization header is missing; send Authorization: Bearer <token>";
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "the Authorization header is not a bearer token";
        }

        return IntakeHttp.SecretEquals(header["Bearer ".Length..].Trim(), settings.AlertmanagerToken) ? null : "the bearer token is wrong";
    }
}
