using IncidentPolicy.Lifecycle;

namespace IncidentPolicy;

internal static partial class PolicyMapper
{
    private static LifecycleDocument ToDocument(LifecycleRules rules) => new()
    {
        ReopenWindow = IsoText.FormatDuration(rules.ReopenWindow),
        MaxSilence = IsoText.FormatDuration(rules.MaxSilence),
        CommanderSeparateFromOnCall = rules.CommanderSeparateFromOnCall,
        ResolverRoles = [.. rules.ResolverRoles],
        ChannelPattern = rules.ChannelPattern,
        RestrictedFlags = [.. rules.RestrictedFlags],
        RestrictedViewerRoles = [.. rules.RestrictedViewerRoles],
        // Every command, so that the file says who may issue each: a command the table does not list is anyone's.
        Permissions = Enum.GetValues<CommandKind>().ToDictionary(
            c => HumanText.CamelCase(c),
            c => (List<string?>?)(rules.Permissions.Entries.TryGetValue(c, out var roles) ? [.. roles] : [PermissionTable.Anyone])),
    };

    /// <summary>Reads the lifecycle section; <see langword="null"/> when it is absent (the policy then takes
    /// <see cref="LifecycleRules.DefaultFor"/> its roles) or invalid (with problems). See <see cref="ReadPermissions"/>
    /// for the permission table.</summary>
    private static LifecycleRules? ReadLifecycle(LifecycleDocument? document, int? version, List<Role?>? roles, ProblemList problems, string path)
    {
        if (document is null)
        {
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.LifecycleDocument, problems, path);
        var reopenWindow = ReadOptionalDuration(document.ReopenWindow, problems, ProblemList.Join(path, "reopenWindow"));
        var maxSilence = ReadOptionalDuration(document.MaxSilence, problems, ProblemList.Join(path, "maxSilence"));
        Durations.PositiveIfPresent(maxSilence, problems, ProblemList.Join(path, "maxSilence"));
        LifecycleRules.Validate(reopenWindow, document.ChannelPattern, problems, path);
        problems.CheckText(document.ChannelPattern, StorableText.Shape.Line, "the channel pattern", ProblemList.Join(path, "channelPattern"));
        if (document.CommanderSeparateFromOnCall is null)
        {
            problems.AddMissing(ProblemList.Join(path, "commanderSeparateFromOnCall"), "true or false is required");
        }

        var resolvers = ReadStrings(document.ResolverRoles, required: true, problems, ProblemList.Join(path, "resolverRoles"));
        var flags = ReadStrings(document.RestrictedFlags, required: false, problems, ProblemList.Join(path, "restrictedFlags"));
        var viewers = ReadStrings(document.RestrictedViewerRoles, required: false, problems, ProblemList.Join(path, "restrictedViewerRoles"));

        var permissions = ReadPermissions(document.Permissions, version, roles, resolvers, problems, ProblemList.Join(path, "permissions"));
        if (roles is not null && roles.All(r => r is not null))
        {
            // Checked here as well as by the policy, so that they are reported with the other sections' problems.
            var known = roles.Select(r => r!.Id).ToList();
            void Check(IReadOnlyList<string?>? ids, string listPath, bool wildcardAllowed)
            {
                for (var i = 0; i < (ids?.Count ?? 0); i++)
                {
                    if (ids![i] is not { Length: > 0 } id || string.IsNullOrWhiteSpace(id))
                    {
                        continue;
                    }

                    if (!known.Contains(id, StringComparer.Ordinal)
                        && !(wildcardAllowed && (id == PermissionTable.Anyone || PermissionTable.BuiltInRoles.Contains(id))))
                    {
                        problems.Add(ProblemList.Index(listPath, i), ResponsePolicy.UnknownRoleReason(id, known));
                    }
                }
            }

            Check(document.ResolverRoles, ProblemList.Join(path, "resolverRoles"), wildcardAllowed: false);
            Check(document.RestrictedViewerRoles, ProblemList.Join(path, "restrictedViewerRoles"), wildcardAllowed: false);
            foreach (var (name, entry) in document.Permissions ?? [])
            {
                Check(entry, JsonPaths.Member(ProblemList.Join(path, "permissions"), name), wildcardAllowed: true);
            }
        }

        if (problems.Problems.Count != before || permissions is null)
        {
            return null;
        }

        return Build(problems, path, () => new LifecycleRules(
            reopenWindow!.Value, document.CommanderSeparateFromOnCall!.Value, resolvers!, document.ChannelPattern!,
            flags ?? [], viewers ?? [], permissions!, maxSilence));
    }

    /// <summary>
    /// Reads <c>lifecycle.permissions</c>. Absent: <see cref="PermissionTable.Secure"/> for the policy's roles and the
    /// section's resolver roles. Present: the commands it names; the key <c>*</c> stands for every command it does not
    /// name, and a command neither named nor covered by <c>*</c> may be issued by nobody (a warning says so). Format
    /// version 1 let anyone issue what the table left out, or everything when it was absent; such a version 1 table is
    /// refused with what to write, since version 2 reads it otherwise.
    /// </summary>
    private static readonly CommandKind[] AlertFollowUps = [CommandKind.JoinAlert, CommandKind.ClearAlert];

    private static PermissionTable? ReadPermissions(
        Dictionary<string, List<string?>?>? document, int? version, List<Role?>? roles, List<string>? resolvers, ProblemList problems, string path)
    {
        const string open = "{\"*\": [\"*\"]}";
        if (document is null)
        {
            if (version == 1)
            {
                problems.Add(path, $"format version 1 let anyone issue every command when permissions was left out; format version 2 gives the safe table "
                    + $"(anyone raises alerts and adds notes, the commander and resolver roles resolve, holders of the policy's roles do the rest): "
                    + $"set \"formatVersion\": 2 for it, or write \"permissions\": {open} to keep every command open");
            }

            return roles is null || roles.Any(r => r is null) ? null : PermissionTable.Secure(roles.Select(r => r!.Id), resolvers ?? []);
        }

        var permissions = new Dictionary<CommandKind, IReadOnlyList<string>>();
        List<string>? rest = null;
        foreach (var (name, entry) in document)
        {
            var entryPath = JsonPaths.Member(path, name);
            if (name == PermissionTable.Anyone)
            {
                rest = ReadStrings(entry, required: true, problems, entryPath);
                continue;
            }

            var command = Enum.GetValues<CommandKind>().Cast<CommandKind?>().FirstOrDefault(c => HumanText.CamelCase(c!.Value) == name);
            if (command is null)
            {
                problems.Add(entryPath, $"unknown command '{name}'; commands are: {string.Join(", ", Enum.GetValues<CommandKind>().Select(c => HumanText.CamelCase(c)))}, or * for every command not named");
                continue;
            }

            if (ReadStrings(entry, required: true, problems, entryPath) is { } list)
            {
                permissions[command.Value] = list;
            }
        }

        var left = Enum.GetValues<CommandKind>().Where(c => !permissions.ContainsKey(c) && document.Keys.All(k => k != HumanText.CamelCase(c))).ToList();

        // Tables written before the alert commands existed keep working: whoever may raise an alert may join and
        // clear one. A table that does not name adoptPolicy gives it to nobody (unless * does): it is never open by
        // omission, in either format version.
        if (rest is null)
        {
            foreach (var command in AlertFollowUps.Where(left.Contains))
            {
                permissions[command] = permissions.TryGetValue(CommandKind.RaiseAlert, out var raisers) ? raisers : [PermissionTable.Anyone];
                left.Remove(command);
            }
        }

        var leftOpenInVersion1 = left.Where(c => c != CommandKind.AdoptPolicy).ToList();
        if (version == 1 && rest is null && leftOpenInVersion1.Count > 0)
        {
            problems.Add(path, $"format version 1 let anyone issue the commands this table leaves out ({string.Join(", ", leftOpenInVersion1.Select(c => HumanText.CamelCase(c)))}); "
                + "format version 2 lets nobody: list them ([\"*\"] for anyone), or add \"*\": [\"*\"] for every command not named, and set \"formatVersion\": 2");
        }

        foreach (var command in left)
        {
            permissions[command] = rest ?? [];
        }

        return new PermissionTable(permissions);
    }

    /// <summary>A list of non-blank strings; <see langword="null"/> (and a problem when required) when absent.</summary>
    private static List<string>? ReadStrings(List<string?>? items, bool required, ProblemList problems, string path)
    {
        if (items is null)
        {
            if (required)
            {
                problems.AddMissing(path, "a list is required");
            }

            return null;
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]))
            {
                problems.Add(ProblemList.Index(path, i), "must not be blank");
            }
            else if (problems.CheckText(items[i], StorableText.Shape.Id, "the id", ProblemList.Index(path, i)))
            {
                result.Add(items[i]!);
            }
        }

        return result;
    }
}
