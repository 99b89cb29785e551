using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;

namespace IncidentPolicy;

// Where a policy file's sections come from. Format version 2: from the file alone, or, with "extends": "seed", each
// top-level section the file leaves out from the seed playbook whole. Format version 1 filled some left-out sections
// from the seed; a version 1 file is read as before only when that did not happen, and is told what to add otherwise.
internal static partial class PolicyMapper
{
    /// <summary>The one value <c>extends</c> accepts: the seed playbook, <see cref="ResponsePolicy.Default"/>.</summary>
    public const string Seed = "seed";

    /// <summary>The format version (1 or 2), or <see langword="null"/> with a problem; unknown top-level keys are
    /// reported here too.</summary>
    private static int? ReadFormatVersion(PolicyDocument document, ProblemList problems)
    {
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.PolicyDocument, problems, "$");
        const string supported = "this library reads format versions 1 and 2 (write 2)";
        if (document.FormatVersion is null)
        {
            problems.AddMissing("$.formatVersion", $"formatVersion is required; {supported}");
            return null;
        }

        if (document.FormatVersion is not (1 or FormatVersion))
        {
            problems.Add("$.formatVersion", $"format version {document.FormatVersion} is not supported; {supported}");
            return null;
        }

        return document.FormatVersion;
    }

    /// <summary>
    /// With <c>"extends": "seed"</c>, puts the seed's section in every top-level section the document leaves out, so
    /// that the whole is read and validated as one file; the file's own sections replace the seed's whole (no deep
    /// merge). Returns the keys of the sections taken from the seed.
    /// </summary>
    private static HashSet<string> TakeFromSeed(PolicyDocument document, int? version, ProblemList problems)
    {
        var fromSeed = new HashSet<string>(StringComparer.Ordinal);
        if (document.Extends is null)
        {
            return fromSeed;
        }

        if (document.Extends != Seed)
        {
            problems.Add("$.extends", $"'{document.Extends}' is not a policy this file can extend; the accepted value is \"{Seed}\" (the seed playbook)");
            return fromSeed;
        }

        if (version == 1)
        {
            problems.Add("$.extends", "extends needs \"formatVersion\": 2; format version 1 has no extends");
            return fromSeed;
        }

        var seed = ToDocument(ResponsePolicy.Default);
        void Take<T>(string key, Func<PolicyDocument, T?> get, Action<T> set)
            where T : class
        {
            if (get(document) is null)
            {
                set(get(seed)!);
                fromSeed.Add(key);
            }
        }

        Take("roles", d => d.Roles, v => document.Roles = v);
        Take("calendar", d => d.Calendar, v => document.Calendar = v);
        Take("severities", d => d.Severities, v => document.Severities = v);
        Take("lifecycle", d => d.Lifecycle, v => document.Lifecycle = v);
        Take("escalation", d => d.Escalation, v => document.Escalation = v);
        Take("severitySuggestion", d => d.SeveritySuggestion, v => document.SeveritySuggestion = v);
        Take("people", d => d.People, v => document.People = v);
        Take("schedules", d => d.Schedules, v => document.Schedules = v);
        Take("changeWindows", d => d.ChangeWindows, v => document.ChangeWindows = v);
        Take("runbooks", d => d.Runbooks, v => document.Runbooks = v);
        return fromSeed;
    }

    /// <summary>
    /// The problems as a reader reports them: a problem inside a section taken from the seed is told at the section's
    /// path (where the file would write it), says that it comes from the seed and what it names that this policy lacks,
    /// and says to write the section; one problem per section and reason, with the first place and how many more.
    /// </summary>
    private static IEnumerable<PolicyProblem> FromSeedProblems(IReadOnlyList<PolicyProblem> problems, HashSet<string> fromSeed)
    {
        if (fromSeed.Count == 0)
        {
            return problems;
        }

        var result = new List<PolicyProblem>();
        var grouped = new Dictionary<(string Section, string Phrase), (int Index, string First, int More)>();
        foreach (var problem in problems)
        {
            var section = fromSeed.FirstOrDefault(key => InSection(problem.Path, "$." + key));
            if (section is null)
            {
                result.Add(problem);
                continue;
            }

            var phrase = SeedPhrase(problem.Reason);
            if (grouped.TryGetValue((section, phrase), out var seen))
            {
                grouped[(section, phrase)] = seen with { More = seen.More + 1 };
                continue;
            }

            grouped[(section, phrase)] = (result.Count, problem.Path.Length > 2 ? problem.Path[2..] : section, 0);
            result.Add(problem);
        }

        foreach (var ((section, phrase), (index, first, more)) in grouped)
        {
            var where = more == 0 ? first : $"{first} and {more} more {(more == 1 ? "place" : "places")}";
            result[index] = new PolicyProblem(
                "$." + section,
                $"comes from the seed (extends: {Seed}) and {phrase} ({where}): write the {section} section");
        }

        return result;
    }

    private static bool InSection(string path, string sectionPath) =>
        path == sectionPath
        || (path.StartsWith(sectionPath, StringComparison.Ordinal) && path[sectionPath.Length] is '.' or '[');

    /// <summary>What a seed section names that the policy lacks, read from the reason the check gave
    /// (<see cref="ResponsePolicy.UnknownRoleReason"/>, <see cref="ResponsePolicy.UnknownSeverityReason"/> and the
    /// on-call checks' "unknown person"/"unknown schedule"); any other reason is quoted.</summary>
    private static string SeedPhrase(string reason)
    {
        foreach (var kind in (string[])["severity", "role", "person", "schedule"])
        {
            var prefix = $"unknown {kind} '";
            var end = reason.StartsWith(prefix, StringComparison.Ordinal) ? reason.IndexOf('\'', prefix.Length) : -1;
            if (end > 0)
            {
                return $"names {kind} {reason[prefix.Length..end]}, which this policy does not have";
            }
        }

        return $"does not fit this policy: {reason}";
    }

    /// <summary>
    /// Format version 1 took some left-out sections from the seed playbook; version 2 leaves them empty. A version 1
    /// file that left out a section version 1 filled gets one problem at that section's path saying what version 1
    /// put there and what to write now. Sections version 1 would have left empty anyway mean the same under both.
    /// </summary>
    private static void CheckVersionOneSections(PolicyDocument document, List<Role?> roles, SeverityScale severities, ProblemList problems)
    {
        var policyRoles = roles.Select(r => r!).ToList();
        void Missing(string key, string what, string none) =>
            problems.Add(
                "$." + key,
                $"format version 1 took {what} from the seed playbook when this section was left out; format version 2 does not: "
                + $"add \"extends\": \"{Seed}\" and set \"formatVersion\": 2 to keep the seed's, or write the section{none}");

        if (document.Lifecycle is null)
        {
            Missing(
                "lifecycle",
                "the lifecycle rules (reopen window, resolver and restricted-viewer roles, and who may issue which command, or anyone when the policy lacked the seed's roles)",
                " (under format version 2, a policy without it gets no resolver roles besides the commander and the safe permissions for its own roles)");
        }

        if (document.Escalation is null
            && EscalationSettings.DefaultFor(DefaultPolicy.Escalation, policyRoles, severities) is { } escalation
            && escalation.Policies.Count + escalation.Rules.Count > 0)
        {
            var ids = escalation.Policies.Select(p => $"escalation policy {p.Id}").Concat(escalation.Rules.Select(r => $"rule {r.Id}"));
            Missing("escalation", $"the escalation ({string.Join(", ", ids)})", " ({\"dispatchGrace\": \"PT1M\", \"policies\": [], \"rules\": []} for none)");
        }

        if (document.SeveritySuggestion is null
            && SeverityMatrix.DefaultFor(DefaultPolicy.SeverityMatrix, severities) is { Rules.Count: > 0 } matrix)
        {
            Missing("severitySuggestion", $"the severity suggestion rules ({string.Join(", ", matrix.Rules.Select(r => r.Id))})", " ([] for none)");
        }

        if (document.ChangeWindows is null && DefaultPolicy.ChangeWindowsFor(policyRoles) is { Count: > 0 } windows)
        {
            Missing("changeWindows", $"the change window {string.Join(", ", windows.Select(w => w.Id))}", " ([] for none)");
        }

        if (document.Runbooks is null)
        {
            Missing("runbooks", $"the runbook {string.Join(", ", DefaultPolicy.RunbooksFor(EscalationSettings.None).Select(r => r.Id))}", " ([] for none)");
        }
    }
}
