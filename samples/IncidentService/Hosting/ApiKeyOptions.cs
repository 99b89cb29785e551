namespace IncidentService.Hosting;

/// <summary>One API key and who it is (configuration <c>IncidentService:ApiKeys:N</c>).</summary>
/// <remarks>A plain options object, bound from configuration and validated once at start-up.</remarks>
public sealed class ApiKeyOptions
{
    /// <summary>The secret the client sends (<c>X-Api-Key</c>, <c>Authorization: Bearer</c>). At least 16 characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>The actor's id: the person id the policy knows (e.g. <c>sarah</c>) or a bot's name.</summary>
    public string Actor { get; set; } = "";

    /// <summary>The organisation roles the policy's permissions check (e.g. <c>engineering-manager</c>).</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>When true the key may read incidents but not send commands: a command answers 403. Default false.</summary>
    public bool ReadOnly { get; set; }
}
