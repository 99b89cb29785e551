using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IncidentPolicy.Calendars;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy;

/// <summary>
/// Maps a policy document to a <see cref="ResponsePolicy"/> and back. Reading gathers every problem with
/// its JSON path and builds the policy only when there are none.
/// </summary>
internal static partial class PolicyMapper
{
    public const int FormatVersion = 2;

    /// <summary>Reads a policy document. The problems of sections taken from the seed (<c>"extends": "seed"</c>) are
    /// told at the section's own path, saying so; see <see cref="TakeFromSeed"/>.</summary>
    public static ResponsePolicy? ToPolicy(PolicyDocument document, ProblemList problems, PolicyReadOptions? options = null)
    {
        var read = new ProblemList();
        var version = ReadFormatVersion(document, read);
        var fromSeed = TakeFromSeed(document, version, read);
        var policy = ReadPolicy(document, version, options, read);
        foreach (var problem in FromSeedProblems(read.Problems, fromSeed))
        {
            problems.Add(problem.Path, problem.Reason);
        }

        return problems.HasProblems ? null : policy;
    }

    private static ResponsePolicy? ReadPolicy(PolicyDocument document, int? version, PolicyReadOptions? options, ProblemList problems)
    {
        var roles = ReadRoles(document.Roles, problems, "$.roles");
        var calendar = ReadCalendar(document.Calendar, options?.HolidaySource, problems, "$.calendar");
        var severities = ReadSeverities(document.Severities, problems, "$.severities");
        var lifecycle = ReadLifecycle(document.Lifecycle, version, roles, problems, "$.lifecycle");
        var onCall = ReadOnCall(document, calendar, roles, problems);
        var (escalation, severityMatrix) = ReadEscalationSections(document, roles, severities, problems);
        var changeWindows = ReadChangeWindowsSection(document, roles, problems);
        var runbooks = ReadRunbooksSection(document, roles, severities, problems);

        if (roles is not null && severities is not null)
        {
            var knownRoles = roles.Where(r => r is not null).Select(r => r!.Id).ToList();
            for (var i = 0; i < severities.Count; i++)
            {
                if (document.Severities![i]?.RolesInvolved is { } involved)
                {
                    ResponsePolicy.ValidateRoleReferences(knownRoles, involved, problems, $"$.severities[{i}]");
                }
            }
        }

        if (problems.HasProblems || roles is null || calendar is null || severities is null)
        {
            return null;
        }

        if (Build(problems, "$.severities", () => new SeverityScale(severities)) is not { } scale)
        {
            return null;
        }

        if (version == 1)
        {
            CheckVersionOneSections(document, roles, scale, problems);
            if (problems.HasProblems)
            {
                return null;
            }
        }

        // Cross-section checks (unknown roles in the lifecycle rules, …) and the size of the written form are the
        // policy's own; report them with paths. Absent sections are empty, and the lifecycle rules those for a policy
        // that sets none.
        try
        {
            return ResponsePolicy.Compose(
                roles!, scale, calendar, lifecycle, onCall.People!, onCall.Schedules!, escalation, severityMatrix, changeWindows, runbooks);
        }
        catch (PolicyValidationException e)
        {
            problems.AddAll("$", e);
            return null;
        }
    }

    public static PolicyDocument ToDocument(ResponsePolicy policy) => new()
    {
        FormatVersion = FormatVersion,
        Roles = policy.Roles.Select(r => (RoleDocument?)new RoleDocument
        {
            Id = r.Id,
            Name = r.Name,
            Description = r.Description,
            RespondedBy = r.HasDefaultResponse ? null : r.RespondedBy.Select(e => (string?)ResponseEvents.Name(e)).ToList(),
        }).ToList(),
        Calendar = ToDocument(policy.Calendar),
        Severities = policy.Severities.Select(s => (SeverityDocument?)ToDocument(s)).ToList(),
        Lifecycle = ToDocument(policy.Lifecycle),
        People = ToPeopleDocuments(policy),
        Schedules = ToScheduleDocuments(policy),
        Escalation = ToDocument(policy.Escalation),
        SeveritySuggestion = ToDocument(policy.SeverityMatrix),
        ChangeWindows = ToDocument(policy.ChangeWindows),
        Runbooks = ToDocument(policy.Runbooks),
    };

    private static CalendarDocument ToDocument(BusinessCalendar calendar) => new()
    {
        TimeZone = calendar.Zone.Id,
        WorkingDays = calendar.WorkingDays.Select(d => (string?)BusinessCalendar.DayName(d)).ToList(),
        Opens = IsoText.FormatLocalTime(calendar.Hours.OpeningTime),
        Closes = FormatClosing(calendar.Hours),
        Holidays = calendar.Holidays.Select(h => (HolidayEntryDocument?)ToDocument(h)).ToList(),
        WeekdayHours = calendar.WeekdayHours.Count == 0
            ? null
            : calendar.WeekdayHours.ToDictionary(
                p => BusinessCalendar.DayName(p.Key),
                p => (HoursDocument?)new HoursDocument { Opens = IsoText.FormatLocalTime(p.Value.OpeningTime), Closes = FormatClosing(p.Value) }),
    };

    private static SeverityDocument ToDocument(SeverityLevel level) => new()
    {
        Id = level.Id,
        Rank = level.Rank,
        Name = level.Name,
        Description = level.Description,
        Examples = level.Examples.Select(e => (string?)e).ToList(),
        RolesInvolved = level.RolesInvolved.Select(r => (string?)r).ToList(),
        Acknowledge = ToDocument(level.AcknowledgementTarget),
        Respond = ToDocument(level.ResponseTarget),
        DeclareWithin = FormatOptional(level.DeclarationTimeLimit),
        AssignCommanderWithin = FormatOptional(level.CommanderAssignmentTimeLimit),
        StatusUpdates = new StatusUpdatesDocument
        {
            Audience = HumanText.CamelCase(level.StatusUpdates.Audience),
            FirstWithin = FormatOptional(level.StatusUpdates.FirstWithin),
            Every = FormatOptional(level.StatusUpdates.Every),
        },
        PostMortem = level.PostMortem is { } rule
            ? new PostMortemDocument
            {
                ScheduleWithin = IsoText.FormatDuration(rule.SchedulingTimeLimit),
                ActionItemsRequiredBeforeClose = rule.ActionItemsRequiredBeforeClose,
            }
            : null,
    };

    private static TargetDocument ToDocument(ResponseTarget target) =>
        new() { Within = target.Days is { } days ? BusinessDaysText(days) : FormatOptional(target.Within), Clock = HumanText.CamelCase(target.Clock) };

    private static string? FormatOptional(Duration? duration) => duration is { } d ? IsoText.FormatDuration(d) : null;

    private static string FormatClosing(WorkingHours hours) => hours.ClosesAtEndOfDay ? "24:00" : IsoText.FormatLocalTime(hours.ClosingTime);

    private static List<Role?>? ReadRoles(List<RoleDocument?>? documents, ProblemList problems, string path)
    {
        if (documents is null)
        {
            problems.AddMissing(path, "roles are required: a list of {id, name, description}");
            return null;
        }

        var roles = new List<Role?>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var itemPath = ProblemList.Index(path, i);
            if (documents[i] is not { } document)
            {
                problems.Add(itemPath, "a role must be an object, not null");
                roles.Add(null);
                continue;
            }

            CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.RoleDocument, problems, itemPath);
            var before = problems.Problems.Count;
            Role.Validate(document.Id, document.Name, document.Description, problems, itemPath);
            var valid = problems.Problems.Count == before;

            // A bad respondedBy is reported at its path; the role is still read (with the events that could be), so
            // that the severities naming it do not report it as unknown.
            var respondedBy = ReadRespondedBy(document.RespondedBy, problems, ProblemList.Join(itemPath, "respondedBy"));
            roles.Add(valid
                ? Build(problems, itemPath, () => new Role(document.Id!, document.Name!, document.Description ?? "", respondedBy is { Count: > 0 } ? respondedBy : null))
                : null);
        }

        ResponsePolicy.ValidateRoles(documents.Select(d => d?.Id).ToList(), problems, path);
        return roles;
    }

    /// <summary>A role's <c>respondedBy</c>: null for the default; else every name known, none twice, at least one.</summary>
    private static List<ResponseEvent>? ReadRespondedBy(List<string?>? names, ProblemList problems, string path)
    {
        if (names is null)
        {
            return null;
        }

        var events = new List<ResponseEvent>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var itemPath = ProblemList.Index(path, i);
            if (!ResponseEvents.TryParse(names[i], out var responseEvent))
            {
                problems.AddUnreadable(itemPath, names[i] is null
                    ? $"an event name is required, not null; one of {ResponseEvents.NameList}"
                    : $"unknown event '{names[i]}'; one of {ResponseEvents.NameList}");
            }
            else if (events.Contains(responseEvent))
            {
                problems.Add(itemPath, $"'{names[i]}' is listed twice");
            }
            else
            {
                events.Add(responseEvent);
            }
        }

        if (names.Count == 0)
        {
            Role.ValidateRespondedBy([], problems, path);
        }

        return events;
    }

    private static List<SeverityLevel>? ReadSeverities(List<SeverityDocument?>? documents, ProblemList problems, string path)
    {
        if (documents is null)
        {
            problems.AddMissing(path, "severities are required: a list of severity levels");
            return null;
        }

        var levels = new List<SeverityLevel>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            if (ReadSeverity(documents[i], problems, ProblemList.Index(path, i)) is { } level)
            {
                levels.Add(level);
            }
        }

        SeverityScale.Validate(documents.Select(d => (d?.Id, d?.Rank)).ToList(), problems, path);
        return levels.Count == documents.Count ? levels : null;
    }

    private static SeverityLevel? ReadSeverity(SeverityDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a severity level must be an object, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.SeverityDocument, problems, path);
        var acknowledge = ReadTarget(document.Acknowledge, problems, ProblemList.Join(path, "acknowledge"));
        var respond = ReadTarget(document.Respond, problems, ProblemList.Join(path, "respond"));
        var declareWithin = ReadOptionalDuration(document.DeclareWithin, problems, ProblemList.Join(path, "declareWithin"));
        var commanderWithin = ReadOptionalDuration(document.AssignCommanderWithin, problems, ProblemList.Join(path, "assignCommanderWithin"));
        var statusUpdates = ReadStatusUpdates(document.StatusUpdates, problems, ProblemList.Join(path, "statusUpdates"));
        var postMortem = ReadPostMortem(document.PostMortem, problems, ProblemList.Join(path, "postMortem"));
        var examples = document.Examples ?? [];
        var roles = document.RolesInvolved ?? [];
        if (document.RolesInvolved is null)
        {
            problems.AddMissing(ProblemList.Join(path, "rolesInvolved"), "rolesInvolved is required: a list of role ids");
        }

        SeverityLevel.Validate(document.Id, document.Rank, document.Name, document.Description, examples, roles, declareWithin, commanderWithin, problems, path);
        if (problems.Problems.Count != before || acknowledge is null || respond is null)
        {
            return null;
        }

        return Build(problems, path, () => new SeverityLevel(
            document.Id!, document.Rank!.Value, document.Name!, document.Description ?? "", examples!, roles!,
            acknowledge, respond, declareWithin, commanderWithin, statusUpdates, postMortem));
    }

    private static ResponseTarget? ReadTarget(TargetDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, "a target is required: {within, clock}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.TargetDocument, problems, path);
        var clock = ReadEnum<ResponseClock>(document.Clock, problems, ProblemList.Join(path, "clock"));
        var within = ReadOptionalDuration(document.Within, problems, ProblemList.Join(path, "within"));
        CheckTargetDays(clock, document.Within, within, problems, ProblemList.Join(path, "within"));
        if (clock is { } c && problems.Problems.Count == before)
        {
            ResponseTarget.Validate(c, within, problems, path);
        }

        return problems.Problems.Count == before && clock is { } valid ? Build(problems, path, () => ResponseTarget.Create(valid, within)) : null;
    }

    private static StatusUpdateRule? ReadStatusUpdates(StatusUpdatesDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            return StatusUpdateRule.None;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.StatusUpdatesDocument, problems, path);
        var audience = ReadEnum<UpdateAudience>(document.Audience, problems, ProblemList.Join(path, "audience"));
        var first = ReadOptionalDuration(document.FirstWithin, problems, ProblemList.Join(path, "firstWithin"));
        var every = ReadOptionalDuration(document.Every, problems, ProblemList.Join(path, "every"));
        if (audience is { } a)
        {
            StatusUpdateRule.Validate(a, first, every, problems, path);
        }

        return problems.Problems.Count == before && audience is { } valid ? Build(problems, path, () => StatusUpdateRule.Create(valid, first, every)) : null;
    }

    private static PostMortemRule? ReadPostMortem(PostMortemDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.PostMortemDocument, problems, path);
        var withinPath = ProblemList.Join(path, "scheduleWithin");
        var within = ReadOptionalDuration(document.ScheduleWithin, problems, withinPath);
        Durations.RequirePositive(within, problems, withinPath);
        if (document.ActionItemsRequiredBeforeClose is null)
        {
            problems.AddMissing(ProblemList.Join(path, "actionItemsRequiredBeforeClose"), "true or false is required");
        }

        return problems.Problems.Count == before ? Build(problems, path, () => new PostMortemRule(within!.Value, document.ActionItemsRequiredBeforeClose!.Value)) : null;
    }

    private static Duration? ReadOptionalDuration(string? text, ProblemList problems, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (IsoText.TryParseDuration(text, out var duration, out var reason))
        {
            return duration;
        }

        problems.AddUnreadable(path, reason);
        return null;
    }

    private static TEnum? ReadEnum<TEnum>(string? text, ProblemList problems, string path)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(text, HumanText.CamelCase(value), StringComparison.Ordinal))
            {
                return value;
            }
        }

        var expected = string.Join(", ", Enum.GetValues<TEnum>().Select(v => HumanText.CamelCase(v)));
        if (text is null)
        {
            problems.AddMissing(path, $"a value is required: one of {expected}");
        }
        else
        {
            problems.AddUnreadable(path, $"'{text}' is not one of {expected}");
        }
        return null;
    }

    /// <summary>
    /// Builds an object whose parts were read and checked without problems. Its constructor checks them again; should
    /// it still refuse them, its problems are reported under the object's path rather than escaping the reader, so
    /// <see cref="PolicyJson.TryParse(string, PolicyReadOptions, out ResponsePolicy?, out IReadOnlyList{PolicyProblem})"/> never throws for bad input and every problem keeps its full JSON path.
    /// </summary>
    private static T? Build<T>(ProblemList problems, string path, Func<T?> build)
        where T : class
    {
        try
        {
            return build();
        }
        catch (PolicyValidationException e)
        {
            problems.AddAll(path, e);
            return null;
        }
    }

    private static void CheckUnknownKeys(Dictionary<string, JsonElement>? unknown, JsonTypeInfo typeInfo, ProblemList problems, string path)
    {
        if (unknown is null)
        {
            return;
        }

        var expected = string.Join(", ", typeInfo.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name));
        foreach (var key in unknown.Keys)
        {
            problems.Add(JsonPaths.Member(path, key), $"unknown key '{key}'; expected one of: {expected}");
        }
    }
}
