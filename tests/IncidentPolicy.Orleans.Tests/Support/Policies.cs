namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>Policies for grain tests.</summary>
internal static class Policies
{
    /// <summary>The default policy with its minutes turned into seconds (acknowledge in 3 s, the manager paged after
    /// 10 s), so wake-ups come within a test's patience through the real timer and reminder services.</summary>
    public static ResponsePolicy Fast { get; } = PolicyJson.Parse(
        PolicyJson.Serialize(ResponsePolicy.Default).Replace("\"PT5M\"", "\"PT3S\"", StringComparison.Ordinal).Replace("\"PT30M\"", "\"PT10S\"", StringComparison.Ordinal));
}
