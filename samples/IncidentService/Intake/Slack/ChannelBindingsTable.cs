namespace IncidentService.Intake.Slack;

/// <summary>Creates the durable channel-bindings table (<see cref="PostgreSqlChannelBindings.EnsureTableAsync"/>) while
/// the host starts, before it serves requests. A database that cannot be reached fails the start, as the event store's
/// own schema check does.</summary>
internal sealed class ChannelBindingsTable(PostgreSqlChannelBindings bindings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bindings.EnsureTableAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
