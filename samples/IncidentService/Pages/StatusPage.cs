using System.Text;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;

namespace IncidentService.Pages;

/// <summary>
/// The public status page (<c>/status</c>): per service, the open incidents with their external status updates, newest
/// first, and those resolved within the resolved window (7 days).
/// </summary>
/// <remarks>
/// <para>What it leaves out, by design: restricted incidents entirely (not even counted); internal updates and notes;
/// people (who acknowledged, the commander, authors of updates); the alert's summary and the declared title, which are
/// written for responders — an incident is headed by its service and public state, and the words the team published
/// with <c>update external</c> are its only text; incident ids; severities.</para>
/// <para>Public states: triggered, acknowledged and investigating read "Investigating", mitigated "Monitoring"
/// (a fix is in place), resolved and later "Resolved". An incident without a service is listed under "Other".</para>
/// </remarks>
internal static class StatusPage
{
    /// <summary>The service name used for incidents that name none.</summary>
    public const string OtherService = "Other";

    /// <summary>Renders the page.</summary>
    /// <param name="snapshot">What was read.</param>
    /// <param name="window">How far back resolved incidents are listed.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(PageSnapshot snapshot, NodaTime.Duration window)
    {
        var now = snapshot.Now;
        var open = snapshot.Open.Select(r => r.Incident).Where(i => !i.IsRestricted).ToList();
        var resolved = snapshot.Ended.Select(r => r.Incident)
            .Where(i => !i.IsRestricted && i.ResolvedAt is { } at && at >= now - window && at <= now)
            .ToList();
        var body = new StringBuilder();
        body.Append("<h1>Service status</h1>");
        body.Append("<p class=\"muted small\">As of ").Append(PageHtml.Encode(PageHtml.Format(now))).Append("</p>");
        if (open.Count == 0)
        {
            body.Append("<p class=\"card ok\" id=\"all-clear\"><strong>All systems operational.</strong> No incident is open.</p>");
        }

        var services = open.Concat(resolved).Select(ServiceOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var serviceOpen = open.Where(i => ServiceOf(i) == service).OrderByDescending(i => i.AlertAt).ToList();
            var serviceResolved = resolved.Where(i => ServiceOf(i) == service).OrderByDescending(i => i.ResolvedAt).ToList();
            body.Append("<section class=\"service\"><h2>").Append(PageHtml.Encode(service)).Append(" — ")
                .Append(serviceOpen.Count > 0 ? "<span class=\"badge sev\">Incident in progress</span>" : "<span class=\"ok\">Operational</span>")
                .Append("</h2>");
            foreach (var incident in serviceOpen)
            {
                AppendIncident(body, incident, "open");
            }

            if (serviceResolved.Count > 0)
            {
                body.Append("<h3 class=\"muted\">Resolved in the last ").Append(PageHtml.Encode(PageHtml.Span(window))).Append("</h3>");
                foreach (var incident in serviceResolved)
                {
                    AppendIncident(body, incident, "resolved");
                }
            }

            body.Append("</section>");
        }

        return PageHtml.Document("Service status", body.ToString(), head: "<meta http-equiv=\"refresh\" content=\"60\">");
    }

    private static string ServiceOf(Incident incident) => string.IsNullOrWhiteSpace(incident.Service) ? OtherService : incident.Service;

    private static string PublicState(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating => "Investigating",
        IncidentStatus.Mitigated => "Monitoring",
        _ => "Resolved",
    };

    private static void AppendIncident(StringBuilder body, Incident incident, string kind)
    {
        body.Append("<article class=\"card incident ").Append(kind).Append("\"><h3><span class=\"badge\">")
            .Append(PageHtml.Encode(PublicState(incident.Status))).Append("</span> Incident affecting ")
            .Append(PageHtml.Encode(ServiceOf(incident))).Append("</h3>")
            .Append("<p class=\"muted small\">Started ").Append(PageHtml.Encode(PageHtml.Format(incident.AlertAt)));
        if (incident.ResolvedAt is { } resolvedAt && kind == "resolved")
        {
            body.Append(" · resolved ").Append(PageHtml.Encode(PageHtml.Format(resolvedAt)));
        }

        body.Append("</p>");
        var updates = incident.Events.OfType<StatusUpdatePosted>()
            .Where(u => u.Audience == StatusAudience.External)
            .OrderByDescending(u => u.At)
            .ToList();
        if (updates.Count == 0)
        {
            body.Append("<p>We are aware of a problem and are investigating.</p>");
        }

        foreach (var update in updates)
        {
            body.Append("<div class=\"update\"><p class=\"muted small\">").Append(PageHtml.Encode(PageHtml.Format(update.At)))
                .Append("</p><p class=\"message\">").Append(PageHtml.Encode(update.Message)).Append("</p></div>");
        }

        body.Append("</article>");
    }
}
