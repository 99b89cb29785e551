using System.Net;
using System.Text.Json;

namespace IncidentService.Tests.Api;

/// <summary>Assertions on the API's answers.</summary>
internal static class ApiAssert
{
    /// <summary>Asserts a problem-details answer with <paramref name="status"/> and <paramref name="code"/>, a non-blank
    /// reason, and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        Assert.Equal(code, root.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("detail").GetString()));
        return root;
    }

    public static string ETag(HttpResponseMessage response) =>
        response.Headers.ETag?.Tag ?? throw new Xunit.Sdk.XunitException($"No ETag on {(int)response.StatusCode}.");
}
