using IncidentPolicy.Calendars;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy;

// Reading and writing the on-call sections: people and schedules.
internal static partial class PolicyMapper
{
    /// <summary>Reads people and schedules, and runs the policy's on-call cross-checks over what could be read.
    /// Schedules without a zone get the calendar's (UTC when the calendar itself is invalid).</summary>
    private static (List<Person?> People, List<Schedule?> Schedules) ReadOnCall(
        PolicyDocument document, BusinessCalendar? calendar, List<Role?>? roles, ProblemList problems)
    {
        var people = ReadPeople(document.People, problems, "$.people");
        var schedules = ReadSchedules(document.Schedules, calendar?.Zone ?? DateTimeZone.Utc, problems, "$.schedules");
        var roleIds = roles is null || roles.Any(r => r is null) ? null : roles.Select(r => r!.Id).ToList();

        // Schedules that could not be read are left out of the cross-checks; their ids and roles are checked here.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schedules.Count; i++)
        {
            var id = schedules[i]?.Id ?? document.Schedules![i]?.Id;
            if (id is not null && !ids.TryAdd(id, i))
            {
                problems.Add($"$.schedules[{i}].id", $"schedule id '{id}' is already used by $.schedules[{ids[id]}]");
            }

            if (document.Schedules![i] is { } s && schedules[i] is null)
            {
                if (s.Role is { } role && roleIds is not null && !roleIds.Contains(role, StringComparer.Ordinal))
                {
                    problems.Add($"$.schedules[{i}].role", $"unknown role '{role}'; the policy's roles are: {string.Join(", ", roleIds.Order(StringComparer.Ordinal))}");
                }
            }
        }

        ResponsePolicy.ValidateOnCall(people, schedules, roleIds, problems);
        return (people, schedules);
    }

    private static List<PersonDocument?> ToPeopleDocuments(ResponsePolicy policy) =>
        policy.People.Select(p => (PersonDocument?)new PersonDocument { Id = p.Id, Name = p.Name, Tags = p.Tags.Select(t => (string?)t).ToList() }).ToList();

    private static List<ScheduleDocument?> ToScheduleDocuments(ResponsePolicy policy) =>
        policy.Schedules.Select(s => (ScheduleDocument?)new ScheduleDocument
        {
            Id = s.Id,
            Name = s.Name,
            Role = s.Role,
            TimeZone = s.TimeZone.Id == policy.Calendar.Zone.Id ? null : s.TimeZone.Id,
            WhenUnavailable = HumanText.CamelCase(s.WhenUnavailable),
            Layers = s.Layers.Select(l => (LayerDocument?)new LayerDocument
            {
                Id = l.Id,
                Rotation = ToDocument(l.Rotation),
                RosterChanges = l.RosterChanges.Count == 0 ? null : l.RosterChanges.Select(r => (RotationDocument?)ToDocument(r)).ToList(),
            }).ToList(),
            Overrides = s.Overrides.Select(o => (OverrideDocument?)new OverrideDocument
            {
                Person = o.PersonId,
                From = IsoText.FormatInstant(o.Start),
                To = IsoText.FormatInstant(o.End),
                Layer = o.LayerId,
            }).ToList(),
            Unavailability = s.Unavailability.Select(u => (UnavailabilityDocument?)new UnavailabilityDocument
            {
                Person = u.PersonId,
                From = IsoText.FormatInstant(u.Start),
                To = IsoText.FormatInstant(u.End),
            }).ToList(),
        }).ToList();

    private static RotationDocument ToDocument(Rotation rotation) => new()
    {
        Members = rotation.Members.Select(m => (string?)m).ToList(),
        Start = IsoText.FormatLocalDateTime(rotation.Start),
        TimeZone = rotation.TimeZone?.Id,
        Shift = new ShiftDocument
        {
            Length = rotation.ShiftLength.Period is { } period ? IsoText.FormatPeriod(period) : IsoText.FormatDuration(rotation.ShiftLength.Length),
            Clock = HumanText.CamelCase(rotation.ShiftLength.Clock),
            Anchor = rotation.ShiftLength.Anchor == MonthlyAnchor.WeekdayOfMonth ? HumanText.CamelCase(rotation.ShiftLength.Anchor) : null,
        },
        ActiveWindows = rotation.ActiveWindows.Select(w => (WindowDocument?)new WindowDocument
        {
            Days = w.Days.Select(d => (string?)BusinessCalendar.DayName(d)).ToList(),
            From = IsoText.FormatLocalTime(w.From),
            To = w.To == LocalTime.Midnight ? "24:00" : IsoText.FormatLocalTime(w.To),
        }).ToList(),
    };

    private static List<Person?> ReadPeople(List<PersonDocument?>? documents, ProblemList problems, string path)
    {
        var people = new List<Person?>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var itemPath = ProblemList.Index(path, i);
            if (documents![i] is not { } document)
            {
                problems.Add(itemPath, "a person must be an object {id, name, tags}, not null");
                people.Add(null);
                continue;
            }

            var before = problems.Problems.Count;
            CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.PersonDocument, problems, itemPath);
            var tags = document.Tags ?? [];
            Person.Validate(document.Id, document.Name, tags, problems, itemPath);
            people.Add(problems.Problems.Count == before ? Build(problems, itemPath, () => new Person(document.Id!, document.Name!, tags!)) : null);
        }

        return people;
    }

    private static List<Schedule?> ReadSchedules(List<ScheduleDocument?>? documents, DateTimeZone defaultZone, ProblemList problems, string path)
    {
        var schedules = new List<Schedule?>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            schedules.Add(ReadSchedule(documents![i], defaultZone, problems, ProblemList.Index(path, i)));
        }

        return schedules;
    }

    private static Schedule? ReadSchedule(ScheduleDocument? document, DateTimeZone defaultZone, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a schedule must be an object {id, name, role, layers, …}, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ScheduleDocument, problems, path);
        var zone = document.TimeZone is null ? defaultZone : ReadZone(document.TimeZone, problems, ProblemList.Join(path, "timeZone"));
        var whenUnavailable = document.WhenUnavailable is null
            ? UnavailabilityPolicy.NextAvailableMember
            : ReadEnum<UnavailabilityPolicy>(document.WhenUnavailable, problems, ProblemList.Join(path, "whenUnavailable"));

        var layersPath = ProblemList.Join(path, "layers");
        if (document.Layers is null)
        {
            problems.AddMissing(layersPath, "layers are required: a list of {id, rotation}, lowest first");
        }

        var layers = new List<ScheduleLayer?>();
        for (var i = 0; i < (document.Layers?.Count ?? 0); i++)
        {
            layers.Add(ReadLayer(document.Layers![i], problems, ProblemList.Index(layersPath, i)));
        }

        var overrides = new List<ScheduleOverride?>();
        var overridesPath = ProblemList.Join(path, "overrides");
        for (var i = 0; i < (document.Overrides?.Count ?? 0); i++)
        {
            var itemPath = ProblemList.Index(overridesPath, i);
            if (document.Overrides![i] is not { } o)
            {
                problems.Add(itemPath, "an override must be an object {person, from, to, layer}, not null");
                overrides.Add(null);
                continue;
            }

            var itemBefore = problems.Problems.Count;
            CheckUnknownKeys(o.Unknown, PolicyJsonContext.Default.OverrideDocument, problems, itemPath);
            var from = ReadInstant(o.From, zone, problems, ProblemList.Join(itemPath, "from"));
            var to = ReadInstant(o.To, zone, problems, ProblemList.Join(itemPath, "to"));
            ScheduleOverride.Validate(o.Person, from, to, o.Layer, problems, itemPath);
            overrides.Add(problems.Problems.Count == itemBefore ? Build(problems, itemPath, () => new ScheduleOverride(o.Person!, from!.Value, to!.Value, o.Layer)) : null);
        }

        var unavailability = new List<Unavailability?>();
        var unavailabilityPath = ProblemList.Join(path, "unavailability");
        for (var i = 0; i < (document.Unavailability?.Count ?? 0); i++)
        {
            var itemPath = ProblemList.Index(unavailabilityPath, i);
            if (document.Unavailability![i] is not { } u)
            {
                problems.Add(itemPath, "an unavailability must be an object {person, from, to}, not null");
                unavailability.Add(null);
                continue;
            }

            var itemBefore = problems.Problems.Count;
            CheckUnknownKeys(u.Unknown, PolicyJsonContext.Default.UnavailabilityDocument, problems, itemPath);
            var from = ReadInstant(u.From, zone, problems, ProblemList.Join(itemPath, "from"));
            var to = ReadInstant(u.To, zone, problems, ProblemList.Join(itemPath, "to"));
            OnCall.Unavailability.Validate(u.Person, from, to, problems, itemPath);
            unavailability.Add(problems.Problems.Count == itemBefore ? Build(problems, itemPath, () => new Unavailability(u.Person!, from!.Value, to!.Value)) : null);
        }

        Schedule.Validate(document.Id, document.Name, document.Role, zone, layers, overrides, unavailability, whenUnavailable, problems, path);
        if (problems.Problems.Count != before || zone is null || whenUnavailable is null)
        {
            return null;
        }

        return Build(problems, path, () => new Schedule(document.Id!, document.Name!, document.Role, zone, layers!, overrides!, unavailability!, whenUnavailable.Value));
    }

    private static ScheduleLayer? ReadLayer(LayerDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a layer must be an object {id, rotation}, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.LayerDocument, problems, path);
        Person.CheckOtherId(document.Id, "layer", "weekdays", problems, ProblemList.Join(path, "id"));
        var rotation = ReadRotation(document.Rotation, problems, ProblemList.Join(path, "rotation"));
        var changes = new List<Rotation?>();
        var changesPath = ProblemList.Join(path, "rosterChanges");
        for (var i = 0; i < (document.RosterChanges?.Count ?? 0); i++)
        {
            var changePath = ProblemList.Index(changesPath, i);
            if (document.RosterChanges![i] is null)
            {
                problems.Add(changePath, "a roster change must be a rotation {members, start, timeZone, shift, activeWindows}, not null");
                changes.Add(null);
                continue;
            }

            changes.Add(ReadRotation(document.RosterChanges[i], problems, changePath));
        }

        return problems.Problems.Count == before && rotation is not null && changes.All(c => c is not null)
            ? Build(problems, path, () => new ScheduleLayer(document.Id!, rotation, changes!))
            : null;
    }

    private static Rotation? ReadRotation(RotationDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, "a rotation is required: {members, start, timeZone, shift, activeWindows}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.RotationDocument, problems, path);
        if (document.Members is null)
        {
            problems.AddMissing(ProblemList.Join(path, "members"), "members are required: a list of person ids in turn order");
        }

        Rotation.Validate(document.Members ?? [], problems, path);
        LocalDateTime? start = null;
        var startPath = ProblemList.Join(path, "start");
        if (!IsoText.TryParseLocalDateTime(document.Start, out var parsedStart, out var startReason))
        {
            problems.AddUnreadable(startPath, startReason);
        }
        else if (StorableValues.CheckLocalDateTime(parsedStart, problems, startPath))
        {
            start = parsedStart;
        }

        var zone = document.TimeZone is null ? null : ReadZone(document.TimeZone, problems, ProblemList.Join(path, "timeZone"));
        var shift = ReadShift(document.Shift, problems, ProblemList.Join(path, "shift"));

        var windows = new List<ActiveWindow?>();
        var windowsPath = ProblemList.Join(path, "activeWindows");
        for (var i = 0; i < (document.ActiveWindows?.Count ?? 0); i++)
        {
            windows.Add(ReadWindow(document.ActiveWindows![i], problems, ProblemList.Index(windowsPath, i)));
        }

        if (shift is not null && zone is not null && start is { } from)
        {
            Rotation.ValidateZone(shift, windows.Count, zone, from, problems, path);
        }

        return problems.Problems.Count == before && start is { } s && shift is not null
            ? Build(problems, path, () => new Rotation(document.Members!.Select(m => m!), s, shift, zone, windows!))
            : null;
    }

    private static ShiftLength? ReadShift(ShiftDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.AddMissing(path, "a shift is required: {length, clock}, like {\"length\": \"P1W\", \"clock\": \"wallClock\"}");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ShiftDocument, problems, path);
        var clock = ReadEnum<ShiftClock>(document.Clock, problems, ProblemList.Join(path, "clock"));
        var lengthPath = ProblemList.Join(path, "length");
        switch (clock)
        {
            case ShiftClock.WallClock:
                if (!IsoText.TryParsePeriod(document.Length, out var period, out var periodReason))
                {
                    problems.AddUnreadable(lengthPath, periodReason);
                    return null;
                }

                ShiftLength.ValidateWallClock(period, problems, lengthPath);
                var months = ShiftLength.MonthsOf(period);
                var anchor = document.Anchor is null ? MonthlyAnchor.DayOfMonth : ReadEnum<MonthlyAnchor>(document.Anchor, problems, ProblemList.Join(path, "anchor"));
                if (document.Anchor is not null && months == 0 && problems.Problems.Count == before)
                {
                    problems.Add(ProblemList.Join(path, "anchor"), "an anchor is for a monthly length (P1M, P3M); leave it out for weeks, days and hours");
                }

                return problems.Problems.Count == before && anchor is { } a
                    ? Build(problems, lengthPath, () => months > 0 ? ShiftLength.Monthly(months, a) : ShiftLength.WallClock(period))
                    : null;
            case ShiftClock.Elapsed:
                if (document.Anchor is not null)
                {
                    problems.Add(ProblemList.Join(path, "anchor"), "an anchor is for a monthly wall-clock length (P1M, P3M); leave it out for elapsed shifts");
                }

                if (!IsoText.TryParseDuration(document.Length, out var duration, out var durationReason))
                {
                    problems.AddUnreadable(lengthPath, durationReason);
                    return null;
                }

                ShiftLength.ValidateElapsed(duration, problems, lengthPath);
                return problems.Problems.Count == before ? Build(problems, lengthPath, () => ShiftLength.Elapsed(duration)) : null;
            default:
                return null;
        }
    }

    private static ActiveWindow? ReadWindow(WindowDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "an active window must be an object {days, from, to}, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.WindowDocument, problems, path);
        var days = ReadDays(document.Days, problems, ProblemList.Join(path, "days"));

        ActiveWindow.Validate(days, problems, path);
        if (!IsoText.TryParseLocalTime(document.From, allowEndOfDay: false, out var from, out _, out var fromReason))
        {
            problems.AddUnreadable(ProblemList.Join(path, "from"), fromReason);
        }

        if (!IsoText.TryParseLocalTime(document.To, allowEndOfDay: true, out var to, out _, out var toReason))
        {
            problems.AddUnreadable(ProblemList.Join(path, "to"), toReason);
        }

        // 24:00 reads as midnight, which as an end time means the next midnight.
        return problems.Problems.Count == before ? Build(problems, path, () => new ActiveWindow(days.Select(d => d!.Value), from, to)) : null;
    }

    private static DateTimeZone? ReadZone(string text, ProblemList problems, string path)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(text) is { } zone)
        {
            return zone;
        }

        problems.AddUnreadable(path, $"unknown time zone '{text}'; use an IANA id such as Europe/Berlin, America/New_York or UTC (or null)");
        return null;
    }

    /// <summary>An override's or unavailability's instant: <c>Z</c>, an offset, or a local date and time in the
    /// schedule's zone (null when that zone could not be read: a local time is then refused). A local time the zone
    /// skips or repeats is a problem naming the gap or both instants, never shifted.</summary>
    private static Instant? ReadInstant(string? text, DateTimeZone? zone, ProblemList problems, string path)
    {
        if (IsoText.TryParseZonedInstant(text, zone, out var instant, out var reason))
        {
            return instant;
        }

        problems.AddUnreadable(path, reason);
        return null;
    }
}
