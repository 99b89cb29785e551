using BenchmarkDotNet.Attributes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using NodaTime;
using Stateless;

namespace IncidentPolicy.Benchmarks;

/// <summary>
/// <c>Incident.Apply</c> against the floor of this design: a bare Stateless <c>Fire</c> on a preconfigured machine
/// with external state. "Machine per command" is the rejected alternative, measured so the choice stays honest.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LifecycleBenchmarks
{
    private static readonly Instant AlertAt = Instant.FromUtc(2026, 5, 29, 4, 2);
    private static readonly Actor Monitoring = new("monitoring");
    private static readonly Actor Alex = new("alex", "on-call-engineer");
    private static readonly Actor Sarah = new("sarah");

    private readonly Acknowledge _acknowledge = new();
    private readonly Resolve _resolve = new();
    private Incident _triggered = null!;
    private Incident _withCommander = null!;
    private StateMachine<LifecycleState, CommandKind> _bare = null!;
    private LifecycleState _bareState;

    [GlobalSetup]
    public void Setup()
    {
        _triggered = Incident.Raise(ResponsePolicy.Default, "INC-1", new RaiseAlert("Checkout error rate > 5%"), Monitoring, AlertAt).Incident!;
        _withCommander = Step(Step(Step(_triggered, new Acknowledge(), Alex, 5), new Declare("SEV-1", "checkout errors"), Alex, 10), new AssignCommander("sarah"), Alex, 10);
        _bare = new StateMachine<LifecycleState, CommandKind>(() => _bareState, s => _bareState = s, FiringMode.Immediate);
        _bare.Configure(LifecycleState.Triggered).Permit(CommandKind.Acknowledge, LifecycleState.Acknowledged);
        _bare.Configure(LifecycleState.Acknowledged);
    }

    [Benchmark(Baseline = true, Description = "bare Stateless Fire (floor)")]
    public int BareStatelessFire()
    {
        _bareState = LifecycleState.Triggered;
        _bare.Fire(CommandKind.Acknowledge);
        return (int)_bareState;
    }

    [Benchmark(Description = "Apply(acknowledge)")]
    public ApplyResult ApplyAcknowledge() => _triggered.Apply(_acknowledge, Alex, AlertAt + Duration.FromMinutes(5), 1);

    [Benchmark(Description = "Apply(resolve) with its guards")]
    public ApplyResult ApplyResolve() => _withCommander.Apply(_resolve, Sarah, AlertAt + Duration.FromMinutes(45), 4);

    [Benchmark(Description = "machine built per command (rejected design)")]
    public int MachinePerCommand()
    {
        var state = LifecycleState.Triggered;
        var machine = LifecycleMachine.Build(() => state, s => state = s, FiringMode.Immediate, _ => true);
        machine.Fire(CommandKind.Acknowledge);
        return (int)state;
    }

    private static Incident Step(Incident incident, IncidentCommand command, Actor actor, int minutes) =>
        incident.Apply(command, actor, AlertAt + Duration.FromMinutes(minutes), incident.Version).Incident!;
}

/// <summary>Rebuilding an incident from 1,000 already-parsed events.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ReplayBenchmarks
{
    private IncidentEvent[] _events = null!;

    [GlobalSetup]
    public void Setup()
    {
        var t = Instant.FromUtc(2026, 5, 29, 4, 2);
        var events = new List<IncidentEvent>
        {
            new AlertFired(t, "monitoring", "Checkout error rate > 5%"),
            new Acknowledged(t + Duration.FromMinutes(5), "alex"),
            new Declared(t + Duration.FromMinutes(10), "alex", "SEV-1", "checkout errors"),
            new CommanderAssigned(t + Duration.FromMinutes(10), "alex", "sarah"),
        };
        for (var i = events.Count; i < 1000; i++)
        {
            var at = t + Duration.FromSeconds(600 + i);
            events.Add((i % 3) switch
            {
                0 => new StatusUpdatePosted(at, "sarah", StatusAudience.External, "Still investigating."),
                1 => new NoteAdded(at, "alex", "Checked the deployment log."),
                _ => new ImpactRecorded(at, "sarah", "failedCheckouts", i, null),
            });
        }

        _events = [.. events];
    }

    [Benchmark(Baseline = true, Description = "Replay(1,000 events)")]
    public Incident Replay() => Incident.Replay(ResponsePolicy.Default, "INC-1", _events);

    [Benchmark(Description = "ReplayLenient(1,000 events)")]
    public ReplayResult ReplayLenient() => Incident.ReplayLenient(ResponsePolicy.Default, "INC-1", _events);
}
