using NodaTime;
using NodaTime.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>Virtual time: waiting until an instant moves the fake clock there at once.</summary>
internal sealed class FakeTimeline(FakeClock clock) : ITimeline
{
    public IClock Clock => clock;

    public Task WaitUntilAsync(Instant target, CancellationToken cancellationToken)
    {
        if (clock.GetCurrentInstant() < target)
        {
            clock.Reset(target);
        }

        return Task.CompletedTask;
    }
}
