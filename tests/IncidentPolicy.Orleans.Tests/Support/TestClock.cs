using System.Diagnostics;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>
/// The grains' clock in tests: starts at a chosen instant and runs at real speed, so grain timers and reminders
/// (which wait in real time) mean what they say; <see cref="Advance"/> jumps forward, <see cref="Freeze"/> stops it
/// at an instant (for driving a recorded timeline event by event). Thread-safe; one instance is shared by every silo.
/// </summary>
internal sealed class TestClock : IClock
{
    private readonly Lock _gate = new();
    private Instant _origin;
    private long _startTicks;
    private bool _frozen;

    public TestClock(Instant start)
    {
        _origin = start;
        _startTicks = Stopwatch.GetTimestamp();
    }

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            return _frozen ? _origin : _origin + Duration.FromTimeSpan(Stopwatch.GetElapsedTime(_startTicks));
        }
    }

    public void Advance(Duration by)
    {
        lock (_gate)
        {
            _origin += by;
        }
    }

    /// <summary>Stops the clock at <paramref name="at"/> until <see cref="Run"/>.</summary>
    public void Freeze(Instant at)
    {
        lock (_gate)
        {
            _origin = at;
            _frozen = true;
        }
    }

    /// <summary>Lets the clock run again at real speed from where it stands.</summary>
    public void Run()
    {
        lock (_gate)
        {
            _frozen = false;
            _startTicks = Stopwatch.GetTimestamp();
        }
    }
}
