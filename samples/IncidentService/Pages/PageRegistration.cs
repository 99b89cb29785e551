using System.Text;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentService.Intake;
using IncidentService.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>Adds the public status page (<c>/status</c>) and the internal dashboard (<c>/</c>, with its sign-in form
/// at <c>POST /sign-in</c>) to the service.</summary>
public static class PageRegistration
{
    private const string HtmlType = "text/html; charset=utf-8";
    private static readonly Duration ChangesBeforeAlert = Duration.FromHours(2);
    private static readonly Duration FlaggedChangesWindow = Duration.FromDays(7);

    /// <summary>Registers what the pages need: their options and the reader, and a
    /// <see cref="ServiceJournal"/> unless one is registered. The pages also use the silo's grains, event store and
    /// <see cref="IClock"/>, the host's <see cref="IApiKeyActors"/> (dashboard) and, when registered, its
    /// <see cref="IChangeLog"/>.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIncidentPages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IncidentPagesOptions>();
        services.TryAddSingleton<ServiceJournal>();
        services.TryAddSingleton(IncidentLogReader.Create);
        services.TryAddSingleton<IncidentReader>();
        return services;
    }

    /// <summary>Maps <c>GET /status</c> (public), <c>GET /</c> (the dashboard; 401 page without a known API key) and
    /// <c>POST /sign-in</c> (a form field <c>api_key</c>; sets the <c>api_key</c> cookie and returns to the
    /// dashboard).</summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <returns>The endpoints.</returns>
    public static IEndpointRouteBuilder MapIncidentPages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/status", StatusAsync).ExcludeFromDescription();
        endpoints.MapGet("/", DashboardAsync).ExcludeFromDescription();
        endpoints.MapPost("/sign-in", (Delegate)SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> StatusAsync(IncidentReader reader, IOptions<IncidentPagesOptions> options, ILogger<IncidentReader> logger, CancellationToken cancellationToken)
    {
        if (await TryReadAsync(reader, logger, cancellationToken) is not { } snapshot)
        {
            return Unavailable();
        }

        return Results.Content(StatusPage.Render(snapshot, options.Value.ResolvedWindow), HtmlType, Encoding.UTF8);
    }

    private static async Task<IResult> DashboardAsync(HttpContext context, IncidentReader reader, IOptions<IncidentPagesOptions> options, ILogger<IncidentReader> logger, CancellationToken cancellationToken)
    {
        var keys = context.RequestServices.GetService<IApiKeyActors>();
        var viewer = keys is null ? null : PageViewer.Find(context.Request, keys);
        if (viewer is null)
        {
            return SignInPage(
                keys is null ? "No API keys are configured for this service."
                : PageViewer.KeyOf(context.Request) is null ? "The dashboard needs an API key."
                : "That API key is not known.");
        }

        if (await TryReadAsync(reader, logger, cancellationToken) is not { } snapshot)
        {
            return Unavailable();
        }

        var extras = await ExtrasAsync(context.RequestServices, reader, snapshot, viewer, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(DashboardPage.Render(snapshot, extras, viewer, options.Value.DashboardRefreshSeconds, options.Value.ActionItemLookback), HtmlType, Encoding.UTF8);
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status400BadRequest, "The sign-in form must be sent as application/x-www-form-urlencoded with a field api_key.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The sign-in form could not be read: " + e.Message);
        }

        var key = form["api_key"].ToString().Trim();
        if (key.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The sign-in form has no api_key field, or it is empty.");
        }

        var keys = context.RequestServices.GetService<IApiKeyActors>();
        if (keys?.Find(key) is null)
        {
            return SignInPage("That API key is not known.");
        }

        context.Response.Cookies.Append(PageViewer.CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = "/",
        });
        return Results.Redirect("/", permanent: false);
    }

    private static IResult SignInPage(string reason)
    {
        var body = "<h1>Sign in</h1><p class=\"card\" id=\"reason\">" + PageHtml.Encode(reason) + "</p>"
            + "<p>Send an API key in the <code>X-Api-Key</code> header or as <code>Authorization: Bearer …</code>, or enter it here "
            + "(kept in a cookie on this device).</p>"
            + "<form method=\"post\" action=\"/sign-in\"><label for=\"api_key\">API key</label><br>"
            + "<input id=\"api_key\" name=\"api_key\" type=\"password\" autocomplete=\"current-password\" required> "
            + "<button type=\"submit\">Sign in</button></form>"
            + "<p><a href=\"/status\">Public status page</a></p>";
        return new HtmlResult(StatusCodes.Status401Unauthorized, PageHtml.Document("Sign in", body), "Bearer");
    }

    /// <summary>Reads the snapshot, or nothing when the open-incident index cannot answer (the event store down, no silo
    /// reachable, a call timed out): the page then answers 503 with a plain page rather than an error page. The
    /// failure is logged with its exception.</summary>
    private static async Task<PageSnapshot?> TryReadAsync(IncidentReader reader, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadSharedAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The incident pages could not read the open incidents");
            return null;
        }
    }

    private static IResult Unavailable() => new HtmlResult(
        StatusCodes.Status503ServiceUnavailable,
        PageHtml.Document("Unavailable", "<h1>Status unavailable</h1><p class=\"card\">The incident store cannot be reached right now; this page will work again when it can. Try again in a minute.</p>"),
        authenticate: null);

    private static IResult Problem(int status, string reason) => Results.Problem(detail: reason, statusCode: status);

    private static async Task<DashboardExtras> ExtrasAsync(IServiceProvider services, IncidentReader reader, PageSnapshot snapshot, Actor viewer, CancellationToken cancellationToken)
    {
        var now = snapshot.Now;
        var journal = services.GetRequiredService<ServiceJournal>();
        var changeLog = services.GetService<IChangeLog>();

        // Rows of the journal name incidents; a viewer sees a row only when they may see its incident.
        var known = snapshot.Open.Concat(snapshot.Ended).ToDictionary(r => r.Incident.Id, r => r.Incident, StringComparer.Ordinal);
        var failed = journal.FailedDeliveries();
        var refused = journal.RecentIntakes().Where(r => !r.Accepted).ToList();
        var unknown = failed.Select(d => d.IncidentId).Concat(refused.Select(r => r.IncidentId).OfType<string>())
            .Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).Take(50).ToList();
        var hidden = new HashSet<string>(known.Values.Where(i => !i.CanView(viewer)).Select(i => i.Id), StringComparer.Ordinal);
        foreach (var (id, read, _) in await Task.WhenAll(unknown.Select(id => reader.ReadOneAsync(id, now))))
        {
            if (read is not null && !read.Incident.CanView(viewer))
            {
                hidden.Add(id);
            }
        }

        var recentChanges = new Dictionary<string, IReadOnlyList<ChangeRecord>>(StringComparer.Ordinal);
        IReadOnlyList<ChangeRecord> flagged = [];
        if (changeLog is not null)
        {
            foreach (var read in snapshot.Open.Where(r => r.Incident.Service is not null && r.Incident.CanView(viewer)))
            {
                var incident = read.Incident;
                recentChanges[incident.Id] = await changeLog.ForServiceAsync(incident.Service!, incident.AlertAt - ChangesBeforeAlert, incident.AlertAt, cancellationToken);
            }

            flagged = await changeLog.FlaggedAsync(now - FlaggedChangesWindow, cancellationToken);
        }

        return new DashboardExtras(
            OnCall(CurrentPolicies(services, reader), snapshot, now),
            [.. failed.Where(d => !hidden.Contains(d.IncidentId))],
            [.. refused.Where(r => r.IncidentId is null || !hidden.Contains(r.IncidentId))],
            flagged,
            recentChanges,
            changeLog is not null);
    }

    /// <summary>The policies incidents are raised under now, by name: the host's (<c>default</c>) and each team's
    /// (<see cref="IntakePolicies"/>, when the intakes are registered).</summary>
    private static List<(string Name, ResponsePolicy Policy)> CurrentPolicies(IServiceProvider services, IncidentReader reader)
    {
        var current = new List<(string Name, ResponsePolicy Policy)> { (IntakePolicies.DefaultName, reader.HostPolicy) };
        if (services.GetService<IntakePolicies>() is { } intake)
        {
            current.AddRange(intake.Names.Where(n => n != IntakePolicies.DefaultName).Select(n => (n, intake.Find(n)!)));
        }

        return current;
    }

    /// <summary>Who is on call now: every schedule of every current policy — labelled with the policy's name when a
    /// deployment serves several teams, since two teams may both have a schedule called <c>primary</c> — then the
    /// schedules of older policies that open incidents were raised under, unless a current policy already shows a
    /// schedule with that id.</summary>
    private static List<OnCallRow> OnCall(IReadOnlyList<(string Name, ResponsePolicy Policy)> current, PageSnapshot snapshot, Instant now)
    {
        var rows = new List<OnCallRow>();
        var labelled = current.Count > 1;
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var currentHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, policy) in current)
        {
            if (!currentHashes.Add(policy.ContentHash))
            {
                continue;
            }

            foreach (var schedule in policy.Schedules)
            {
                shown.Add(schedule.Id);
                rows.Add(Row(policy, schedule, labelled ? name : null, now));
            }
        }

        var older = snapshot.Open.Select(r => r.Incident.Policy)
            .Where(p => !currentHashes.Contains(p.ContentHash))
            .DistinctBy(p => p.ContentHash, StringComparer.Ordinal);
        foreach (var policy in older)
        {
            foreach (var schedule in policy.Schedules.Where(s => shown.Add(s.Id)))
            {
                rows.Add(Row(policy, schedule, null, now));
            }
        }

        return rows;
    }

    private static OnCallRow Row(ResponsePolicy policy, IncidentPolicy.OnCall.Schedule schedule, string? team, Instant now)
    {
        var assignment = schedule.OnCallAt(now);
        var person = assignment is null ? null : policy.FindPerson(assignment.PersonId);
        return new OnCallRow(
            schedule,
            assignment is null ? null : person is null ? assignment.PersonId : $"{person.Name} ({person.Id})",
            assignment?.ToString(),
            team);
    }
}
