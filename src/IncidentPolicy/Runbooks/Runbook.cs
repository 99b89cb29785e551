using System.Globalization;
using System.Text;

namespace IncidentPolicy.Runbooks;

/// <summary>
/// The cheat sheet for 4 AM, as in the seed's "Runbook: Checkout Error Rate Spike": quick assessment steps, common
/// causes ranked by frequency with their mitigations, and escalation lines backed by rules. A runbook applies to
/// incidents of its <see cref="Services"/> or raised by one of its <see cref="AlertTags"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Runbook
{
    /// <summary>Creates the runbook.</summary>
    /// <param name="id">Stable id in lower-case kebab form, such as <c>checkout-error-rate-spike</c>.</param>
    /// <param name="title">The title, such as <c>Checkout Error Rate Spike</c>.</param>
    /// <param name="services">Services whose incidents the runbook covers, such as <c>checkout</c>.</param>
    /// <param name="alertTags">Alert tags that call for it, such as <c>checkout-error-rate</c>.</param>
    /// <param name="quickAssessment">The quick-assessment steps, in order.</param>
    /// <param name="commonCauses">Common causes, most frequent first; shares add up to at most 100 %.</param>
    /// <param name="escalation">Escalation lines, in order.</param>
    /// <exception cref="ArgumentNullException">A list or an item is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not kebab form, the title is empty, a service or alert tag
    /// is blank, causes are out of rank order or their shares add up to more than 100 %, or a text is not one line of
    /// valid Unicode within <see cref="Limits"/> (paths <c>id</c>, <c>title</c>, <c>services[0]</c>,
    /// <c>alertTags[0]</c>, <c>quickAssessment[0].check</c>, <c>commonCauses[2].share</c>, <c>commonCauses</c>,
    /// <c>escalation[0].text</c>).</exception>
    public Runbook(
        string id,
        string title,
        IEnumerable<string> services,
        IEnumerable<string> alertTags,
        IEnumerable<AssessmentStep> quickAssessment,
        IEnumerable<RunbookCause> commonCauses,
        IEnumerable<RunbookEscalation> escalation)
    {
        Services = Copy(services, nameof(services));
        AlertTags = Copy(alertTags, nameof(alertTags));
        QuickAssessment = Copy(quickAssessment, nameof(quickAssessment));
        CommonCauses = Copy(commonCauses, nameof(commonCauses));
        Escalation = Copy(escalation, nameof(escalation));
        var problems = new ProblemList();
        IncidentPolicy.Escalation.EscalationIds.Check(id, "runbook", problems, "id");
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add("title", "a title is required");
        }
        else
        {
            problems.CheckText(title, StorableText.Shape.Line, "the title", "title");
        }

        CheckTexts(Services, "services", problems);
        CheckTexts(AlertTags, "alertTags", problems);
        for (var i = 0; i < QuickAssessment.Count; i++)
        {
            var step = QuickAssessment[i];
            problems.CheckText(step.Check, StorableText.Shape.Line, "the check", $"quickAssessment[{i}].check");
            problems.CheckText(step.Condition, StorableText.Shape.Line, "the condition", $"quickAssessment[{i}].condition");
            problems.CheckText(step.Action, StorableText.Shape.Line, "the action", $"quickAssessment[{i}].action");
        }

        for (var i = 0; i < CommonCauses.Count; i++)
        {
            problems.CheckText(CommonCauses[i].Name, StorableText.Shape.Line, "the name", $"commonCauses[{i}].name");
            problems.CheckText(CommonCauses[i].Mitigation, StorableText.Shape.Line, "the mitigation", $"commonCauses[{i}].mitigation");
        }

        for (var i = 0; i < Escalation.Count; i++)
        {
            problems.CheckText(Escalation[i].Text, StorableText.Shape.Line, "the text", $"escalation[{i}].text");
        }

        for (var i = 1; i < CommonCauses.Count; i++)
        {
            if (CommonCauses[i].SharePercent > CommonCauses[i - 1].SharePercent)
            {
                problems.Add(
                    $"commonCauses[{i}].share",
                    $"causes are ranked by frequency: {CommonCauses[i].SharePercent}% is more than the {CommonCauses[i - 1].SharePercent}% ranked above it");
            }
        }

        var total = CommonCauses.Sum(c => c.SharePercent);
        if (total > 100)
        {
            problems.Add("commonCauses", $"the shares add up to {total}%, more than 100%");
        }

        problems.ThrowIfAny();
        Id = id;
        Title = title;
    }

    /// <summary>Stable id in lower-case kebab form.</summary>
    public string Id { get; }

    /// <summary>The title, shown after "Runbook: ".</summary>
    public string Title { get; }

    /// <summary>Services whose incidents the runbook covers (compared ordinally).</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Alert tags that call for the runbook (compared ordinally).</summary>
    public IReadOnlyList<string> AlertTags { get; }

    /// <summary>The quick-assessment steps, in order.</summary>
    public IReadOnlyList<AssessmentStep> QuickAssessment { get; }

    /// <summary>Common causes, most frequent first.</summary>
    public IReadOnlyList<RunbookCause> CommonCauses { get; }

    /// <summary>Escalation lines, each with its rule.</summary>
    public IReadOnlyList<RunbookEscalation> Escalation { get; }

    /// <summary>Whether the runbook covers an incident of <paramref name="service"/> or with one of
    /// <paramref name="alertTags"/>.</summary>
    /// <param name="service">The incident's service, or <see langword="null"/> when unknown.</param>
    /// <param name="alertTags">The tags of the alert that raised it.</param>
    /// <returns><see langword="true"/> when the service or a tag is one of the runbook's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alertTags"/> is null.</exception>
    public bool Matches(string? service, IEnumerable<string> alertTags)
    {
        ArgumentNullException.ThrowIfNull(alertTags);
        return (service is not null && Services.Contains(service, StringComparer.Ordinal))
            || alertTags.Any(t => t is not null && AlertTags.Contains(t, StringComparer.Ordinal));
    }

    /// <summary>The runbook as Markdown in the seed's layout: <c>## Runbook: TITLE</c>, <c>### Quick Assessment</c>
    /// (numbered checks, each with <c>→ If CONDITION: ACTION</c>), <c>### Common Causes (ranked by frequency)</c> (the
    /// first share written "N% of incidents", the rest "N%", each with <c>→ Mitigation:</c>) and <c>### Escalation</c>
    /// (a bullet per line). Deterministic, <c>\n</c> line ends, one at the end; sections without items are left out.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Runbook: {Title}\n");
        if (QuickAssessment.Count > 0)
        {
            text.Append("\n### Quick Assessment\n");
            for (var i = 0; i < QuickAssessment.Count; i++)
            {
                var step = QuickAssessment[i];
                text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {step.Check}\n   → If {step.Condition}: {step.Action}\n");
            }
        }

        if (CommonCauses.Count > 0)
        {
            text.Append("\n### Common Causes (ranked by frequency)\n");
            for (var i = 0; i < CommonCauses.Count; i++)
            {
                var cause = CommonCauses[i];
                var share = i == 0 ? $"{cause.SharePercent}% of incidents" : $"{cause.SharePercent}%";
                text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {cause.Name} ({share})\n   → Mitigation: {cause.Mitigation}\n");
            }
        }

        if (Escalation.Count > 0)
        {
            text.Append("\n### Escalation\n");
            foreach (var line in Escalation)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {line.Text}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The id and title: <c>checkout-error-rate-spike: Checkout Error Rate Spike</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {Title}";

    /// <summary>Services and alert tags: each a non-blank id.</summary>
    private static void CheckTexts(IReadOnlyList<string> texts, string key, ProblemList problems)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                problems.Add($"{key}[{i}]", "a non-empty text is required");
            }
            else
            {
                problems.CheckText(texts[i], StorableText.Shape.Id, "the text", $"{key}[{i}]");
            }
        }
    }

    private static IReadOnlyList<T> Copy<T>(IEnumerable<T> items, string name)
    {
        ArgumentNullException.ThrowIfNull(items, name);
        var list = items.ToList();
        if (list.Any(i => i is null))
        {
            throw new ArgumentNullException(name, "An item is null.");
        }

        return list.AsReadOnly();
    }
}
