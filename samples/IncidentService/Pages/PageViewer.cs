using IncidentPolicy.Lifecycle;
using IncidentService.Shared;

namespace IncidentService.Pages;

/// <summary>Who is looking at the dashboard: the API key from the <c>X-Api-Key</c> header, else an
/// <c>Authorization: Bearer</c> header, else the <c>api_key</c> cookie (set by the sign-in form), resolved by
/// <see cref="IApiKeyActors"/>.</summary>
internal static class PageViewer
{
    /// <summary>The cookie the sign-in form sets.</summary>
    public const string CookieName = "api_key";

    /// <summary>The key the request carries, or <see langword="null"/> when it carries none.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The key as sent.</returns>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers["X-Api-Key"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > "Bearer ".Length)
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) ? cookie : null;
    }

    /// <summary>The viewer of <paramref name="request"/>, or <see langword="null"/> when it carries no known key.</summary>
    /// <param name="request">The request.</param>
    /// <param name="keys">The configured keys.</param>
    /// <returns>The actor.</returns>
    public static Actor? Find(HttpRequest request, IApiKeyActors keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return KeyOf(request) is { } key ? keys.Find(key) : null;
    }
}
