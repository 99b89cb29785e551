using IncidentPolicy.Escalation;
using IncidentPolicy.Runbooks;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

internal static partial class PolicyMapper
{
    /// <summary>
    /// Reads the <c>runbooks</c> section; escalation rules are read as in the escalation section, checking roles and
    /// severities against the document's own. Returns the runbooks, or <see langword="null"/> when the section is absent
    /// (the policy keeps the seed's runbook) or invalid (with problems).
    /// </summary>
    private static List<Runbook>? ReadRunbooksSection(
        PolicyDocument document, List<Role?>? roles, List<SeverityLevel>? severities, ProblemList problems)
    {
        const string path = "$.runbooks";
        if (document.Runbooks is null)
        {
            return null;
        }

        bool Clean(string sectionPath) => !problems.Problems.Any(p => p.Path.StartsWith(sectionPath, StringComparison.Ordinal));
        var context = new EscalationContext(
            Clean("$.roles") ? roles?.Select(r => r!.Id).ToHashSet(StringComparer.Ordinal) : null,
            Clean("$.severities") ? severities?.OrderBy(l => l.Rank).Select(l => l.Id).ToList() : null,
            ImpactOnly: false);
        var before = problems.Problems.Count;
        var runbooks = new List<Runbook?>();
        for (var i = 0; i < document.Runbooks.Count; i++)
        {
            runbooks.Add(ReadRunbook(document.Runbooks[i], context, problems, ProblemList.Index(path, i)));
        }

        EscalationIds.CheckUnique(document.Runbooks.Select((r, i) => (r?.Id, ProblemList.Index(path, i))), problems);
        return problems.Problems.Count == before ? runbooks.ConvertAll(r => r!) : null;
    }

    private static List<RunbookDocument?> ToDocument(IReadOnlyList<Runbook> runbooks) =>
        runbooks.Select(r => (RunbookDocument?)new RunbookDocument
        {
            Id = r.Id,
            Title = r.Title,
            Services = r.Services.Select(s => (string?)s).ToList(),
            AlertTags = r.AlertTags.Select(t => (string?)t).ToList(),
            QuickAssessment = r.QuickAssessment
                .Select(s => (AssessmentStepDocument?)new AssessmentStepDocument { Check = s.Check, Condition = s.Condition, Action = s.Action })
                .ToList(),
            CommonCauses = r.CommonCauses
                .Select(c => (RunbookCauseDocument?)new RunbookCauseDocument { Name = c.Name, Share = c.SharePercent, Mitigation = c.Mitigation })
                .ToList(),
            Escalation = r.Escalation
                .Select(e => (RunbookEscalationDocument?)new RunbookEscalationDocument
                {
                    Text = e.Text,
                    Rule = new EscalationRuleDocument
                    {
                        Id = e.Rule.Id,
                        When = ToDocument(e.Rule.When),
                        Action = HumanText.CamelCase(e.Rule.Action),
                        Target = ToDocument(e.Rule.Target),
                    },
                })
                .ToList(),
        }).ToList();

    private static Runbook? ReadRunbook(RunbookDocument? document, EscalationContext context, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a runbook must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.RunbookDocument, problems, path);
        EscalationIds.Check(document.Id, "runbook", problems, ProblemList.Join(path, "id"));
        if (string.IsNullOrWhiteSpace(document.Title))
        {
            problems.AddMissing(ProblemList.Join(path, "title"), "a title is required");
        }
        else
        {
            problems.CheckText(document.Title, StorableText.Shape.Line, "the title", ProblemList.Join(path, "title"));
        }

        var services = ReadTexts(document.Services, "a list of services is required ([] for none)", problems, ProblemList.Join(path, "services"));
        var tags = ReadTexts(document.AlertTags, "a list of alert tags is required ([] for none)", problems, ProblemList.Join(path, "alertTags"));

        var steps = ReadItems(document.QuickAssessment, "quickAssessment", path, problems, (step, stepPath) =>
        {
            CheckUnknownKeys(step.Unknown, PolicyJsonContext.Default.AssessmentStepDocument, problems, stepPath);
            var ok = RequireText(step.Check, "the check", problems, ProblemList.Join(stepPath, "check"))
                & RequireText(step.Condition, "the condition", problems, ProblemList.Join(stepPath, "condition"))
                & RequireText(step.Action, "the action", problems, ProblemList.Join(stepPath, "action"));
            return ok ? new AssessmentStep(step.Check!, step.Condition!, step.Action!) : null;
        });

        var causes = ReadItems(document.CommonCauses, "commonCauses", path, problems, (cause, causePath) =>
        {
            CheckUnknownKeys(cause.Unknown, PolicyJsonContext.Default.RunbookCauseDocument, problems, causePath);
            var ok = RequireText(cause.Name, "the name", problems, ProblemList.Join(causePath, "name"))
                & RequireText(cause.Mitigation, "the mitigation", problems, ProblemList.Join(causePath, "mitigation"));
            if (cause.Share is not (>= 0 and <= 100))
            {
                problems.Add(ProblemList.Join(causePath, "share"), cause.Share is null ? "a share in whole percent is required" : $"a share is 0 to 100 percent (got {cause.Share})");
                ok = false;
            }

            return ok ? new RunbookCause(cause.Name!, cause.Share!.Value, cause.Mitigation!) : null;
        });

        var escalation = ReadItems(document.Escalation, "escalation", path, problems, (line, linePath) =>
        {
            CheckUnknownKeys(line.Unknown, PolicyJsonContext.Default.RunbookEscalationDocument, problems, linePath);
            var ok = RequireText(line.Text, "the text", problems, ProblemList.Join(linePath, "text"));
            var rule = ReadEscalationRule(line.Rule, context, problems, ProblemList.Join(linePath, "rule"));
            return ok && rule is not null ? new RunbookEscalation(line.Text!, rule) : null;
        });

        if (problems.Problems.Count != before)
        {
            return null;
        }

        return Build(problems, path, () => new Runbook(document.Id!, document.Title!, services!, tags!, steps!, causes!, escalation!));
    }

    private static List<T>? ReadItems<TDocument, T>(
        List<TDocument?>? documents, string key, string path, ProblemList problems, Func<TDocument, string, T?> read)
        where TDocument : class
        where T : class
    {
        var listPath = ProblemList.Join(path, key);
        if (documents is null)
        {
            problems.AddMissing(listPath, "a list is required ([] for none)");
            return null;
        }

        var items = new List<T>();
        for (var i = 0; i < documents.Count; i++)
        {
            var itemPath = ProblemList.Index(listPath, i);
            if (documents[i] is not { } document)
            {
                problems.Add(itemPath, "must be an object, not null");
            }
            else if (read(document, itemPath) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static List<string>? ReadTexts(List<string?>? texts, string missing, ProblemList problems, string path)
    {
        if (texts is null)
        {
            problems.AddMissing(path, missing);
            return null;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            RequireText(texts[i], "the text", problems, ProblemList.Index(path, i), StorableText.Shape.Id);
        }

        return texts.Select(t => t ?? "").ToList();
    }

    /// <summary>A non-blank text that policy files can store (<see cref="StorableText"/>): one line unless
    /// <paramref name="shape"/> says otherwise.</summary>
    private static bool RequireText(string? text, string what, ProblemList problems, string path, StorableText.Shape shape = StorableText.Shape.Line)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.AddMissing(path, "a non-empty text is required");
            return false;
        }

        return problems.CheckText(text, shape, what, path);
    }
}
