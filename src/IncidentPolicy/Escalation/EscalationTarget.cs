namespace IncidentPolicy.Escalation;

/// <summary>Who an escalation pages or notifies: a person or a role of the policy.</summary>
/// <remarks>
/// <para>JSON: <c>{"kind": "role", "id": "engineering-manager"}</c>. A role target must name a role of the policy;
/// a person's id is passed to the host as it is.</para>
/// <para>Immutable and thread-safe; equal when kind and id are equal.</para>
/// </remarks>
public sealed record EscalationTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="kind">What <paramref name="id"/> names.</param>
    /// <param name="id">A role id in lower-case kebab form, or a person's non-blank id.</param>
    /// <exception cref="PolicyValidationException">The kind is undefined (path <c>kind</c>) or the id is blank or,
    /// for a role, not lower-case kebab form (path <c>id</c>).</exception>
    public EscalationTarget(EscalationTargetKind kind, string id)
    {
        var problems = new ProblemList();
        Validate(kind, id, problems, "");
        problems.ThrowIfAny();
        Kind = kind;
        Id = id;
    }

    /// <summary>What <see cref="Id"/> names.</summary>
    public EscalationTargetKind Kind { get; }

    /// <summary>The role id or the person's id.</summary>
    public string Id { get; }

    /// <summary>A role target, such as <c>engineering-manager</c>.</summary>
    /// <param name="roleId">The role id.</param>
    /// <returns>The target.</returns>
    public static EscalationTarget ForRole(string roleId) => new(EscalationTargetKind.Role, roleId);

    /// <summary>A person target.</summary>
    /// <param name="personId">The person's id as the host knows it.</param>
    /// <returns>The target.</returns>
    public static EscalationTarget ForPerson(string personId) => new(EscalationTargetKind.Person, personId);

    /// <summary>Whoever an on-call schedule of the policy has on call when the notification falls due.</summary>
    /// <param name="scheduleId">The schedule's id.</param>
    /// <returns>The target.</returns>
    public static EscalationTarget ForSchedule(string scheduleId) => new(EscalationTargetKind.Schedule, scheduleId);

    /// <summary>The kind and id: <c>role engineering-manager</c>, <c>person sarah</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{HumanText.CamelCase(Kind)} {Id}";

    internal static void Validate(EscalationTargetKind? kind, string? id, ProblemList problems, string path)
    {
        var idPath = ProblemList.Join(path, "id");
        switch (kind)
        {
            case null:
                break;
            case EscalationTargetKind.Role:
                Role.CheckId(id, problems, idPath);
                break;
            case EscalationTargetKind.Person:
                if (string.IsNullOrWhiteSpace(id))
                {
                    problems.AddMissing(idPath, "a person id is required");
                }
                else
                {
                    problems.CheckText(id, StorableText.Shape.Id, "the person id", idPath);
                }

                break;
            case EscalationTargetKind.Schedule:
                if (string.IsNullOrWhiteSpace(id))
                {
                    problems.AddMissing(idPath, "a schedule id is required");
                }
                else
                {
                    problems.CheckText(id, StorableText.Shape.Id, "the schedule id", idPath);
                }

                break;
            default:
                problems.Add(ProblemList.Join(path, "kind"), $"{(int)kind} is not a target kind");
                break;
        }
    }
}
