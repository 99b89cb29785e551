using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

internal static partial class PolicyMapper
{
    /// <summary>
    /// Reads the <c>escalation</c> and <c>severitySuggestion</c> sections, checking role and severity references against
    /// the document's roles and severities (when those could be read) so that every problem is reported with its path.
    /// Returns each section, or <see langword="null"/> when it is absent (the policy keeps its default for its roles
    /// and severities) or invalid (with problems).
    /// </summary>
    private static (EscalationSettings? Escalation, SeverityMatrix? Matrix) ReadEscalationSections(
        PolicyDocument document, List<Role?>? roles, List<SeverityLevel>? severities, ProblemList problems)
    {
        // References are checked only against roles and severities that were read without problems, so a broken
        // severity list is not also reported as unknown severities here.
        bool Clean(string sectionPath) => !problems.Problems.Any(p => p.Path.StartsWith(sectionPath, StringComparison.Ordinal));
        var context = new EscalationContext(
            Clean("$.roles") ? roles?.Select(r => r!.Id).ToHashSet(StringComparer.Ordinal) : null,
            Clean("$.severities") ? severities?.OrderBy(l => l.Rank).Select(l => l.Id).ToList() : null,
            ImpactOnly: false);
        var escalation = document.Escalation is null ? null : ReadEscalation(document.Escalation, context, problems, "$.escalation");
        var matrix = document.SeveritySuggestion is null
            ? null
            : ReadSeverityMatrix(document.SeveritySuggestion, context with { ImpactOnly = true }, problems, "$.severitySuggestion");
        return (escalation, matrix);
    }

    private static EscalationDocument ToDocument(EscalationSettings settings) => new()
    {
        DispatchGrace = IsoText.FormatDuration(settings.DispatchGrace),
        Policies = settings.Policies.Select(p => (EscalationPolicyDocument?)new EscalationPolicyDocument
        {
            Id = p.Id,
            AppliesTo = ToDocument(p.AppliesTo),
            Levels = p.Levels.Select(l => (EscalationLevelDocument?)new EscalationLevelDocument
            {
                Delay = IsoText.FormatDuration(l.Delay),
                Targets = l.Targets.Select(t => (EscalationTargetDocument?)ToDocument(t)).ToList(),
            }).ToList(),
            StopWhen = HumanText.CamelCase(p.StopCondition),
            Repeats = p.RepeatCount,
            RepeatAfter = FormatOptional(p.RepeatDelay),
        }).ToList(),
        Rules = settings.Rules.Select(r => (EscalationRuleDocument?)new EscalationRuleDocument
        {
            Id = r.Id,
            When = ToDocument(r.When),
            Action = HumanText.CamelCase(r.Action),
            Target = ToDocument(r.Target),
        }).ToList(),
    };

    private static List<SeverityRuleDocument?> ToDocument(SeverityMatrix matrix) =>
        matrix.Rules.Select(r => (SeverityRuleDocument?)new SeverityRuleDocument { Id = r.Id, When = ToDocument(r.When), Severity = r.SeverityId }).ToList();

    private static EscalationTargetDocument ToDocument(EscalationTarget target) =>
        new() { Kind = HumanText.CamelCase(target.Kind), Id = target.Id };

    private static ConditionDocument ToDocument(Condition condition) => condition switch
    {
        AllCondition all => new() { All = all.Conditions.Select(c => (ConditionDocument?)ToDocument(c)).ToList() },
        AnyCondition any => new() { Any = any.Conditions.Select(c => (ConditionDocument?)ToDocument(c)).ToList() },
        NotCondition not => new() { Not = ToDocument(not.Condition) },
        ElapsedSinceCondition elapsed => new()
        {
            ElapsedSince = new ElapsedSinceDocument { Since = HumanText.CamelCase(elapsed.Since), AtLeast = IsoText.FormatDuration(elapsed.AtLeast) },
        },
        StatusInCondition status => new() { StatusIn = status.Statuses.Select(s => (string?)HumanText.CamelCase(s)).ToList() },
        SeverityAtLeastCondition severity => new() { SeverityAtLeast = severity.SeverityId },
        ImpactAboveCondition above => new() { ImpactAbove = new ImpactDocument { Metric = above.Metric, Value = above.Value } },
        ImpactBelowCondition below => new() { ImpactBelow = new ImpactDocument { Metric = below.Metric, Value = below.Value } },
        FlagRaisedCondition flag => new() { FlagRaised = flag.Flag },
        _ => throw new ArgumentException($"Unknown condition kind {condition.GetType().Name}.", nameof(condition)),
    };

    private static EscalationSettings? ReadEscalation(EscalationDocument document, EscalationContext context, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.EscalationDocument, problems, path);
        var grace = ReadOptionalDuration(document.DispatchGrace, problems, ProblemList.Join(path, "dispatchGrace"));

        var policiesPath = ProblemList.Join(path, "policies");
        var policies = new List<EscalationPolicy?>();
        if (document.Policies is null)
        {
            problems.AddMissing(policiesPath, "a list of escalation policies is required ([] for none)");
        }

        for (var i = 0; i < (document.Policies?.Count ?? 0); i++)
        {
            policies.Add(ReadEscalationPolicy(document.Policies![i], context, problems, ProblemList.Index(policiesPath, i)));
        }

        var rulesPath = ProblemList.Join(path, "rules");
        var rules = new List<EscalationRule?>();
        if (document.Rules is null)
        {
            problems.AddMissing(rulesPath, "a list of rules is required ([] for none)");
        }

        for (var i = 0; i < (document.Rules?.Count ?? 0); i++)
        {
            rules.Add(ReadEscalationRule(document.Rules![i], context, problems, ProblemList.Index(rulesPath, i)));
        }

        EscalationSettings.Validate(
            grace,
            document.Policies?.Select(p => p?.Id).ToList() ?? [],
            document.Rules?.Select(r => r?.Id).ToList() ?? [],
            problems,
            path);
        return problems.Problems.Count == before ? Build(problems, path, () => new EscalationSettings(grace!.Value, policies!, rules!)) : null;
    }

    private static EscalationPolicy? ReadEscalationPolicy(EscalationPolicyDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "an escalation policy must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.EscalationPolicyDocument, problems, path);
        var appliesTo = ReadCondition(document.AppliesTo, context, problems, ProblemList.Join(path, "appliesTo"));
        var levelsPath = ProblemList.Join(path, "levels");
        var levels = new List<EscalationLevel?>();
        if (document.Levels is null)
        {
            problems.AddMissing(levelsPath, "a list of levels is required");
        }

        for (var i = 0; i < (document.Levels?.Count ?? 0); i++)
        {
            levels.Add(ReadEscalationLevel(document.Levels![i], context, problems, ProblemList.Index(levelsPath, i)));
        }

        var stopWhen = ReadEnum<EscalationStop>(document.StopWhen, problems, ProblemList.Join(path, "stopWhen"));
        if (document.Repeats is null)
        {
            problems.AddMissing(ProblemList.Join(path, "repeats"), "a whole number is required (0 for no repeat)");
        }

        var repeatAfter = ReadOptionalDuration(document.RepeatAfter, problems, ProblemList.Join(path, "repeatAfter"));
        EscalationPolicy.Validate(document.Id, document.Levels?.Count ?? 1, stopWhen, document.Repeats, repeatAfter, problems, path);
        return problems.Problems.Count == before
            ? Build(problems, path, () => new EscalationPolicy(document.Id!, appliesTo!, levels!, stopWhen!.Value, document.Repeats!.Value, repeatAfter))
            : null;
    }

    private static EscalationLevel? ReadEscalationLevel(EscalationLevelDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a level must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.EscalationLevelDocument, problems, path);
        var delay = ReadOptionalDuration(document.Delay, problems, ProblemList.Join(path, "delay"));
        var targetsPath = ProblemList.Join(path, "targets");
        var targets = new List<EscalationTarget?>();
        if (document.Targets is null)
        {
            problems.AddMissing(targetsPath, "a list of targets is required");
        }

        for (var i = 0; i < (document.Targets?.Count ?? 0); i++)
        {
            targets.Add(ReadEscalationTarget(document.Targets![i], context, problems, ProblemList.Index(targetsPath, i)));
        }

        if (document.Targets is not null)
        {
            EscalationLevel.Validate(delay, targets, problems, path);
        }

        return problems.Problems.Count == before ? Build(problems, path, () => new EscalationLevel(delay!.Value, targets!)) : null;
    }

    private static EscalationRule? ReadEscalationRule(EscalationRuleDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a rule must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.EscalationRuleDocument, problems, path);
        var when = ReadCondition(document.When, context, problems, ProblemList.Join(path, "when"));
        var action = ReadEnum<EscalationAction>(document.Action, problems, ProblemList.Join(path, "action"));
        var target = ReadEscalationTarget(document.Target, context, problems, ProblemList.Join(path, "target"));
        EscalationRule.Validate(document.Id, action, problems, path);
        return problems.Problems.Count == before ? Build(problems, path, () => new EscalationRule(document.Id!, when!, action!.Value, target!)) : null;
    }

    private static EscalationTarget? ReadEscalationTarget(EscalationTargetDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, "a target is required: {\"kind\": \"role\", \"id\": \"engineering-manager\"}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.EscalationTargetDocument, problems, path);
        var kind = ReadEnum<EscalationTargetKind>(document.Kind, problems, ProblemList.Join(path, "kind"));
        EscalationTarget.Validate(kind, document.Id, problems, path);
        if (kind is null && string.IsNullOrWhiteSpace(document.Id))
        {
            problems.AddMissing(ProblemList.Join(path, "id"), "an id is required");
        }

        if (problems.Problems.Count != before)
        {
            return null;
        }

        if (kind == EscalationTargetKind.Role && context.Roles is { } roles && !roles.Contains(document.Id!))
        {
            problems.Add(ProblemList.Join(path, "id"), ResponsePolicy.UnknownRoleReason(document.Id!, roles));
            return null;
        }

        return Build(problems, path, () => new EscalationTarget(kind!.Value, document.Id!));
    }

    /// <summary>What a condition or target may refer to: the document's role ids and severity ids (null when those
    /// sections could not be read, so nothing is reported twice), and whether only impact and flag kinds are allowed.</summary>
    private sealed record EscalationContext(HashSet<string>? Roles, IReadOnlyList<string>? SeverityIds, bool ImpactOnly);
}
