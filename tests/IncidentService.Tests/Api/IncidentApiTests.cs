using System.Net;
using System.Text;
using System.Text.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Serialization;
using IncidentService.Tests.Hosting;

namespace IncidentService.Tests.Api;

public sealed class IncidentApiTests(ServiceHost service) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task GetIncident_Existing_AnswersStateAndEvaluationWithTheVersionAsETag()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var incident = body.RootElement.GetProperty("incident");
        Assert.Equal(id, incident.GetProperty("id").GetString());
        Assert.Equal("triggered", incident.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("evaluation").GetProperty("obligations").GetArrayLength() > 0);
        Assert.Equal($"\"{incident.GetProperty("version").GetInt32()}\"", ApiAssert.ETag(response));
        Assert.Equal($"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"", ApiAssert.ETag(response));
    }

    [Fact]
    public async Task GetEvents_Existing_AnswersTheEventLogDocument()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri($"/api/incidents/{id}/events", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = EventLogJson.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(id, log.IncidentId);
        Assert.IsType<AlertFired>(log.Events[0]);
        Assert.Equal($"\"{log.Events.Count}\"", ApiAssert.ETag(response));
    }

    [Fact]
    public async Task List_Default_ListsOpenIncidents()
    {
        var id = await service.RaiseAsync("Payments latency");
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri("/api/incidents?status=open", UriKind.Relative));
        using var defaulted = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var listed = Assert.Single(body.RootElement.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Equal("triggered", listed.GetProperty("status").GetString());
        Assert.Equal("Payments latency", listed.GetProperty("summary").GetString());
        Assert.Equal("2026-05-29T14:00:00Z", listed.GetProperty("alertAt").GetString());
        Assert.Contains(id, await defaulted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all", "query.statusUnsupported")]
    [InlineData("closed", "query.statusInvalid")]
    [InlineData("", "query.statusInvalid")]
    public async Task List_OtherStatus_Answers400(string status, string code)
    {
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri($"/api/incidents?status={status}", UriKind.Relative));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal("status", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task PostCommand_CurrentIfMatch_Answers201WithTheEventAndTheNewETag()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        var etag = await ETagOfAsync(client, id);

        using var response = await PostAsync(client, id, """{"command":"acknowledge"}""", etag);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var version = int.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) + 1;
        Assert.Equal($"\"{version}\"", ApiAssert.ETag(response));
        Assert.Equal($"/api/incidents/{id}", response.Headers.Location?.ToString());
        using var body = JsonDocument.Parse(text);
        Assert.Equal(version, body.RootElement.GetProperty("version").GetInt32());
        var @event = body.RootElement.GetProperty("event");
        Assert.Equal("acknowledged", @event.GetProperty("type").GetString());
        Assert.Equal("alex", @event.GetProperty("by").GetString());
        Assert.Equal("2026-05-29T14:00:00Z", @event.GetProperty("at").GetString());
        Assert.Equal(version, await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync());
    }

    [Fact]
    public async Task PostCommand_NoIfMatch_Answers428WithTheCurrentETagAndChangesNothing()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        var before = await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await PostAsync(client, id, """{"command":"acknowledge"}""", ifMatch: null);

        var problem = await ApiAssert.ProblemAsync(response, (HttpStatusCode)428, "precondition.required");
        Assert.Equal($"\"{before}\"", ApiAssert.ETag(response));
        Assert.Equal(before, problem.GetProperty("version").GetInt32());
        Assert.Equal(before, await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync());
    }

    [Fact]
    public async Task PostCommand_StaleIfMatch_Answers412WithTheCurrentETagAndChangesNothing()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        var stale = await ETagOfAsync(client, id);
        var current = await service.ApplyAsync(id, new AddNote("looking at dashboards"), ServiceHost.Engineer);

        using var response = await PostAsync(client, id, """{"command":"acknowledge"}""", stale);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed, "precondition.failed");
        Assert.Equal($"\"{current}\"", ApiAssert.ETag(response));
        Assert.Equal(current, problem.GetProperty("version").GetInt32());
        Assert.Equal(current, await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync());
    }

    [Fact]
    public async Task PostCommand_PolicyRejects_Answers422WithCodeReasonAndRule()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.OutsiderKey);
        var etag = await ETagOfAsync(client, id);

        // The seed lets only on-call engineers, commanders, managers and team leads declare.
        using var response = await PostAsync(client, id, """{"command":"declare","severity":"SEV-1","title":"Checkout down"}""", etag);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "notPermitted");
        Assert.Equal("permissions.declare", problem.GetProperty("rule").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("reason").GetString());
        Assert.Equal(etag, ApiAssert.ETag(response));
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }

    [Theory]
    [InlineData("notification")]
    [InlineData("reminder")]
    public async Task PostCommand_RecordOfADelivery_Answers403AndRecordsNothing(string what)
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        using var client = service.ClientWithKey(ServiceHost.ManagerKey);
        var etag = await ETagOfAsync(client, id);
        IncidentCommand forged = what == "notification"
            ? new RecordNotification("escalate:page-engineering-manager#1", "role:engineering-manager")
            : new RecordReminder("communicate:external#1");

        // Through the API this would mark the manager's page as sent before the service sends it: it would never go out.
        using var response = await PostAsync(client, id, IncidentCommandJson.Serialize(forged), etag);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "command.serviceOnly");
        Assert.Contains(what == "notification" ? "recordNotification" : "recordReminder", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
        Assert.DoesNotContain(await service.EventsAsync(id), e => e.GetProperty("by").GetString() == "mia");
    }

    [Fact]
    public async Task Get_MissingIncident_Answers404()
    {
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await client.GetAsync(new Uri("/api/incidents/INC-does-not-exist", UriKind.Relative));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "incident.notFound");
    }

    [Fact]
    public async Task Restricted_ActorWhoMayNotView_GetsTheSameAnswerAsForAMissingIncidentEverywhere()
    {
        var id = await RaiseRestrictedAsync();
        var missing = "INC-" + Guid.NewGuid().ToString("N")[..12];
        using var outsider = service.ClientWithKey(ServiceHost.OutsiderKey);
        var before = await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync();

        foreach (var path in new[] { "", "/events" })
        {
            using var restricted = await outsider.GetAsync(new Uri($"/api/incidents/{id}{path}", UriKind.Relative));
            using var absent = await outsider.GetAsync(new Uri($"/api/incidents/{missing}{path}", UriKind.Relative));
            await ApiAssert.ProblemAsync(restricted, HttpStatusCode.NotFound, "incident.notFound");
            // The same body but for the id asked about and the request's own trace id.
            Assert.Equal(
                WithoutTraceId((await absent.Content.ReadAsStringAsync()).Replace(missing, "ID", StringComparison.Ordinal)),
                WithoutTraceId((await restricted.Content.ReadAsStringAsync()).Replace(id, "ID", StringComparison.Ordinal)));
            Assert.Equal(absent.Content.Headers.ContentType, restricted.Content.Headers.ContentType);
            Assert.Null(restricted.Headers.ETag);
        }

        using var command = await PostAsync(outsider, id, """{"command":"acknowledge"}""", $"\"{before}\"");
        await ApiAssert.ProblemAsync(command, HttpStatusCode.NotFound, "incident.notFound");
        Assert.Equal(before, await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync());

        using var list = await outsider.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        Assert.DoesNotContain(id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_RestrictedViewerRoleOrParticipant_SeesIt()
    {
        var id = await RaiseRestrictedAsync();
        using var manager = service.ClientWithKey(ServiceHost.ManagerKey);
        using var engineer = service.ClientWithKey(ServiceHost.EngineerKey);

        using var byManager = await manager.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));
        using var listed = await manager.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        using var byParticipant = await engineer.GetAsync(new Uri($"/api/incidents/{id}/events", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        Assert.Contains("\"restricted\": true", await byManager.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byParticipant.StatusCode);
    }

    /// <summary>A restricted incident that alex (on call) acknowledged, so alex takes part and olly does not.</summary>
    private async Task<string> RaiseRestrictedAsync()
    {
        var id = await service.RaiseAsync("Customer data visible to other customers");
        await service.SettleAsync(id);
        await service.ApplyAsync(id, new Acknowledge(), ServiceHost.Engineer);
        await service.ApplyAsync(id, new RaiseFlag("dataBreachSuspected"), ServiceHost.Engineer);
        await service.SettleAsync(id);
        return id;
    }

    private static string WithoutTraceId(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        Assert.True(node.Remove("traceId"));
        return node.ToJsonString();
    }

    private static async Task<string> ETagOfAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ApiAssert.ETag(response);
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string id, string body, string? ifMatch, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
