using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

/// <summary>Reading the severity-suggestion rules and the escalation conditions both sections share.</summary>
internal static partial class PolicyMapper
{
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
}
