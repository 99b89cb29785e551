namespace IncidentPolicy.Orleans.Grains;

/// <summary>Chooses the id of an incident the alert intake raises. Register one in the silo's services to use your own
/// scheme (e.g. <c>INC-2026-0529-01</c>); the default is <c>INC-</c> and a random GUID.</summary>
/// <remarks>Called from many grains at once: implementations must be thread-safe, and ids must never repeat.</remarks>
public interface IIncidentIdGenerator
{
    /// <summary>A new, unused incident id.</summary>
    /// <param name="dedupKey">The alert's de-duplication key, for schemes that want it in the id.</param>
    /// <returns>The id; valid as an event-log id (no control characters, not blank).</returns>
    string NewId(string dedupKey);
}
