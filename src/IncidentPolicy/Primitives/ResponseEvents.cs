using System.Collections.Frozen;

namespace IncidentPolicy.Primitives;

/// <summary>The policy-file names of <see cref="ResponseEvent"/>s, and each role's default.</summary>
internal static class ResponseEvents
{
    /// <summary>The on-call role, whose acknowledgement meets its respond obligation by default.</summary>
    public const string OnCallRole = "on-call-engineer";

    private static readonly (ResponseEvent Value, string Name)[] Names =
    [
        (ResponseEvent.RoleAssigned, "roleAssigned"),
        (ResponseEvent.Acknowledged, "acknowledged"),
        (ResponseEvent.Declared, "declared"),
        (ResponseEvent.StatusUpdatePosted, "statusUpdatePosted"),
        (ResponseEvent.ExternalStatusUpdatePosted, "statusUpdatePosted:external"),
        (ResponseEvent.InternalStatusUpdatePosted, "statusUpdatePosted:internal"),
        (ResponseEvent.NoteAdded, "noteAdded"),
        (ResponseEvent.Mitigated, "mitigated"),
        (ResponseEvent.ChannelCreated, "channelCreated"),
    ];

    private static readonly FrozenDictionary<string, ResponseEvent> ByName =
        Names.ToFrozenDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);

    /// <summary>Every name, as reasons list them.</summary>
    public static string NameList { get; } = string.Join(", ", Names.Select(n => n.Name));

    /// <summary>The name written in policy files: <c>statusUpdatePosted:external</c>.</summary>
    public static string Name(ResponseEvent value) =>
        Array.Find(Names, n => n.Value == value).Name ?? throw new ArgumentOutOfRangeException(nameof(value), value, "Not a response event.");

    /// <summary>Reads a name (ordinal).</summary>
    public static bool TryParse(string? name, out ResponseEvent value) => ByName.TryGetValue(name ?? "", out value);

    /// <summary>What meets a role's respond obligation when the policy does not say: its assignment, and for the on-call
    /// role also an acknowledgement.</summary>
    public static IReadOnlyList<ResponseEvent> DefaultFor(string roleId) =>
        roleId == OnCallRole ? [ResponseEvent.RoleAssigned, ResponseEvent.Acknowledged] : [ResponseEvent.RoleAssigned];
}
