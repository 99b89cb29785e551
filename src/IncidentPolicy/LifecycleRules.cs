using System.Collections.ObjectModel;
using NodaTime;

namespace IncidentPolicy;

/// <summary>
/// The policy's rules for an incident's lifecycle: how long a resolved incident may be reopened, whether the
/// Incident Commander must be someone other than the on-call responder, who besides the commander may resolve,
/// the incident channel's name, which flags restrict who may view an incident, and who may issue which command.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="Default"/> follows the seed playbook.</remarks>
public sealed class LifecycleRules
{
    /// <summary>The role id the incident's commander holds.</summary>
    public const string CommanderRole = "incident-commander";

    /// <summary>The seed's longest time without a status update: 30 minutes.</summary>
    internal static Duration DefaultMaxSilence => DefaultPolicy.MaxSilence;

    /// <summary>The role id the incident's on-call responder holds (whoever acknowledged, or was assigned it).</summary>
    public const string OnCallRole = "on-call-engineer";

    /// <summary>Creates the rules, checking them all at once.</summary>
    /// <param name="reopenWindow">How long after resolution the incident may be reopened; positive.</param>
    /// <param name="commanderSeparateFromOnCall">Whether the on-call responder may not also be the commander
    /// ("IC Rotation: … separate from on-call").</param>
    /// <param name="resolverRoles">Roles that may resolve, besides the commander, a severity that requires one.</param>
    /// <param name="channelPattern">The incident channel name, with placeholders <c>{date}</c> (the alert's date in
    /// the policy zone), <c>{slug}</c> (the title as lower-case ASCII words joined by hyphens, at most 80 characters),
    /// <c>{id}</c> and <c>{severity}</c> (lower case).</param>
    /// <param name="restrictedFlags">Flags that make an incident visible only to participants and <paramref name="restrictedViewerRoles"/>.</param>
    /// <param name="restrictedViewerRoles">Roles that may view restricted incidents they do not take part in.</param>
    /// <param name="permissions">Which roles may issue which command.</param>
    /// <param name="maxSilence">From declaration to resolution, the longest the commander may go without a status
    /// update of any audience (the IC "does not let the incident go 30 minutes without a status update");
    /// 30 minutes when <see langword="null"/>.</param>
    /// <exception cref="PolicyValidationException">A value is invalid; paths are relative (<c>reopenWindow</c>).</exception>
    public LifecycleRules(
        Duration reopenWindow,
        bool commanderSeparateFromOnCall,
        IEnumerable<string> resolverRoles,
        string channelPattern,
        IEnumerable<string> restrictedFlags,
        IEnumerable<string> restrictedViewerRoles,
        PermissionTable permissions,
        Duration? maxSilence = null)
    {
        ArgumentNullException.ThrowIfNull(resolverRoles);
        ArgumentNullException.ThrowIfNull(restrictedFlags);
        ArgumentNullException.ThrowIfNull(restrictedViewerRoles);
        ArgumentNullException.ThrowIfNull(permissions);
        var problems = new ProblemList();
        Validate(reopenWindow, channelPattern, problems, "");
        Durations.PositiveIfPresent(maxSilence, problems, "maxSilence");
        problems.ThrowIfAny();
        MaxSilence = maxSilence ?? DefaultMaxSilence;
        ReopenWindow = reopenWindow;
        CommanderSeparateFromOnCall = commanderSeparateFromOnCall;
        ResolverRoles = resolverRoles.ToList().AsReadOnly();
        ChannelPattern = channelPattern;
        RestrictedFlags = restrictedFlags.ToList().AsReadOnly();
        RestrictedViewerRoles = restrictedViewerRoles.ToList().AsReadOnly();
        Permissions = permissions;
    }

    /// <summary>
    /// The seed's rules: reopen within 72 hours; the commander is separate from on-call; an engineering manager may
    /// resolve as well as the commander; channels named like <c>#inc-2026-05-29-checkout-errors</c>;
    /// <c>dataBreachSuspected</c> and <c>restricted</c> incidents visible only to participants, the security team and
    /// managers; the permission table of <see cref="DefaultPermissions"/>.
    /// </summary>
    public static LifecycleRules Default => DefaultPolicy.Lifecycle;

    /// <summary>
    /// The rules a policy gets when it sets none. They carry none of the seed's roles, since the policy's roles mean
    /// what its team says: reopen within 72 hours; at most 30 minutes without a status update; the commander separate
    /// from on-call; channels named <c>#inc-{date}-{slug}</c>; no resolver roles besides the commander; incidents flagged
    /// <c>dataBreachSuspected</c> or <c>restricted</c> visible only to their participants; and the safe permission table
    /// <see cref="PermissionTable.Secure"/> for <paramref name="roles"/>, never an open one.
    /// </summary>
    /// <param name="roles">The policy's roles.</param>
    /// <returns>The rules.</returns>
    internal static LifecycleRules DefaultFor(IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return new LifecycleRules(
            Default.ReopenWindow,
            Default.CommanderSeparateFromOnCall,
            [],
            Default.ChannelPattern,
            Default.RestrictedFlags,
            [],
            PermissionTable.Secure(roles.Select(r => r.Id), []),
            Default.MaxSilence);
    }

    /// <summary>How long after resolution the incident may be reopened.</summary>
    public Duration ReopenWindow { get; }

    /// <summary>From declaration to resolution, the longest the commander may go without a status update of any
    /// audience; each gap is an <c>internalUpdate</c> obligation.</summary>
    public Duration MaxSilence { get; }

    /// <summary>Whether the on-call responder may not also be the Incident Commander.</summary>
    public bool CommanderSeparateFromOnCall { get; }

    /// <summary>Roles that may resolve, besides the commander, an incident whose severity requires a commander.</summary>
    public IReadOnlyList<string> ResolverRoles { get; }

    /// <summary>The incident channel name pattern, e.g. <c>#inc-{date}-{slug}</c>.</summary>
    public string ChannelPattern { get; }

    /// <summary>Flags that restrict who may view an incident.</summary>
    public IReadOnlyList<string> RestrictedFlags { get; }

    /// <summary>Roles that may view restricted incidents they do not take part in.</summary>
    public IReadOnlyList<string> RestrictedViewerRoles { get; }

    /// <summary>Which roles may issue which command.</summary>
    public PermissionTable Permissions { get; }

    /// <summary>A copy with another permission table.</summary>
    /// <param name="permissions">The new table.</param>
    /// <returns>The copy.</returns>
    public LifecycleRules WithPermissions(PermissionTable permissions) =>
        new(ReopenWindow, CommanderSeparateFromOnCall, ResolverRoles, ChannelPattern, RestrictedFlags, RestrictedViewerRoles, permissions, MaxSilence);

    /// <summary>A copy with the commander kept separate from on-call, or not.</summary>
    /// <param name="separate">Whether the on-call responder may not also be the commander.</param>
    /// <returns>The copy.</returns>
    public LifecycleRules WithCommanderSeparateFromOnCall(bool separate) =>
        new(ReopenWindow, separate, ResolverRoles, ChannelPattern, RestrictedFlags, RestrictedViewerRoles, Permissions, MaxSilence);

    /// <summary>The default permission table: anyone may raise alerts, acknowledge, record impact, raise flags,
    /// mitigate, resolve (subject to the commander rule), add notes and record notifications; declaring, assigning,
    /// changing severity, posting status updates, reopening, post-mortems, closing, declining and merging are for
    /// the responders and managers named in each entry.</summary>
    /// <returns>A new table.</returns>
    public static PermissionTable DefaultPermissions() => DefaultPolicy.Permissions();

    internal static void Validate(Duration? reopenWindow, string? channelPattern, ProblemList problems, string path)
    {
        Durations.RequirePositive(reopenWindow, problems, ProblemList.Join(path, "reopenWindow"));
        var patternPath = ProblemList.Join(path, "channelPattern");
        if (string.IsNullOrWhiteSpace(channelPattern))
        {
            problems.Add(patternPath, "a channel pattern is required, like #inc-{date}-{slug}");
            return;
        }

        for (var i = 0; i < channelPattern.Length; i++)
        {
            if (channelPattern[i] == '}')
            {
                problems.Add(patternPath, $"'}}' at position {i + 1} closes no placeholder");
                return;
            }

            if (channelPattern[i] != '{')
            {
                continue;
            }

            var end = channelPattern.IndexOf('}', i);
            if (end < 0)
            {
                problems.Add(patternPath, $"the placeholder at position {i + 1} is not closed with '}}'");
                return;
            }

            var name = channelPattern[(i + 1)..end];
            if (name is not ("date" or "slug" or "id" or "severity"))
            {
                problems.Add(patternPath, $"unknown placeholder {{{name}}}; use {{date}}, {{slug}}, {{id}} or {{severity}}");
                return;
            }

            i = end;
        }
    }
}
