using IncidentService.Intake.Slack;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>A binding store that is down: every write throws, as a database that cannot be reached does, and so does
/// every lookup unless <paramref name="failFinds"/> is false (then a lookup finds no binding).</summary>
/// <param name="failFinds">Whether lookups fail too.</param>
internal sealed class FailingChannelBindings(bool failFinds = true) : IChannelBindings
{
    private int _calls;

    /// <summary>How many calls were made.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Task<string?> FindAsync(string channelId, CancellationToken cancellationToken) =>
        failFinds ? Fail<string?>() : Task.FromResult<string?>(null);

    public Task<bool> BindIfFreeAsync(string channelId, string incidentId, CancellationToken cancellationToken) => Fail<bool>();

    public Task BindAsync(string channelId, string incidentId, CancellationToken cancellationToken) => Fail<bool>();

    private Task<TResult> Fail<TResult>()
    {
        Interlocked.Increment(ref _calls);
        return Task.FromException<TResult>(new TimeoutException("the binding store did not answer"));
    }
}
