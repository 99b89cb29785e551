using IncidentPolicy.Lifecycle;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>The lifecycle rules: reopen window, commander separate from on-call, resolvers, channel name,
    /// restricted flags and the permission table. Unless set, the rules for a policy that sets none: no resolver or
    /// restricted viewer roles, and the safe permission table <see cref="PermissionTable.Secure"/> for the policy's
    /// roles, which follows the roles when <see cref="WithRoles"/> changes them.</summary>
    public LifecycleRules Lifecycle { get; private set; }

    /// <summary>A copy of this policy with other lifecycle rules.</summary>
    /// <param name="lifecycle">The new rules.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The rules name a role the policy does not have.</exception>
    public ResponsePolicy WithLifecycle(LifecycleRules lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return With(copy =>
        {
            copy.Lifecycle = lifecycle;
            copy._lifecycleFollowsRoles = false;
        });
    }

    private void ValidateLifecycleReferences(ProblemList problems)
    {
        var known = Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        void Check(IReadOnlyList<string> roles, string path, bool wildcardAllowed)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (!known.Contains(roles[i]) && !(wildcardAllowed && (roles[i] == PermissionTable.Anyone || PermissionTable.BuiltInRoles.Contains(roles[i]))))
                {
                    problems.Add($"{path}[{i}]", $"unknown role '{roles[i]}'; the policy's roles are: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
                }
            }
        }

        Check(Lifecycle.ResolverRoles, "$.lifecycle.resolverRoles", wildcardAllowed: false);
        Check(Lifecycle.RestrictedViewerRoles, "$.lifecycle.restrictedViewerRoles", wildcardAllowed: false);
        foreach (var (command, roles) in Lifecycle.Permissions.Entries)
        {
            var path = $"$.lifecycle.permissions.{HumanText.CamelCase(command)}";
            if (!Enum.IsDefined(command))
            {
                problems.Add(path, $"{(int)command} is not a command");
            }

            Check(roles, path, wildcardAllowed: true);
        }

        // What a policy file could not write and read back: the reader refuses these, so a policy built in code must too.
        problems.CheckText(Lifecycle.ChannelPattern, StorableText.Shape.Line, "the channel pattern", "$.lifecycle.channelPattern");
        for (var i = 0; i < Lifecycle.RestrictedFlags.Count; i++)
        {
            var flag = Lifecycle.RestrictedFlags[i];
            if (string.IsNullOrWhiteSpace(flag))
            {
                problems.Add($"$.lifecycle.restrictedFlags[{i}]", "must not be blank");
            }
            else
            {
                problems.CheckText(flag, StorableText.Shape.Id, "the id", $"$.lifecycle.restrictedFlags[{i}]");
            }
        }
    }
}
