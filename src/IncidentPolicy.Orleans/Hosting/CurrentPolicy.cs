namespace IncidentPolicy.Orleans.Hosting;

/// <summary>The host's current policy: the one new incidents are raised under. Open incidents keep the policy they
/// were opened under (by content hash) until migrated.</summary>
internal sealed class CurrentPolicy(ResponsePolicy policy)
{
    public ResponsePolicy Policy { get; } = policy;
}
