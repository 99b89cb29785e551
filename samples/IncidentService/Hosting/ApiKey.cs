using IncidentPolicy.Lifecycle;

namespace IncidentService.Hosting;

/// <summary>An API key as the service uses it: the secret, its actor and whether it may send commands.</summary>
/// <param name="Key">The secret.</param>
/// <param name="Actor">Who the key is.</param>
/// <param name="ReadOnly">Whether commands are refused (403).</param>
public sealed record ApiKey(string Key, Actor Actor, bool ReadOnly);
