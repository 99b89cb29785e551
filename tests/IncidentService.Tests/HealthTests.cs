using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IncidentService.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_DevMode_AnswersOk()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
