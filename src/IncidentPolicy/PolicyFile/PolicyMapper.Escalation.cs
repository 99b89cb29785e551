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

    private static SeverityMatrix? ReadSeverityMatrix(List<SeverityRuleDocument?> documents, EscalationContext context, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        var rules = new List<SeverityRule?>();
        for (var i = 0; i < documents.Count; i++)
        {
            rules.Add(ReadSeverityRule(documents[i], context, problems, ProblemList.Index(path, i)));
        }

        EscalationIds.CheckUnique(documents.Select((d, i) => (d?.Id, ProblemList.Index(path, i))), problems);
        return problems.Problems.Count == before ? Build(problems, path, () => new SeverityMatrix(rules!)) : null;
    }

    private static SeverityRule? ReadSeverityRule(SeverityRuleDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a severity rule must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.SeverityRuleDocument, problems, path);
        var when = ReadCondition(document.When, context, problems, ProblemList.Join(path, "when"));
        SeverityRule.Validate(document.Id, document.Severity, problems, path);
        CheckSeverity(document.Severity, context, problems, ProblemList.Join(path, "severity"));
        return problems.Problems.Count == before ? Build(problems, path, () => new SeverityRule(document.Id!, when!, document.Severity!)) : null;
    }

    private static readonly string ConditionKinds =
        "all, any, not, elapsedSince, statusIn, severityAtLeast, impactAbove, impactBelow, flagRaised";

    private static Condition? ReadCondition(ConditionDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, $"a condition is required: an object with one key, one of {ConditionKinds}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ConditionDocument, problems, path);
        (string Kind, bool Present)[] kinds =
        [
            ("all", document.All is not null), ("any", document.Any is not null), ("not", document.Not is not null),
            ("elapsedSince", document.ElapsedSince is not null), ("statusIn", document.StatusIn is not null),
            ("severityAtLeast", document.SeverityAtLeast is not null), ("impactAbove", document.ImpactAbove is not null),
            ("impactBelow", document.ImpactBelow is not null), ("flagRaised", document.FlagRaised is not null),
        ];
        var present = kinds.Where(k => k.Present).Select(k => k.Kind).ToList();
        if (present.Count == 0)
        {
            if (document.Unknown is null or { Count: 0 })
            {
                problems.Add(path, $"a condition needs exactly one key naming its kind, one of {ConditionKinds}");
            }

            return null;
        }

        if (present.Count > 1)
        {
            foreach (var extra in present.Skip(1))
            {
                problems.Add(
                    ProblemList.Join(path, extra),
                    $"a condition has exactly one kind, and this one is already '{present[0]}'; combine conditions with all or any");
            }

            return null;
        }

        var kindPath = ProblemList.Join(path, present[0]);
        if (context.ImpactOnly && present[0] is not ("all" or "any" or "not" or "impactAbove" or "impactBelow" or "flagRaised"))
        {
            problems.Add(kindPath, SeverityRule.UnsuitableKindReason(present[0]));
            return null;
        }

        var result = Build<Condition>(problems, path, () => present[0] switch
        {
            "all" => ReadConditionList(document.All!, context, problems, kindPath) is { } all ? new AllCondition(all) : null,
            "any" => ReadConditionList(document.Any!, context, problems, kindPath) is { } any ? new AnyCondition(any) : null,
            "not" => ReadCondition(document.Not, context, problems, kindPath) is { } inner ? new NotCondition(inner) : null,
            "elapsedSince" => ReadElapsedSince(document.ElapsedSince!, problems, kindPath),
            "statusIn" => ReadStatusIn(document.StatusIn!, problems, kindPath),
            "severityAtLeast" => CheckSeverity(document.SeverityAtLeast, context, problems, kindPath)
                ? new SeverityAtLeastCondition(document.SeverityAtLeast!)
                : null,
            "impactAbove" => ReadImpact(document.ImpactAbove!, problems, kindPath) is { } above ? new ImpactAboveCondition(above.Metric, above.Value) : null,
            "impactBelow" => ReadImpact(document.ImpactBelow!, problems, kindPath) is { } below ? new ImpactBelowCondition(below.Metric, below.Value) : null,
            _ => ReadFlag(document.FlagRaised, problems, kindPath),
        });
        return problems.Problems.Count == before ? result : null;
    }

    private static List<Condition>? ReadConditionList(List<ConditionDocument?> documents, EscalationContext context, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        CompositeConditions.Validate(documents.Count, problems, path);
        var conditions = new List<Condition>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            if (ReadCondition(documents[i], context, problems, ProblemList.Index(path, i)) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return problems.Problems.Count == before ? conditions : null;
    }

    private static ElapsedSinceCondition? ReadElapsedSince(ElapsedSinceDocument document, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ElapsedSinceDocument, problems, path);
        var since = ReadEnum<ElapsedAnchor>(document.Since, problems, ProblemList.Join(path, "since"));
        var atLeast = ReadOptionalDuration(document.AtLeast, problems, ProblemList.Join(path, "atLeast"));
        ElapsedSinceCondition.Validate(since ?? ElapsedAnchor.Alert, atLeast, problems, path);
        return problems.Problems.Count == before ? Build(problems, path, () => new ElapsedSinceCondition(since!.Value, atLeast!.Value)) : null;
    }

    private static StatusInCondition? ReadStatusIn(List<string?> names, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        var statuses = names.Select((name, i) => ReadEnum<IncidentStatus>(name, problems, ProblemList.Index(path, i))).ToList();
        StatusInCondition.Validate(statuses, problems, path);
        return problems.Problems.Count == before ? Build(problems, path, () => new StatusInCondition(statuses.Select(s => s!.Value))) : null;
    }

    private static (string Metric, decimal Value)? ReadImpact(ImpactDocument document, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ImpactDocument, problems, path);
        ConditionNames.Validate(document.Metric, "an impact metric", problems, ProblemList.Join(path, "metric"));
        if (document.Value is null)
        {
            problems.AddMissing(ProblemList.Join(path, "value"), "a number is required");
        }

        return problems.Problems.Count == before ? (document.Metric!, document.Value!.Value) : null;
    }

    private static FlagRaisedCondition? ReadFlag(string? flag, ProblemList problems, string path)
    {
        var before = problems.Problems.Count;
        ConditionNames.Validate(flag, "a flag", problems, path);
        return problems.Problems.Count == before ? Build(problems, path, () => new FlagRaisedCondition(flag!)) : null;
    }

    /// <summary>Checks a severity id where one is referred to: required, and one of the document's severities when
    /// those could be read.</summary>
    private static bool CheckSeverity(string? id, EscalationContext context, ProblemList problems, string path)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.AddMissing(path, "a severity id is required, like SEV-2");
            return false;
        }

        if (context.SeverityIds is { } known && !known.Contains(id, StringComparer.Ordinal))
        {
            problems.Add(path, ResponsePolicy.UnknownSeverityReason(id, known));
            return false;
        }

        return true;
    }

    /// <summary>What a condition or target may refer to: the document's role ids and severity ids (null when those
    /// sections could not be read, so nothing is reported twice), and whether only impact and flag kinds are allowed.</summary>
    private sealed record EscalationContext(HashSet<string>? Roles, IReadOnlyList<string>? SeverityIds, bool ImpactOnly);
}
