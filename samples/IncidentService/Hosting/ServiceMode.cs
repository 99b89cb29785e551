namespace IncidentService.Hosting;

/// <summary>How the service keeps its state and finds its peers.</summary>
public enum ServiceMode
{
    /// <summary>One node, nothing durable: event logs and reminders in this process's memory, localhost clustering.
    /// What <c>dotnet run</c> starts with no configuration; it says so loudly at start-up.</summary>
    Dev,

    /// <summary>Event logs in PostgreSQL, clustering and reminders in Redis: several nodes, and nothing accepted is lost
    /// when one dies.</summary>
    Durable,
}
