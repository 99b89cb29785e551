using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Hostile;

/// <summary>
/// Cost grows linearly with the input: the work counted for an input ten times as long is at most twelve times the
/// work for the shorter one — counted, not timed, as the steps of the library's loops (<see cref="WorkMeter"/>). The
/// bytes allocated on the thread are held to fifteen times: immutable collections copy a path of log n nodes per
/// change and arrays grow by doubling, so n log n allocation shows as about 13× between 1,000 and 10,000, while a
/// quadratic copy shows as 100×. Each long log is one of the shapes that once made a fold quadratic (a scan of every
/// obligation or of every role, flag, impact or action item on each event).
/// </summary>
public class LinearGrowthTests(ITestOutputHelper output)
{
    private const double Allowed = 12;
    private const double AllowedBytes = 15;
    private static readonly ResponsePolicy Policy = ResponsePolicy.Default;
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 4, 0);

    /// <summary>Work counted by the meter and the allocator.</summary>
    internal readonly record struct Work(long Steps, long Bytes);

    internal static Work Measure(Action action)
    {
        var steps = WorkMeter.Steps;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        action();
        return new Work(WorkMeter.Steps - steps, GC.GetAllocatedBytesForCurrentThread() - bytes);
    }

    /// <summary>Runs <paramref name="run"/> on inputs of size <paramref name="n"/> and 10 × <paramref name="n"/> (after
    /// one warm-up run) and says whether the steps grew at most <see cref="Allowed"/> times and the bytes at most
    /// <see cref="AllowedBytes"/> times, with the numbers.</summary>
    internal static (bool Linear, string Report) Grows(string what, Func<int, Action> run, int n)
    {
        run(n)();
        var small = Measure(run(n));
        var large = Measure(run(10 * n));
        var stepRatio = small.Steps == 0 ? (large.Steps == 0 ? 1 : double.PositiveInfinity) : (double)large.Steps / small.Steps;
        var byteRatio = (double)large.Bytes / Math.Max(1, small.Bytes);
        var linear = stepRatio <= Allowed && byteRatio <= AllowedBytes;
        return (linear, $"{what}: n={n:N0} → {10 * n:N0}: steps {small.Steps:N0} → {large.Steps:N0} (×{stepRatio:F1}), bytes {small.Bytes:N0} → {large.Bytes:N0} (×{byteRatio:F1})");
    }

    private void AssertLinear(string what, Func<int, Action> run, int n = 1_000)
    {
        var (linear, report) = Grows(what, run, n);
        output.WriteLine(report);
        Assert.True(linear, report);
    }

    /// <summary>An incident's log of <paramref name="n"/> events after the alert, acknowledgement and declaration, each
    /// made by <paramref name="make"/> from its index and instant (30 seconds apart).</summary>
    internal static List<IncidentEvent> Log(int n, Func<int, Instant, IncidentEvent> make, bool resolvedFirst = false)
    {
        var events = new List<IncidentEvent>(n + 6)
        {
            new AlertFired(T0, "monitoring", "checkout errors", "checkout", "SEV-1"),
            new Acknowledged(T0 + Duration.FromMinutes(1), "alex"),
            new Declared(T0 + Duration.FromMinutes(2), "alex", "SEV-1", "checkout outage"),
        };
        var at = T0 + Duration.FromMinutes(3);
        if (resolvedFirst)
        {
            events.Add(new CommanderAssigned(at, "sarah", "sarah"));
            events.Add(new Resolved(at, "sarah"));
            events.Add(new PostMortemScheduled(at, "sarah", at + Duration.FromDays(1)));
        }

        for (var i = 0; i < n; i++)
        {
            at += Duration.FromSeconds(30);
            events.Add(make(i, at));
        }

        return events;
    }

    public static TheoryData<string> Shapes => new(LogShapes.Keys);

    private static readonly Dictionary<string, Func<int, List<IncidentEvent>>> LogShapes = new()
    {
        ["notes"] = n => Log(n, (i, at) => new NoteAdded(at, "alex", $"note {i}")),
        ["external updates"] = n => Log(n, (i, at) => new StatusUpdatePosted(at, "alex", StatusAudience.External, $"update {i}")),
        ["internal updates"] = n => Log(n, (i, at) => new StatusUpdatePosted(at, "alex", StatusAudience.Internal, $"update {i}")),
        ["distinct impacts"] = n => Log(n, (i, at) => new ImpactRecorded(at, "alex", $"metric-{i}", i)),
        ["distinct flags"] = n => Log(n, (i, at) => new FlagRaised(at, "alex", $"flag-{i}")),
        ["role assignments"] = n => Log(n, (i, at) => new RoleAssigned(at, "alex", "comms-lead", $"person-{i}")),
        ["action items"] = n => Log(n, (i, at) => new ActionItemAdded(at, "sarah", $"AI-{i}", "add tests", "alex", new LocalDate(2026, 7, 1).PlusDays(-i % 300)), resolvedFirst: true),
        ["action items completed in reverse"] = n => Log(n, (i, at) => i < n / 2
            ? new ActionItemAdded(at, "sarah", $"AI-{i}", "add tests", "alex", new LocalDate(2026, 7, 1))
            : new ActionItemCompleted(at, "sarah", $"AI-{n - 1 - i}"), resolvedFirst: true),
        ["commander hand-offs"] = n => Log(n, (i, at) => new CommanderAssigned(at, "sarah", $"ic-{i}")),
        ["severity changes that leave targets overdue"] = n => Log(n, (i, at) => new SeverityChanged(at + Duration.FromMinutes(20 * i), "sarah", i % 2 == 0 ? "SEV-2" : "SEV-1")),
        ["resolve and reopen"] = n => Log(n, (i, at) => i % 2 == 0 ? new Resolved(at, "sarah") : new Reopened(at, "sarah")),
        ["notifications"] = n => Log(n, (i, at) => new NotificationSent(at, "bot", $"escalate:page-engineering-manager#{i}", "erin")),
        ["reminders"] = n => Log(n, (i, at) => new ReminderSent(at, "bot", $"externalUpdate#{i}")),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Audit_OfALongLog_GrowsLinearly(string shape)
    {
        var make = LogShapes[shape];
        AssertLinear($"Audit of {shape}", n =>
        {
            var events = make(n);
            return () => Policy.Audit("INC-1", events);
        });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EventLogRead_OfALongLog_GrowsLinearly(string shape)
    {
        var make = LogShapes[shape];
        AssertLinear($"EventLogJson.TryParse of {shape}", n =>
        {
            var lines = EventLogJson.SerializeLines(make(n));
            var document = EventLogJson.SerializeDocument("INC-1", make(n));
            return () =>
            {
                Assert.True(EventLogJson.TryParse(lines, out _, out _));
                Assert.True(EventLogJson.TryParse(document, out _, out _));
            };
        });
    }

    [Fact]
    public void ApplyAndEvaluate_CommandAfterCommand_GrowsLinearly()
    {
        var actor = new Actor("sarah", ["engineering-manager"]);
        AssertLinear("Apply of n commands", n =>
        {
            var start = Incident.Raise(Policy, "INC-1", new RaiseAlert("checkout errors", null, "SEV-1"), new Actor("monitoring"), T0).Incident!;
            return () =>
            {
                var incident = start;
                for (var i = 0; i < n; i++)
                {
                    IncidentCommand command = (i % 4) switch
                    {
                        0 => new AssignRole("comms-lead", $"person-{i}"),
                        1 => new RecordImpact($"metric-{i}", i),
                        2 => new RaiseFlag($"flag-{i}"),
                        _ => new AddNote($"note {i}"),
                    };
                    incident = incident.Apply(command, actor, T0 + Duration.FromSeconds(i), incident.Version).Incident!;
                }

                Policy.Evaluate(incident, incident.LastEventAt);
            };
        });
    }

    [Fact]
    public void PostMortemMarkdownParse_OfManyRowsAndWrappedLines_GrowsLinearly()
    {
        // The parser once joined wrapped lines by concatenating as it went: a 582 KB post-mortem took 21 s.
        AssertLinear("PostMortemMarkdown.Parse", n =>
        {
            var text = new System.Text.StringBuilder("## Post-Mortem: Checkout Outage - May 29, 2026\n\n### Root Cause\n\n");
            for (var i = 0; i < n; i++)
            {
                text.Append("The connection pool was exhausted by request ").Append(i).Append(" while the retry storm grew,\n");
            }

            text.Append("\n### Action Items\n\n| # | Action | Owner | Due | Status |\n|---|---|---|---|---|\n");
            for (var i = 1; i <= n; i++)
            {
                text.Append("| ").Append(i).Append(" | Add a circuit breaker | alex | Jun 5 | Open |\n");
            }

            var markdown = text.ToString();
            return () => IncidentPolicy.PostMortems.PostMortemMarkdown.Parse(markdown);
        });
    }

    [Fact]
    public void TheCheck_FailsOnADeliberatelyQuadraticVariant()
    {
        // The plain fold of the rules looks at every obligation on every event: under severity changes that leave targets
        // overdue, its work grows with the square of the log's length, and the check says so; the engine's, with its
        // index of open obligations, does not.
        var make = LogShapes["severity changes that leave targets overdue"];
        Func<int, Action> Run(Func<Incident, Evaluation> evaluate) => n =>
        {
            var incident = Incident.ReplayLenient(Policy, "INC-1", make(n)).Incident;
            return () => evaluate(incident);
        };

        var (quadraticIsLinear, quadratic) = Grows("plain fold", Run(i => ObligationFold.Evaluate(Policy, i, i.LastEventAt)), 300);
        var (indexedIsLinear, indexed) = Grows("engine", Run(i => Policy.Evaluate(i, i.LastEventAt)), 1_000);
        output.WriteLine(quadratic);
        output.WriteLine(indexed);
        Assert.False(quadraticIsLinear, quadratic);
        Assert.True(indexedIsLinear, indexed);
    }
}
