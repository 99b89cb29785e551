using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IncidentService.Api;

/// <summary>The API's refusals as RFC 9457 problem details (<c>application/problem+json</c>): a title, the reason as
/// <c>detail</c>, and a stable <c>code</c> a client can branch on.</summary>
internal static class ApiProblems
{
    /// <summary>Writes a problem straight to the response (for the authentication handler, outside an endpoint).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail, string code) =>
        Results.Problem(Details(status, title, detail, code)).ExecuteAsync(context);

    /// <summary>A problem result.</summary>
    public static ProblemHttpResult Result(int status, string title, string detail, string code, IDictionary<string, object?>? extensions = null)
    {
        var details = Details(status, title, detail, code);
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return TypedResults.Problem(details);
    }

    /// <summary>400: the request cannot be read; <paramref name="reason"/> says where and why.</summary>
    public static ProblemHttpResult BadRequest(string reason, string code = "request.invalid", string? path = null) =>
        Result(StatusCodes.Status400BadRequest, "Bad request", reason, code, path is null ? null : new Dictionary<string, object?> { ["path"] = path });

    /// <summary>404: the same answer for an incident that does not exist and one the caller may not see.</summary>
    public static ProblemHttpResult NotFound(string id) =>
        Result(StatusCodes.Status404NotFound, "Not found", $"There is no incident '{id}' that you may see.", "incident.notFound");

    private static ProblemDetails Details(int status, string title, string detail, string code)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        details.Extensions["code"] = code;
        return details;
    }
}
