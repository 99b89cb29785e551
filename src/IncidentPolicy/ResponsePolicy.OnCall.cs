using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy;

// The on-call section: people and their schedules, and the checks that relate them to each other and to roles.
public sealed partial class ResponsePolicy
{
    /// <summary>The people who can be on call, in the order given; empty when the policy has no schedules.</summary>
    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>The on-call schedules, in the order given: who is on call for a role, and when. A schedule whose
    /// role is <c>incident-commander</c> is the Incident Commander rotation: its people must be tagged
    /// <see cref="Person.SeniorTag"/>.</summary>
    public IReadOnlyList<Schedule> Schedules { get; private set; } = [];

    /// <summary>Finds a person by id.</summary>
    /// <param name="id">A person id such as <c>sam-lee</c>.</param>
    /// <returns>The person, or <see langword="null"/> when the policy has none with that id.</returns>
    public Person? FindPerson(string id) => People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>Finds a schedule by id.</summary>
    /// <param name="id">A schedule id such as <c>on-call</c>.</param>
    /// <returns>The schedule, or <see langword="null"/> when the policy has none with that id.</returns>
    public Schedule? FindSchedule(string id) => Schedules.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The schedules that staff a role, in policy order.</summary>
    /// <param name="roleId">A role id such as <c>on-call-engineer</c>.</param>
    /// <returns>The schedules whose <see cref="Schedule.Role"/> is <paramref name="roleId"/>; empty when none.</returns>
    public IReadOnlyList<Schedule> SchedulesFor(string roleId) =>
        Schedules.Where(s => string.Equals(s.Role, roleId, StringComparison.Ordinal)).ToList().AsReadOnly();

    /// <summary>
    /// Where someone is Incident Commander and on call at once in [<paramref name="from"/>, <paramref name="to"/>):
    /// <see cref="Schedule.Conflicts"/> for every pair of an <c>incident-commander</c> schedule and an
    /// <c>on-call-engineer</c> schedule of this policy. The seed keeps the IC rotation separate from on-call.
    /// </summary>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <returns>The conflicts ordered by start, then person; empty when there are none or no such schedules.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public IReadOnlyList<ScheduleConflict> CommanderConflicts(Instant from, Instant to)
    {
        TimeMath.CheckInput(from, nameof(from));
        TimeMath.CheckInput(to, nameof(to));
        return SchedulesFor(WellKnownRoles.IncidentCommander)
            .SelectMany(ic => SchedulesFor(WellKnownRoles.OnCallEngineer).SelectMany(onCall => Schedule.Conflicts(ic, onCall, from, to)))
            .OrderBy(c => c.Start)
            .ThenBy(c => c.PersonId, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
    }

    /// <summary>A copy of this policy with other people. Schedules must still name only people of the policy.</summary>
    /// <param name="people">The new people.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid.</exception>
    public ResponsePolicy WithPeople(IEnumerable<Person> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return With(copy => copy.People = NoNulls(people, nameof(people)));
    }

    /// <summary>A copy of this policy with other schedules.</summary>
    /// <param name="schedules">The new schedules.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid, for example a schedule naming an
    /// unknown person or an Incident Commander schedule with someone not tagged senior.</exception>
    public ResponsePolicy WithSchedules(IEnumerable<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        return With(copy => copy.Schedules = NoNulls(schedules, nameof(schedules)));
    }

    /// <summary>A copy of this policy with other people and schedules at once, for changes that would be invalid
    /// one at a time (removing a person and the schedules that name them).</summary>
    /// <param name="people">The new people.</param>
    /// <param name="schedules">The new schedules.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid.</exception>
    public ResponsePolicy WithOnCall(IEnumerable<Person> people, IEnumerable<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(schedules);
        return With(copy =>
        {
            copy.People = NoNulls(people, nameof(people));
            copy.Schedules = NoNulls(schedules, nameof(schedules));
        });
    }

    private static IReadOnlyList<T> NoNulls<T>(IEnumerable<T> items, string parameter)
        where T : class
    {
        var list = items.ToList();
        return list.Any(i => i is null) ? throw new ArgumentNullException(parameter, $"An item of {parameter} is null.") : list.AsReadOnly();
    }

    /// <summary>Checks people and schedules against each other and against the roles.</summary>
    /// <summary>The seed rotates the Incident Commander weekly: an IC rotation with another shift length is allowed, but
    /// said.</summary>
    private void AddOnCallWarnings(List<PolicyProblem> warnings)
    {
        var week = NodaTime.Duration.FromDays(7);
        for (var i = 0; i < Schedules.Count; i++)
        {
            if (Schedules[i].Role != IncidentPolicy.LifecycleRules.CommanderRole)
            {
                continue;
            }

            for (var j = 0; j < Schedules[i].Layers.Count; j++)
            {
                var shift = Schedules[i].Layers[j].Rotation.ShiftLength;
                if (shift.Length != week)
                {
                    warnings.Add(new PolicyProblem(
                        $"$.schedules[{i}].layers[{j}].rotation.shift",
                        $"the Incident Commander rotation hands off every {shift}; the seed rotates it weekly (\"IC Rotation: Rotate weekly, separate from on-call\")"));
                }
            }
        }
    }

    private void ValidateOnCall(ProblemList problems) => ValidateOnCall(People, Schedules, Roles.Select(r => r.Id), problems);

    /// <summary>The on-call cross-checks, also run by the policy-file reader over what it could read: entries that
    /// are <see langword="null"/> failed to read and were reported already; they keep their index.</summary>
    internal static void ValidateOnCall(IReadOnlyList<Person?> peopleList, IReadOnlyList<Schedule?> scheduleList, IEnumerable<string>? roleIds, ProblemList problems)
    {
        var people = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < peopleList.Count; i++)
        {
            if (peopleList[i] is { } person && !people.TryAdd(person.Id, i))
            {
                problems.Add($"$.people[{i}].id", $"person id '{person.Id}' is already used by $.people[{people[person.Id]}]");
            }
        }

        var known = string.Join(", ", people.Keys.Order(StringComparer.Ordinal).Take(20)) + (people.Count > 20 ? ", …" : "");
        var complete = peopleList.All(p => p is not null);
        var schedules = new Dictionary<string, int>(StringComparer.Ordinal);
        var roles = roleIds?.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < scheduleList.Count; i++)
        {
            if (scheduleList[i] is not { } schedule)
            {
                continue;
            }

            var path = $"$.schedules[{i}]";
            if (!schedules.TryAdd(schedule.Id, i))
            {
                problems.Add($"{path}.id", $"schedule id '{schedule.Id}' is already used by $.schedules[{schedules[schedule.Id]}]");
            }

            if (schedule.Role is { } role && roles is not null && !roles.Contains(role))
            {
                problems.Add($"{path}.role", $"unknown role '{role}'; the policy's roles are: {string.Join(", ", roles.Order(StringComparer.Ordinal))}");
            }

            var commander = schedule.Role == WellKnownRoles.IncidentCommander;
            foreach (var (personId, personPath, onDuty) in schedule.PersonReferences(path))
            {
                if (!people.TryGetValue(personId, out var index))
                {
                    if (complete)
                    {
                        problems.Add(personPath, people.Count == 0
                            ? $"unknown person '{personId}'; the policy has no people: add them to $.people"
                            : $"unknown person '{personId}'; the policy's people are: {known}");
                    }
                }
                else if (commander && onDuty && !peopleList[index]!.HasTag(Person.SeniorTag))
                {
                    problems.Add(
                        personPath,
                        $"'{personId}' is not tagged '{Person.SeniorTag}': the Incident Commander rotation draws on senior+ engineers only (tag them in $.people[{index}].tags)");
                }
            }
        }
    }
}
