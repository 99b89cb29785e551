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
        Permissions = rules.Permissions.Entries.ToDictionary(p => HumanText.CamelCase(p.Key), p => (List<string?>?)[.. p.Value]),
    };

    /// <summary>Reads the lifecycle section; <see langword="null"/> when it is absent (the policy then takes
    /// <see cref="LifecycleRules.DefaultFor"/> its roles) or invalid (with problems).</summary>
    private static LifecycleRules? ReadLifecycle(LifecycleDocument? document, ProblemList problems, string path)
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

        var permissions = new Dictionary<CommandKind, IReadOnlyList<string>>();
        var permissionsPath = ProblemList.Join(path, "permissions");
        foreach (var (name, roles) in document.Permissions ?? [])
        {
            var entryPath = JsonPaths.Member(permissionsPath, name);
            var command = Enum.GetValues<CommandKind>().Cast<CommandKind?>().FirstOrDefault(c => HumanText.CamelCase(c!.Value) == name);
            if (command is null)
            {
                problems.Add(entryPath, $"unknown command '{name}'; commands are: {string.Join(", ", Enum.GetValues<CommandKind>().Select(c => HumanText.CamelCase(c)))}");
                continue;
            }

            if (ReadStrings(roles, required: true, problems, entryPath) is { } list)
            {
                permissions[command.Value] = list;
            }
        }

        if (problems.Problems.Count != before)
        {
            return null;
        }

        return Build(problems, path, () => new LifecycleRules(
            reopenWindow!.Value, document.CommanderSeparateFromOnCall!.Value, resolvers!, document.ChannelPattern!,
            flags ?? [], viewers ?? [], new PermissionTable(permissions), maxSilence));
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
