using IncidentPolicy.Lifecycle;

namespace IncidentService.Shared;

/// <summary>
/// Who an API key is: the configuration maps each key to an actor (a person's id and the roles the policy's permissions
/// check). The HTTP API and the dashboard read the key from the <c>X-Api-Key</c> header, an
/// <c>Authorization: Bearer</c> header, or (for a browser) the <c>api_key</c> cookie.
/// </summary>
public interface IApiKeyActors
{
    /// <summary>The actor of <paramref name="apiKey"/>, compared in constant time; <see langword="null"/> when the key
    /// is unknown.</summary>
    /// <param name="apiKey">The key as sent.</param>
    /// <returns>The actor, or <see langword="null"/>.</returns>
    Actor? Find(string apiKey);
}
