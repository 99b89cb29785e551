using System.Security.Claims;
using System.Text.Encodings.Web;
using IncidentPolicy.Lifecycle;
using IncidentService.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IncidentService.Api;

/// <summary>
/// Authenticates a request by its API key: <c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or (for a browser)
/// the <c>api_key</c> cookie, in that order. The principal carries the key's actor (name = actor id, a role claim per
/// organisation role) and, unless the key is read-only, the <see cref="CommandClaim"/>. A missing or unknown key is
/// answered 401 and a key without the right to command 403, both as <c>application/problem+json</c> with the reason.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyActors keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The claim a key that may send commands carries.</summary>
    public const string CommandClaim = "incident-service:command";

    /// <summary>The authorization policy of reading endpoints: any known key.</summary>
    public const string ReadPolicy = "incident-read";

    /// <summary>The authorization policy of commands: a key that is not read-only.</summary>
    public const string CommandPolicy = "incident-command";

    private const string HeaderName = "X-Api-Key";
    private const string CookieName = "api_key";
    private const string FailureKey = "incident-service:auth-failure";

    /// <summary>The actor of an authenticated principal.</summary>
    /// <param name="user">The request's user.</param>
    /// <returns>The actor with its organisation roles.</returns>
    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "", user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request, out var where);
        if (key is null)
        {
            Context.Items[FailureKey] = "An API key is required: send it as the X-Api-Key header or as Authorization: Bearer KEY.";
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var found = keys.FindKey(key);
        if (found is null)
        {
            Context.Items[FailureKey] = $"The API key sent in {where} is not known.";
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, found.Actor.Id) };
        claims.AddRange(found.Actor.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (!found.ReadOnly)
        {
            claims.Add(new Claim(CommandClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureKey] as string ?? "An API key is required.";
        Response.Headers.WWWAuthenticate = "Bearer realm=\"incident-service\"";
        await ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "API key missing or unknown", reason, "apiKey.unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var who = Context.User.Identity?.Name ?? "this key";
        await ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed", $"The API key of {who} is read-only: it may read incidents but not send commands.", "apiKey.readOnly");
    }

    private static string? KeyOf(HttpRequest request, out string where)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            where = "X-Api-Key";
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            where = "Authorization";
            return authorization[7..].Trim();
        }

        if (request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            where = "the api_key cookie";
            return cookie;
        }

        where = "";
        return null;
    }
}
