using System.Collections.Concurrent;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The keys, rule ids and reasons of obligations, built once per policy and shared: evaluating an incident should not
/// spend its time formatting the same sentences again. Thread-safe.
/// </summary>
internal sealed class ObligationTexts
{
    public const int UnassessedAcknowledge = 0;
    public const int Acknowledge = 1;
    public const int Declare = 2;
    public const int AssignCommander = 3;
    public const int Respond = 4;
    public const int FirstExternalUpdate = 5;
    public const int ExternalUpdate = 6;
    public const int InternalUpdate = 7;
    public const int SchedulePostMortem = 8;
    private const int RuleText = 100;
    private const int KeyText = 200;

    private static readonly string[] KindNames = Enum.GetValues<ObligationKind>().Select(k => HumanText.CamelCase(k)).ToArray();

    private readonly ResponsePolicy _policy;
    private readonly ConcurrentDictionary<(int Template, string? Severity, string? Role, int N), string> _cache = new();

    public ObligationTexts(ResponsePolicy policy) => _policy = policy;

    /// <summary>The reason for a target measured from the alert.</summary>
    public string Get(int template, SeverityLevel? level, string? role = null) =>
        _cache.GetOrAdd((template, level?.Id, role, 0), static (key, state) => Build(key.Template, state.Level, key.Role, null, state.Policy), (Level: level, Policy: _policy));

    /// <summary>The rule id: <c>SEV-1.respond</c>.</summary>
    public string Rule(SeverityLevel level, ObligationKind kind) =>
        _cache.GetOrAdd((RuleText + (int)kind, level.Id, null, 0), static key => $"{key.Severity}.{(key.Template == RuleText + (int)ObligationKind.SchedulePostMortem ? "postMortem" : KindNames[key.Template - RuleText])}");

    /// <summary>The key: <c>respond:comms-lead</c>, or with <paramref name="n"/> &gt; 0 <c>externalUpdate#3</c>.</summary>
    public string Key(ObligationKind kind, string? qualifier, int n) =>
        _cache.GetOrAdd((KeyText + (int)kind, null, qualifier, n), static key =>
        {
            var name = KindNames[key.Template - KeyText] + (key.Role is null ? "" : ":" + key.Role);
            return key.N > 0 ? $"{name}#{key.N}" : name;
        });

    /// <summary>A cached text for an escalation rule or policy step; <paramref name="build"/> runs once per key, with
    /// <paramref name="state"/> (pass a static lambda so a cache hit allocates nothing).</summary>
    public string Escalation<TState>(string id, string? qualifier, int n, TState state, Func<TState, string> build) =>
        _cache.GetOrAdd((300, id, qualifier, n), static (_, arg) => arg.Build(arg.State), (State: state, Build: build));

    /// <summary>Builds a reason; <paramref name="from"/> is what the target runs from (the alert when null).</summary>
    public static string Build(int template, SeverityLevel? level, string? role, string? from, ResponsePolicy? policy = null)
    {
        from ??= "the alert";
        var id = level?.Id;
        return template switch
        {
            UnassessedAcknowledge => $"acknowledge within {level!.Acknowledge} of the alert (no severity yet: the most severe level's target)",
            Acknowledge => $"acknowledge within {level!.Acknowledge} of {from} ({id})",
            Declare => $"declare within {HumanText.Describe(level!.DeclareWithin!.Value)} of {from} ({id})",
            AssignCommander => $"assign an Incident Commander within {HumanText.Describe(level!.AssignCommanderWithin!.Value)} of {from} ({id}: one person in charge)",
            Respond => $"{role} engaged within {level!.Respond} of {from} ({id})",
            FirstExternalUpdate => $"first status-page update within {HumanText.Describe(level!.StatusUpdates.FirstWithin!.Value)} of {from} ({id})",
            ExternalUpdate => $"status-page update every {HumanText.Describe(level!.StatusUpdates.Every!.Value)} after the previous one (Rule 3; {id})",
            InternalUpdate => $"a status update of any audience at most {HumanText.Describe(policy!.Lifecycle.MaxSilence)} after the last one or the declaration: silence is worse than \"still investigating\"",
            SchedulePostMortem => $"schedule the post-mortem within {HumanText.Describe(level!.PostMortem!.ScheduleWithin)} of resolution ({id})",
            _ => throw new ArgumentOutOfRangeException(nameof(template)),
        };
    }
}
