namespace IncidentPolicy.Orleans.Grains;

/// <summary>The default id generator: <c>INC-</c> and a random GUID's 32 hex digits.</summary>
internal sealed class GuidIncidentIdGenerator : IIncidentIdGenerator
{
    public string NewId(string dedupKey) => "INC-" + Guid.NewGuid().ToString("N");
}
