using System.Text;

namespace IncidentService.Pages;

/// <summary>An HTML page with a status code other than 200 (the sign-in page answers 401 with
/// <c>WWW-Authenticate</c>).</summary>
/// <param name="status">The status code.</param>
/// <param name="html">The document.</param>
/// <param name="authenticate">The <c>WWW-Authenticate</c> scheme to announce, or <see langword="null"/>.</param>
internal sealed class HtmlResult(int status, string html, string? authenticate) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.Headers.CacheControl = "no-store";
        if (authenticate is not null)
        {
            httpContext.Response.Headers.WWWAuthenticate = authenticate;
        }

        await httpContext.Response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }
}
