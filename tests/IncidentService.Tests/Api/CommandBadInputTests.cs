using System.Net;
using System.Text;
using IncidentPolicy.Orleans.Grains;
using IncidentService.Tests.Hosting;

namespace IncidentService.Tests.Api;

/// <summary>Every way a command request can be unreadable gets 400 with where and why, and changes nothing.</summary>
public sealed class CommandBadInputTests(ServiceHost service) : IClassFixture<ServiceHost>
{
    public static TheoryData<string, string, string, string> Bodies => new()
    {
        // body, content type, expected path, a word of the reason
        { "{\"command\":\"acknowledge\"", "application/json", "$", "JSON" },
        { "not json at all", "application/json", "$", "JSON" },
        { "[]", "application/json", "$", "object" },
        { "\"acknowledge\"", "application/json", "$", "object" },
        { "{}", "application/json", "$.command", "command" },
        { "{\"command\":\"makeCoffee\"}", "application/json", "$.command", "makeCoffee" },
        { "{\"command\":42}", "application/json", "$.command", "string" },
        { "{\"command\":\"acknowledge\",\"extra\":1}", "application/json", "$.extra", "extra" },
        { "{\"command\":\"acknowledge\",\"command\":\"acknowledge\"}", "application/json", "$.command", "duplicate" },
        { "{\"command\":\"declare\",\"severity\":\"SEV-1\"}", "application/json", "$.title", "title" },
        { "{\"command\":\"declare\",\"severity\":1,\"title\":\"x\"}", "application/json", "$.severity", "string" },
        { "{\"command\":\"declare\",\"severity\":\"SEV-1\",\"title\":\"  \"}", "application/json", "$.title", "blank" },
        { "{\"command\":\"postStatusUpdate\",\"audience\":\"everyone\",\"message\":\"hi\"}", "application/json", "$.audience", "everyone" },
        { "{\"command\":\"acknowledge\"} // comment", "application/json", "$", "JSON" },
        { "command=acknowledge", "application/x-www-form-urlencoded", "$", "JSON" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task PostCommand_UnreadableBody_Answers400WithPathAndReasonAndChangesNothing(string body, string contentType, string path, string word)
    {
        var (id, etag) = await IncidentAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await IncidentApiTests.PostAsync(client, id, body, etag, contentType);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "command.invalid");
        Assert.Equal(path, problem.GetProperty("path").GetString());
        Assert.Contains(word, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }

    [Fact]
    public async Task PostCommand_EmptyBody_Answers400()
    {
        var (id, etag) = await IncidentAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await IncidentApiTests.PostAsync(client, id, "", etag);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "command.invalid");
        Assert.Contains("empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommand_NotUtf8_Answers400()
    {
        var (id, etag) = await IncidentAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/commands")
        {
            Content = new ByteArrayContent([.. "{\"command\":\"addNote\",\"text\":\""u8, 0xFF, 0xFE, .. "\"}"u8]),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        using var response = await client.SendAsync(request);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "command.invalid");
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }

    [Fact]
    public async Task PostCommand_LargerThanOneMebibyte_Answers400()
    {
        var (id, etag) = await IncidentAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);
        var body = "{\"command\":\"addNote\",\"text\":\"" + new string('a', 1024 * 1024) + "\"}";

        using var response = await IncidentApiTests.PostAsync(client, id, body, etag);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "command.invalid");
        Assert.Contains("larger than 1 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }

    [Theory]
    [InlineData("*", "*")]
    [InlineData("W/\"1\"", "weak")]
    [InlineData("\"1\", \"2\"", "exactly one")]
    [InlineData("\"abc\"", "version number")]
    [InlineData("1", "version number")]
    [InlineData("\"-1\"", "version number")]
    [InlineData("\"007\"", "version number")]
    [InlineData("\"99999999999\"", "version number")]
    public async Task PostCommand_UnreadableIfMatch_Answers400AndChangesNothing(string ifMatch, string word)
    {
        var (id, etag) = await IncidentAsync();
        using var client = service.ClientWithKey(ServiceHost.EngineerKey);

        using var response = await IncidentApiTests.PostAsync(client, id, """{"command":"acknowledge"}""", ifMatch);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "precondition.invalid");
        Assert.Equal("If-Match", problem.GetProperty("path").GetString());
        Assert.Contains(word, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }

    private async Task<(string Id, string ETag)> IncidentAsync()
    {
        var id = await service.RaiseAsync();
        await service.SettleAsync(id);
        return (id, $"\"{await service.Grains.GetGrain<IIncidentGrain>(id).GetVersionAsync()}\"");
    }
}
