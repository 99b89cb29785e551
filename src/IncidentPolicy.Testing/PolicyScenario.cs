using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;
using NodaTime;
using NodaTime.Testing;

namespace IncidentPolicy.Testing;

/// <summary>
/// A fluent, time-stepping harness over NodaTime's <see cref="FakeClock"/> for ordinary unit tests of a policy:
/// start at an instant, raise an alert, advance the clock, apply commands as actors, and assert on what
/// <see cref="Obligations.PolicyEvaluation.Evaluate"/> says is due, overdue, met or cancelled.
/// <code>
/// PolicyScenario.For(policy)
///     .StartAt(Instant.FromUtc(2026, 5, 29, 4, 2))
///     .RaiseAlert("Checkout error rate > 5%", severity: "SEV-1")
///     .Advance(Duration.FromMinutes(5))
///     .As(new Actor("alex", "on-call-engineer")).Apply(new Acknowledge())
///     .ExpectMet("acknowledge")
///     .Advance(Duration.FromMinutes(11))
///     .ExpectOverdue("respond:comms-lead");
/// </code>
/// A failed expectation throws <see cref="PolicyAssertionException"/> whose message shows the timeline.
/// </summary>
/// <remarks>A plainly mutable builder: each call changes the scenario and returns it. Not thread-safe; use one per test.</remarks>
public sealed class PolicyScenario
{
    private readonly List<string> _timeline = [];
    private FakeClock? _clock;
    private Incident? _incident;
    private Actor _actor = new("scenario");

    private PolicyScenario(ResponsePolicy policy) => Policy = policy;

    /// <summary>The policy under test.</summary>
    public ResponsePolicy Policy { get; }

    /// <summary>The scenario's clock; set by <see cref="StartAt"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="StartAt"/> has not been called.</exception>
    public FakeClock Clock => _clock ?? throw new InvalidOperationException("Call StartAt(instant) first.");

    /// <summary>The scenario's current instant.</summary>
    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>The incident so far.</summary>
    /// <exception cref="InvalidOperationException">No alert has been raised yet.</exception>
    public Incident Incident => _incident ?? throw new InvalidOperationException("Call RaiseAlert(…) first.");

    /// <summary>What the policy says now: <c>Policy.Evaluate(Incident, Now)</c>.</summary>
    public Evaluation Evaluation => Policy.Evaluate(Incident, Now);

    /// <summary>The scenario's steps so far, one a line: the instant, who, and what (or what was rejected).</summary>
    public string Timeline => string.Join(Environment.NewLine, _timeline);

    /// <summary>Starts a scenario for <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy under test.</param>
    /// <returns>The scenario.</returns>
    public static PolicyScenario For(ResponsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new PolicyScenario(policy);
    }

    /// <summary>Sets the clock to <paramref name="start"/>.</summary>
    /// <param name="start">The first instant of the scenario.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario StartAt(Instant start)
    {
        _clock = new FakeClock(start);
        _timeline.Add($"{Format(start)}  start");
        return this;
    }

    /// <summary>Raises the alert that opens the incident, now.</summary>
    /// <param name="summary">The alert's summary; not blank.</param>
    /// <param name="severity">The severity id, or <see langword="null"/> for an alert with no severity yet.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">The policy rejects the alert (an unknown severity, a blank summary).</exception>
    public PolicyScenario RaiseAlert(string summary, string? severity = null, string? service = null, string incidentId = "INC-SCENARIO-1")
    {
        var alert = new RaiseAlert(summary, service, severity);
        var result = Incident.Raise(Policy, incidentId, alert, new Actor("monitoring"), Now);
        _incident = Accepted(result, alert, new Actor("monitoring"));
        return this;
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far; not negative.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public PolicyScenario Advance(Duration by)
    {
        if (by < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward in a scenario.");
        }

        Clock.Advance(by);
        _timeline.Add($"{Format(Now)}  +{TextFormats.Format(by)}");
        return this;
    }

    /// <summary>Moves the clock to <paramref name="instant"/>.</summary>
    /// <param name="instant">Not before <see cref="Now"/>.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario AdvanceTo(Instant instant) => Advance(instant - Now);

    /// <summary>Moves the clock to the evaluation's <see cref="Evaluation.NextWakeUp"/>, as a bot would sleep.</summary>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">Nothing is pending, so there is no wake-up.</exception>
    public PolicyScenario AdvanceToNextWakeUp() =>
        Evaluation.NextWakeUp is { } wake ? AdvanceTo(wake) : throw Fail("expected a next wake-up, but nothing is pending");

    /// <summary>Sets who issues the following commands.</summary>
    /// <param name="actor">The actor, with the organisation roles they hold.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario As(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _actor = actor;
        return this;
    }

    /// <summary>Applies a command now as the current actor (<see cref="As"/>); it must be accepted.</summary>
    /// <param name="command">The command.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">The command was rejected; the message has the rejection and the timeline.</exception>
    public PolicyScenario Apply(IncidentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _incident = Accepted(Incident.Apply(command, _actor, Now, Incident.Version), command, _actor);
        return this;
    }

    /// <summary>Applies a command now as the current actor, expecting a rejection (under <paramref name="ruleId"/>, when
    /// given). The incident is unchanged.</summary>
    /// <param name="command">The command.</param>
    /// <param name="ruleId">The rule that must reject it, such as <c>resolve.byCommander</c>; any when <see langword="null"/>.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">The command was accepted, or rejected under another rule.</exception>
    public PolicyScenario ExpectRejected(IncidentCommand command, string? ruleId = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = Incident.Apply(command, _actor, Now, Incident.Version);
        if (result.IsAccepted)
        {
            throw Fail($"expected {Describe(command)} by {_actor.Id} to be rejected{(ruleId is null ? "" : $" under {ruleId}")}, but it was accepted");
        }

        if (ruleId is not null && result.Rejection?.RuleId != ruleId)
        {
            throw Fail($"expected {Describe(command)} by {_actor.Id} to be rejected under {ruleId}, but: {result}");
        }

        _timeline.Add($"{Format(Now)}  {_actor.Id}  {Describe(command)}  rejected: {result.Rejection?.Reason}");
        return this;
    }

    /// <summary>Expects the obligation <paramref name="key"/> to be in <paramref name="state"/> now.</summary>
    /// <param name="key">The obligation key, such as <c>respond:comms-lead</c> or <c>externalUpdate#2</c>.</param>
    /// <param name="state">The expected state.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">There is no such obligation, or it is in another state.</exception>
    public PolicyScenario Expect(string key, ObligationState state)
    {
        var obligation = Evaluation.Find(key) ?? throw Fail($"expected {key} to be {Camel(state)}, but there is no obligation {key}");
        return obligation.State == state ? this : throw Fail($"expected {key} to be {Camel(state)}, but it is {Camel(obligation.State)}");
    }

    /// <summary>Expects <paramref name="key"/> to be pending: owed, not met, not yet due.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectPending(string key) => Expect(key, ObligationState.Pending);

    /// <summary>Expects <paramref name="key"/> to be overdue: not met and past its due instant.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectOverdue(string key) => Expect(key, ObligationState.Overdue);

    /// <summary>Expects <paramref name="key"/> to be met on time.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectMet(string key) => Expect(key, ObligationState.Met);

    /// <summary>Expects <paramref name="key"/> to be met, but late.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectMetLate(string key) => Expect(key, ObligationState.MetLate);

    /// <summary>Expects <paramref name="key"/> to be cancelled: no longer owed.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectCancelled(string key) => Expect(key, ObligationState.Cancelled);

    /// <summary>Expects <paramref name="key"/> to be due now: its due instant has come and it is neither met nor
    /// cancelled (<see cref="Obligation.IsDue"/>) — what a bot acts on.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">There is no such obligation, or it is not due.</exception>
    public PolicyScenario ExpectDue(string key)
    {
        var obligation = Evaluation.Find(key) ?? throw Fail($"expected {key} to be due, but there is no obligation {key}");
        return obligation.IsDue(Now) ? this : throw Fail($"expected {key} to be due, but it is {obligation}");
    }

    /// <summary>Expects <paramref name="key"/> to fall due at <paramref name="dueAt"/>.</summary>
    /// <param name="key">The obligation key.</param>
    /// <param name="dueAt">The expected due instant.</param>
    /// <returns>This scenario.</returns>
    /// <exception cref="PolicyAssertionException">There is no such obligation, or it is due at another instant.</exception>
    public PolicyScenario ExpectDueAt(string key, Instant dueAt)
    {
        var obligation = Evaluation.Find(key) ?? throw Fail($"expected {key} due at {Format(dueAt)}, but there is no obligation {key}");
        return obligation.DueAt == dueAt ? this : throw Fail($"expected {key} due at {Format(dueAt)}, but it is due at {Format(obligation.DueAt)}");
    }

    /// <summary>Expects no obligation with key <paramref name="key"/>.</summary>
    /// <param name="key">The obligation key.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectNoObligation(string key) =>
        Evaluation.Find(key) is { } found ? throw Fail($"expected no obligation {key}, but there is {found}") : this;

    /// <summary>Expects nothing to be overdue now.</summary>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectNothingOverdue()
    {
        var overdue = Evaluation.Overdue.ToList();
        return overdue.Count == 0 ? this : throw Fail($"expected nothing overdue, but {string.Join(", ", overdue.Select(o => o.Key))} {(overdue.Count == 1 ? "is" : "are")}");
    }

    /// <summary>Expects the incident to be in <paramref name="status"/>.</summary>
    /// <param name="status">The expected status.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectStatus(IncidentStatus status) =>
        Incident.Status == status ? this : throw Fail($"expected the incident to be {Camel(status)}, but it is {Camel(Incident.Status)}");

    /// <summary>Expects the next wake-up at <paramref name="instant"/>.</summary>
    /// <param name="instant">The expected next wake-up.</param>
    /// <returns>This scenario.</returns>
    public PolicyScenario ExpectNextWakeUp(Instant instant) =>
        Evaluation.NextWakeUp == instant
            ? this
            : throw Fail($"expected the next wake-up at {Format(instant)}, but it is {(Evaluation.NextWakeUp is { } w ? Format(w) : "none")}");

    private Incident Accepted(ApplyResult result, IncidentCommand command, Actor actor)
    {
        if (!result.IsAccepted)
        {
            _timeline.Add($"{Format(Now)}  {actor.Id}  {Describe(command)}  REJECTED");
            throw Fail($"{Describe(command)} by {actor.Id} was not accepted: {result}");
        }

        _timeline.Add($"{Format(Now)}  {actor.Id}  {Describe(command)}");
        return result.Incident!;
    }

    private PolicyAssertionException Fail(string what)
    {
        var text = new StringBuilder();
        text.AppendLine(what).Append("at ").AppendLine(Format(Now)).AppendLine("timeline:");
        foreach (var line in _timeline)
        {
            text.Append("  ").AppendLine(line);
        }

        if (_incident is not null)
        {
            text.AppendLine($"obligations (incident {Camel(_incident.Status)}):");
            foreach (var obligation in Policy.Evaluate(_incident, Now).Obligations)
            {
                text.Append("  ").AppendLine(obligation.ToString());
            }
        }

        return new PolicyAssertionException(text.ToString());
    }

    private static string Describe(IncidentCommand command) => HistoryStep.Describe(command);

    private static string Format(Instant instant) => TextFormats.Format(instant);

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
