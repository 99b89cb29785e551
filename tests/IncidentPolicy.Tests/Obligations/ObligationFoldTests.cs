using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace IncidentPolicy.Tests.Obligations;

/// <summary>
/// <c>ResponsePolicy.Evaluate</c> — the fast path: pooled engine, packed slots, index, conditions looked at only when
/// what they read changed, folds kept per incident — answers exactly as <see cref="ObligationFold"/>, the plain fold of
/// the rules, which uses none of that: over more than 10,000 generated histories per run (valid ones under the default
/// policy, under generated escalation sections and under generated policies; long leniently replayed logs that reach
/// the index of open obligations and the lifecycle's forced transitions), each evaluated at every event's instant
/// (audits of the past), again and again at later instants (the kept fold, walked across escalation time points), and
/// as it grows by one event at a time (a new version next to the old).
/// </summary>
public sealed class ObligationFoldTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] RoleIds = ResponsePolicy.Default.Roles.Select(r => r.Id).ToArray();
    private static readonly string[] SeverityIds = ResponsePolicy.Default.Severities.Select(s => s.Id).ToArray();

    private int _histories;

    public void Dispose()
    {
        if (_histories > 0)
        {
            output.WriteLine($"generated histories: {_histories}");
        }
    }

    /// <summary>An evaluation as <c>ResponsePolicy.Evaluate</c> makes it.</summary>
    internal delegate Evaluation Evaluator(ResponsePolicy policy, Incident incident, Instant now);

    /// <summary>A generated case: a policy, a log (valid, or to be replayed leniently) and minute offsets for instants.</summary>
    internal sealed record Case(ResponsePolicy Policy, IReadOnlyList<IncidentEvent> Events, int[] Offsets)
    {
        public override string ToString() =>
            $"{Events.Count} events, offsets [{string.Join(", ", Offsets)}], escalation rules [{string.Join(", ", Policy.Escalation.Rules)}], "
            + $"policies [{string.Join(", ", Policy.Escalation.Policies)}]:\n  " + string.Join("\n  ", Events);
    }

    private static readonly Gen<int[]> Offsets = Gen.Choose(-600, 20_000).ArrayOf().Select(o => o.Take(12).ToArray());

    private Gen<Case> Valid(Gen<IncidentHistory> histories) =>
        from history in histories
        from offsets in Offsets
        select Counted(new Case(history.Policy, history.Events, offsets));

    private Case Counted(Case c)
    {
        Interlocked.Increment(ref _histories);
        return c;
    }

    private Gen<Case> DefaultPolicy => Valid(IncidentGen.Histories(ResponsePolicy.Default));

    private Gen<Case> GeneratedEscalation =>
        Valid(IncidentGen.EscalationSections(RoleIds, SeverityIds).SelectMany(e => IncidentGen.Histories(ResponsePolicy.Default.WithEscalation(e))));

    private Gen<Case> GeneratedPolicies => Valid(IncidentGen.Policies.SelectMany(IncidentGen.Histories));

    /// <summary>Long logs (up to 150 events) of events a lifecycle would not all accept, in any order, with the
    /// policy's own severities, roles, action item ids and page keys, under generated escalation sections.</summary>
    private Gen<Case> LongLenientLogs =>
        from escalation in IncidentGen.EscalationSections(RoleIds, SeverityIds)
        let policy = ResponsePolicy.Default.WithEscalation(escalation)
        from count in Gen.Choose(40, 150)
        from steps in Gen.ArrayOf(LenientStep(policy), count)
        from offsets in Offsets
        select Counted(new Case(policy, LenientLog(steps), offsets));

    private static Gen<(int Minutes, Func<Instant, IncidentEvent> Make)> LenientStep(ResponsePolicy policy)
    {
        var keys = policy.Escalation.Rules.Select(r => $"escalate:{r.Id}#1")
            .Concat(policy.Escalation.Policies.SelectMany(p => p.Levels.SelectMany((l, i) => l.Targets.Select(t => $"escalate:{p.Id}.{i + 1}.{t.Id}#1"))))
            .Append("escalate:none#1").ToArray();
        var severity = Gen.Elements(SeverityIds.Append("SEV-9").ToArray());
        var role = Gen.Elements(RoleIds);
        var item = Gen.Elements("AI-1", "AI-2", "AI-3");
        var make = Gen.Frequency(
            (6, severity.Select(s => (Func<Instant, IncidentEvent>)(at => new SeverityChanged(at, "sarah", s, null)))),
            (6, Gen.Elements(StatusAudience.Internal, StatusAudience.External).Select(a => (Func<Instant, IncidentEvent>)(at => new StatusUpdatePosted(at, "sarah", a, "update")))),
            (3, role.Select(r => (Func<Instant, IncidentEvent>)(at => new RoleAssigned(at, "sarah", r, "kim")))),
            (2, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Acknowledged(at, "alex")))),
            (2, severity.Select(s => (Func<Instant, IncidentEvent>)(at => new Declared(at, "alex", s, "title")))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new CommanderAssigned(at, "alex", "sarah")))),
            (2, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Resolved(at, "sarah", null)))),
            (2, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Reopened(at, "sarah", null)))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Mitigated(at, "sarah", null)))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new PostMortemScheduled(at, "sarah", at + Duration.FromDays(1))))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new PostMortemPublished(at, "sarah")))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Closed(at, "sarah")))),
            (2, item.Select(i => (Func<Instant, IncidentEvent>)(at => new ActionItemAdded(at, "sarah", i, "fix it", "alex", new LocalDate(2026, 6, 5))))),
            (1, item.Select(i => (Func<Instant, IncidentEvent>)(at => new ActionItemCompleted(at, "alex", i)))),
            (3, Gen.Elements(keys).Select(k => (Func<Instant, IncidentEvent>)(at => new NotificationSent(at, "bot", k, "erin")))),
            (2, Gen.Choose(0, 60_000).Select(v => (Func<Instant, IncidentEvent>)(at => new ImpactRecorded(at, "sarah", "revenueLoss", v, "USD")))),
            (1, Gen.Elements("dataBreachSuspected", "checkoutDown").Select(f => (Func<Instant, IncidentEvent>)(at => new FlagRaised(at, "sarah", f)))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new AlertFired(at, "monitoring", "again", null, null, null)))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new Declined(at, "alex", null)))),
            (1, Gen.Constant((Func<Instant, IncidentEvent>)(at => new NoteAdded(at, "alex", "note")))));
        return from minutes in Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Choose(0, 600)))
               from m in make
               select (minutes, m);
    }

    private static List<IncidentEvent> LenientLog((int Minutes, Func<Instant, IncidentEvent> Make)[] steps)
    {
        var at = Instant.FromUtc(2026, 5, 29, 4, 2);
        var events = new List<IncidentEvent> { new AlertFired(at, "monitoring", "checkout errors", "checkout", steps.Length % 3 == 0 ? null : "SEV-2", null) };
        foreach (var (minutes, make) in steps)
        {
            at += Duration.FromMinutes(minutes);
            events.Add(make(at));
        }

        return events;
    }

    /// <summary>The cached evaluation: <c>ResponsePolicy.Evaluate</c>.</summary>
    internal static Evaluation Cached(ResponsePolicy policy, Incident incident, Instant now) => policy.Evaluate(incident, now);

    /// <summary>The reference: a fresh plain fold of the events, no engine, nothing kept.</summary>
    internal static Evaluation Reference(ResponsePolicy policy, Incident incident, Instant now) => ObligationFold.Evaluate(policy, incident, now);

    /// <summary>The first difference between <paramref name="actual"/> and <paramref name="expected"/>, or
    /// <see langword="null"/>.</summary>
    internal static string? Difference(Evaluation actual, Evaluation expected)
    {
        if (actual.EvaluatedAt != expected.EvaluatedAt || actual.NextWakeUp != expected.NextWakeUp || actual.Obligations.Count != expected.Obligations.Count)
        {
            return $"at {expected.EvaluatedAt}: {actual.Obligations.Count} obligations, wake-up {actual.NextWakeUp}; expected {expected.Obligations.Count}, wake-up {expected.NextWakeUp}";
        }

        for (var i = 0; i < expected.Obligations.Count; i++)
        {
            if (!actual.Obligations[i].Equals(expected.Obligations[i]))
            {
                return $"at {expected.EvaluatedAt}, obligation {i}: {actual.Obligations[i]} ({actual.Obligations[i].Reason}); expected {expected.Obligations[i]} ({expected.Obligations[i].Reason})";
            }
        }

        return null;
    }

    /// <summary>
    /// Evaluates <paramref name="c"/> with <paramref name="evaluate"/> and with the plain fold, and says where they first
    /// differ. Three versions of the incident are evaluated, the log growing by one event each time (each version a new
    /// instance, replayed leniently so that nothing is kept yet): the last one at every event's instant first, then each at
    /// its last event and at later and earlier instants in turn — the later ones from the fold kept by the evaluation
    /// before — and the older versions again once a newer one exists.
    /// </summary>
    internal static string? Compare(Evaluator evaluate, Case c)
    {
        var versions = new List<Incident>();
        for (var count = Math.Max(1, c.Events.Count - 2); count <= c.Events.Count; count++)
        {
            versions.Add(Incident.ReplayLenient(c.Policy, "INC-1", c.Events.Take(count)).Incident);
        }

        string? Check(Incident incident, Instant now) =>
            Limits.Contains(now) ? Difference(evaluate(c.Policy, incident, now), Reference(c.Policy, incident, now)) : null;

        var last = versions[^1];
        foreach (var @event in last.Events)
        {
            if (Check(last, @event.At) is { } difference)
            {
                return "auditing the last version: " + difference;
            }
        }

        var later = c.Offsets.Where(o => o >= 0).Order().ToArray();
        var earlier = c.Offsets.Where(o => o < 0).ToArray();
        foreach (var incident in versions)
        {
            // From the last event on, ascending, with an earlier instant (an audit) after each of the first few.
            var instants = new List<int> { 0 };
            for (var i = 0; i < later.Length; i++)
            {
                instants.Add(later[i]);
                if (i < earlier.Length)
                {
                    instants.Add(earlier[i]);
                }
            }

            instants.Add(1);
            foreach (var offset in instants)
            {
                if (Check(incident, incident.LastEventAt + Duration.FromMinutes(offset)) is { } difference)
                {
                    return $"version {incident.Version}: {difference}";
                }
            }

            foreach (var older in versions.TakeWhile(v => v != incident))
            {
                if (Check(older, older.LastEventAt + Duration.FromMinutes(later.LastOrDefault())) is { } difference)
                {
                    return $"version {older.Version} after version {incident.Version}: {difference}";
                }
            }
        }

        return null;
    }

    private static void Holds(Gen<Case> cases, int count, Evaluator evaluate) =>
        Prop.ForAll(cases.ToArbitrary(), c => Compare(evaluate, c) is not { } difference ? true.ToProperty() : false.Label($"{difference}\n{c}"))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(count));

    [Fact]
    public void Evaluate_AnswersAsThePlainFold_DefaultPolicy() => Holds(DefaultPolicy, 3_000, Cached);

    [Fact]
    public void Evaluate_AnswersAsThePlainFold_GeneratedEscalation() => Holds(GeneratedEscalation, 3_500, Cached);

    [Fact]
    public void Evaluate_AnswersAsThePlainFold_GeneratedPolicies() => Holds(GeneratedPolicies, 2_000, Cached);

    [Fact]
    public void Evaluate_AnswersAsThePlainFold_LongLenientLogs() => Holds(LongLenientLogs, 1_500, Cached);

    /// <summary>The comparison finds a cache that answers from a stale fold: one that keeps the first evaluation of each
    /// incident and states its obligations again at any later instant, as a kept fold would if it forgot to walk time.</summary>
    [Fact]
    public void TheComparison_FindsAnEvaluatorThatDoesNotWalkTime()
    {
        var first = new ConditionalWeakTable<Incident, Evaluation>();
        Evaluation Stale(ResponsePolicy policy, Incident incident, Instant now)
        {
            if (now < incident.LastEventAt)
            {
                return policy.Evaluate(incident, now);
            }

            var kept = first.GetValue(incident, i => policy.Evaluate(i, now));
            return new Evaluation(incident, now, kept.Obligations, kept.NextWakeUp);
        }

        var error = Assert.ThrowsAny<Exception>(() => Holds(GeneratedEscalation, 500, Stale));
        output.WriteLine(error.Message);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The comparison finds an engine that skips a rule: here, one that ignores the escalation section.</summary>
    [Fact]
    public void TheComparison_FindsAnEvaluatorThatSkipsEscalation()
    {
        var error = Assert.ThrowsAny<Exception>(() => Holds(DefaultPolicy, 500, (policy, incident, now) =>
            policy.WithEscalation(EscalationSettings.None).Evaluate(incident, now)));
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Folding <see cref="Incident.StateAfter"/> over an incident's events reaches the incident's own status,
    /// leniently replayed or not: the status the obligations read is the lifecycle's.</summary>
    [Fact]
    public void TheStatusTheFoldsRead_IsTheLifecycles()
    {
        Prop.ForAll(Gen.OneOf(DefaultPolicy, LongLenientLogs).ToArbitrary(), c =>
        {
            var state = LifecycleState.Start;
            var events = new List<IncidentEvent>();
            foreach (var @event in c.Events)
            {
                state = Incident.StateAfter(state, @event);
                events.Add(@event);
                if (Incident.ReplayLenient(c.Policy, "INC-1", events).Incident.Status != Incident.StatusOf(state))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
