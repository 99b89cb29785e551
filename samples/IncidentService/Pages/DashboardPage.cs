using System.Globalization;
using System.Text;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using IncidentPolicy.Obligations;
using IncidentPolicy.OnCall;
using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>
/// The internal dashboard (<c>/</c>): the open incidents the viewer may see, each open obligation with its due time and
/// a live countdown (overdue ones marked), who is on call now, failed deliveries, refused intakes, overdue post-mortem
/// action items, and flagged changes.
/// </summary>
/// <remarks>
/// <para>The countdown: the server writes each obligation's due instant (<c>data-due</c>) and its own clock's instant
/// (<c>data-now</c> on <c>body</c>); a few lines of script move every countdown each second from the server's instant
/// on, so the page agrees with the service's (injected) clock rather than the phone's. An obligation whose countdown
/// reaches zero is marked overdue in place; the page reloads every
/// <see cref="IncidentPagesOptions.DashboardRefreshSeconds"/> seconds.</para>
/// <para>Restricted incidents are shown only to viewers <see cref="Incident.CanView"/> allows; rows of the other
/// sections that name an incident the viewer may not see are left out too.</para>
/// </remarks>
internal static class DashboardPage
{
    // The countdown. Reads data-now (the server clock) once, then advances it with the browser's clock.
    private const string Script =
        "(function(){var b=document.body,off=Date.parse(b.dataset.now)-Date.now();" +
        "function two(n){return (n<10?'0':'')+n}" +
        "function span(ms){var s=Math.floor(Math.abs(ms)/1000),d=Math.floor(s/86400),h=Math.floor(s%86400/3600),m=Math.floor(s%3600/60),x=s%60;" +
        "return d>0?d+'d '+h+'h':h>0?h+'h '+two(m)+'m':m+'m '+two(x)+'s'}" +
        "function tick(){var now=Date.now()+off;document.querySelectorAll('[data-due]').forEach(function(e){var left=Date.parse(e.dataset.due)-now;" +
        "if(left<=0){e.textContent='OVERDUE by '+span(left);var o=e.closest('.obligation');if(o){o.classList.add('overdue')}}" +
        "else{e.textContent='in '+span(left)}})}" +
        "tick();setInterval(tick,1000)})();";

    /// <summary>Renders the dashboard for <paramref name="viewer"/>.</summary>
    /// <param name="snapshot">What was read.</param>
    /// <param name="extras">The other sections, filtered for the viewer.</param>
    /// <param name="viewer">Who is looking.</param>
    /// <param name="refreshSeconds">Seconds between reloads; 0 for none.</param>
    /// <param name="actionItemLookback">How long after its last event an ended incident's overdue action items are
    /// shown.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(PageSnapshot snapshot, DashboardExtras extras, Actor viewer, int refreshSeconds, Duration actionItemLookback)
    {
        var now = snapshot.Now;
        var open = snapshot.Open.Where(r => r.Incident.CanView(viewer)).ToList();
        var body = new StringBuilder();
        body.Append("<h1>Incidents</h1><p class=\"muted small\">").Append(PageHtml.Encode(PageHtml.Format(now)))
            .Append(" · signed in as ").Append(PageHtml.Encode(viewer.Id))
            .Append(" · <a href=\"/status\">public status page</a></p>");

        body.Append("<h2>Open incidents (").Append(open.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (open.Count == 0)
        {
            body.Append("<p class=\"ok\">No open incident.</p>");
        }

        foreach (var read in open.OrderBy(r => r.Incident.Severity?.Rank ?? int.MaxValue).ThenBy(r => r.Incident.AlertAt))
        {
            AppendIncident(body, read, now, extras.RecentChanges.GetValueOrDefault(read.Incident.Id) ?? []);
        }

        if (snapshot.MoreOpen)
        {
            body.Append("<p class=\"card\">More incidents are open than this page reads; list them all with <code>GET /api/incidents?status=open</code>.</p>");
        }

        foreach (var unreadable in snapshot.Unreadable)
        {
            body.Append("<p class=\"card\"><strong>").Append(PageHtml.Encode(unreadable.IncidentId)).Append("</strong> could not be read: ")
                .Append(PageHtml.Encode(unreadable.Reason)).Append("</p>");
        }

        AppendOnCall(body, extras.OnCall);
        var recentlyEnded = snapshot.Ended.Where(r => r.Incident.LastEventAt >= now - actionItemLookback);
        AppendActionItems(body, snapshot.Open.Concat(recentlyEnded).Where(r => r.Incident.CanView(viewer)).ToList(), now);
        if (snapshot.MoreEnded)
        {
            body.Append("<p class=\"card\" id=\"more-ended\">Only the ").Append(snapshot.Ended.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" incidents that ended most recently were read; action items of incidents that ended earlier may be missing.</p>");
        }

        AppendFailedDeliveries(body, extras.FailedDeliveries);
        AppendRefusedIntakes(body, extras.RefusedIntakes);
        AppendFlaggedChanges(body, extras);
        var head = refreshSeconds > 0
            ? $"<meta http-equiv=\"refresh\" content=\"{refreshSeconds.ToString(CultureInfo.InvariantCulture)}\">"
            : "";
        return PageHtml.Document("Incidents", body.ToString(), $" data-now=\"{PageHtml.Encode(PageHtml.Iso(now))}\"", head, Script);
    }

    private static void AppendIncident(StringBuilder body, ReadIncident read, Instant now, IReadOnlyList<ChangeRecord> changes)
    {
        var incident = read.Incident;
        body.Append("<article class=\"card incident\" id=\"").Append(PageHtml.Encode(incident.Id)).Append("\"><h3>");
        if (incident.SeverityId is { } severity)
        {
            body.Append("<span class=\"badge sev\">").Append(PageHtml.Encode(severity)).Append("</span>");
        }

        body.Append("<span class=\"badge\">").Append(PageHtml.Encode(incident.Status.ToString())).Append("</span>");
        if (incident.IsRestricted)
        {
            body.Append("<span class=\"badge restricted\">restricted</span>");
        }

        body.Append(PageHtml.Encode(incident.Title ?? incident.Summary)).Append("</h3><p class=\"muted small\">")
            .Append(PageHtml.Encode(incident.Id)).Append(" · ").Append(PageHtml.Encode(incident.Service ?? "no service"))
            .Append(" · alert ").Append(PageHtml.Encode(PageHtml.Format(incident.AlertAt)));
        if (incident.AcknowledgedBy is { } acknowledgedBy)
        {
            body.Append(" · acknowledged by ").Append(PageHtml.Encode(acknowledgedBy));
        }

        if (incident.Commander is { } commander)
        {
            body.Append(" · commander ").Append(PageHtml.Encode(commander));
        }

        body.Append("</p>");
        var owed = read.Evaluation.Obligations
            .Where(o => o.State is ObligationState.Pending or ObligationState.Overdue)
            .OrderBy(o => o.DueAt)
            .ToList();
        if (owed.Count == 0)
        {
            body.Append("<p class=\"muted\">Nothing owed now.</p>");
        }

        foreach (var obligation in owed)
        {
            var overdue = obligation.State == ObligationState.Overdue || obligation.DueAt <= now;
            var left = obligation.DueAt - now;
            body.Append("<div class=\"obligation").Append(overdue ? " overdue" : "").Append("\" data-key=\"")
                .Append(PageHtml.Encode(obligation.Key)).Append("\"><span>")
                .Append(overdue ? "<strong class=\"flag\">OVERDUE</strong> " : "")
                .Append(PageHtml.Encode(obligation.Reason)).Append(" <span class=\"small\">(").Append(PageHtml.Encode(obligation.Key))
                .Append(")</span></span><span>due ").Append(PageHtml.Encode(PageHtml.Format(obligation.DueAt)))
                .Append(" · <span class=\"countdown\" data-due=\"").Append(PageHtml.Encode(PageHtml.Iso(obligation.DueAt))).Append("\">")
                .Append(PageHtml.Encode(overdue ? "OVERDUE by " + PageHtml.Span(left) : "in " + PageHtml.Span(left)))
                .Append("</span></span></div>");
        }

        if (changes.Count > 0)
        {
            body.Append("<p class=\"small\"><strong>Changes to this service in the 2 hours before the alert:</strong></p><ul class=\"small\">");
            foreach (var change in changes)
            {
                body.Append("<li>").Append(PageHtml.Encode(PageHtml.Format(change.At))).Append(" — ").Append(PageHtml.Encode(change.Summary))
                    .Append(change.Flagged ? " <span class=\"badge sev\">flagged</span>" : "").Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("</article>");
    }

    private static void AppendOnCall(StringBuilder body, IReadOnlyList<OnCallRow> rows)
    {
        body.Append("<h2>On call now</h2>");
        if (rows.Count == 0)
        {
            body.Append("<p class=\"muted\">The policy has no on-call schedules.</p>");
            return;
        }

        body.Append("<table id=\"on-call\"><tr><th>Schedule</th><th>Role</th><th>On call</th></tr>");
        foreach (var row in rows)
        {
            body.Append("<tr><td>").Append(row.Policy is null ? "" : PageHtml.Encode(row.Policy) + ": ").Append(PageHtml.Encode(row.Schedule.Name)).Append("</td><td>").Append(PageHtml.Encode(row.Schedule.Role ?? ""))
                .Append("</td><td>").Append(row.Person is null ? "<strong>nobody (gap)</strong>" : "<strong>" + PageHtml.Encode(row.Person) + "</strong>")
                .Append(row.Reason is null ? "" : " <span class=\"small muted\">" + PageHtml.Encode(row.Reason) + "</span>").Append("</td></tr>");
        }

        body.Append("</table>");
    }

    private static void AppendActionItems(StringBuilder body, IReadOnlyList<ReadIncident> incidents, Instant now)
    {
        var overdue = incidents
            .SelectMany(r => r.Evaluation.Obligations
                .Where(o => o.Kind == ObligationKind.ActionItem && (o.State == ObligationState.Overdue || (o.State == ObligationState.Pending && o.DueAt <= now)))
                .Select(o => (r.Incident, Obligation: o)))
            .OrderBy(x => x.Obligation.DueAt)
            .ToList();
        body.Append("<h2>Overdue post-mortem action items (").Append(overdue.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (overdue.Count == 0)
        {
            body.Append("<p class=\"ok\">None.</p>");
            return;
        }

        body.Append("<table id=\"action-items\"><tr><th>Incident</th><th>Item</th><th>Owner</th><th>Due</th></tr>");
        foreach (var (incident, obligation) in overdue)
        {
            var itemId = obligation.Key.StartsWith("actionItem:", StringComparison.Ordinal) ? obligation.Key["actionItem:".Length..] : null;
            var item = incident.ActionItems.FirstOrDefault(a => a.Id == itemId);
            body.Append("<tr class=\"overdue\"><td>").Append(PageHtml.Encode(incident.Id)).Append("</td><td>")
                .Append(PageHtml.Encode(item?.Action ?? obligation.Reason)).Append("</td><td>").Append(PageHtml.Encode(item?.Owner ?? ""))
                .Append("</td><td><strong>OVERDUE</strong> since ").Append(PageHtml.Encode(PageHtml.Format(obligation.DueAt))).Append("</td></tr>");
        }

        body.Append("</table>");
    }

    private static void AppendFailedDeliveries(StringBuilder body, IReadOnlyList<DeliveryRecord> failed)
    {
        body.Append("<h2>Failed deliveries (").Append(failed.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (failed.Count == 0)
        {
            body.Append("<p class=\"ok\">Every page and notification was delivered.</p>");
            return;
        }

        body.Append("<table id=\"failed-deliveries\"><tr><th>When</th><th>Incident</th><th>What</th><th>Webhook</th><th>Error</th></tr>");
        foreach (var d in failed)
        {
            body.Append("<tr><td>").Append(PageHtml.Encode(PageHtml.Format(d.At))).Append("</td><td>").Append(PageHtml.Encode(d.IncidentId))
                .Append("</td><td>").Append(PageHtml.Encode(d.ObligationKey)).Append("</td><td>").Append(PageHtml.Encode(d.Webhook))
                .Append(" (attempt ").Append(d.Attempt.ToString(CultureInfo.InvariantCulture)).Append(")</td><td>")
                .Append(PageHtml.Encode(d.Error ?? "")).Append("</td></tr>");
        }

        body.Append("</table>");
    }

    private static void AppendRefusedIntakes(StringBuilder body, IReadOnlyList<IntakeRecord> refused)
    {
        body.Append("<h2>Refused intake events (").Append(refused.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (refused.Count == 0)
        {
            body.Append("<p class=\"ok\">None recently.</p>");
            return;
        }

        body.Append("<table id=\"refused-intakes\"><tr><th>When</th><th>Source</th><th>Dedup key / incident</th><th>Reason</th></tr>");
        foreach (var r in refused)
        {
            body.Append("<tr><td>").Append(PageHtml.Encode(PageHtml.Format(r.At))).Append("</td><td>").Append(PageHtml.Encode(r.Source))
                .Append("</td><td>").Append(PageHtml.Encode(r.DedupKey ?? "")).Append(r.IncidentId is null ? "" : " " + PageHtml.Encode(r.IncidentId))
                .Append("</td><td>").Append(PageHtml.Encode(r.Reason ?? "")).Append("</td></tr>");
        }

        body.Append("</table>");
    }

    private static void AppendFlaggedChanges(StringBuilder body, DashboardExtras extras)
    {
        body.Append("<h2>Flagged changes (").Append(extras.FlaggedChanges.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>");
        if (!extras.ChangeLogConfigured)
        {
            body.Append("<p class=\"muted\">No change log is configured.</p>");
            return;
        }

        if (extras.FlaggedChanges.Count == 0)
        {
            body.Append("<p class=\"ok\">No change inside a change window without approval in the last 7 days.</p>");
            return;
        }

        body.Append("<table id=\"flagged-changes\"><tr><th>When</th><th>Service</th><th>Change</th><th>Why flagged</th></tr>");
        foreach (var c in extras.FlaggedChanges)
        {
            body.Append("<tr><td>").Append(PageHtml.Encode(PageHtml.Format(c.At))).Append("</td><td>").Append(PageHtml.Encode(c.Service))
                .Append("</td><td>").Append(PageHtml.Encode(c.Summary)).Append(c.Source is null ? "" : " <span class=\"small muted\">(" + PageHtml.Encode(c.Source) + ")</span>")
                .Append("</td><td>").Append(PageHtml.Encode(c.FlagReason ?? "")).Append("</td></tr>");
        }

        body.Append("</table>");
    }
}
