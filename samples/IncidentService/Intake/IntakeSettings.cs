using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentService.Intake.Alertmanager;

namespace IncidentService.Intake;

/// <summary>
/// The intakes' configuration, checked once against the policies: routes name known policies, severities exist in
/// them, every role is one of the policy's, the routing file reads, Slack user ids are not shared. Every problem is
/// gathered into one error, as the library does with policies.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IntakeSettings
{
    private IntakeSettings()
    {
    }

    /// <summary>PagerDuty routing keys and their routes.</summary>
    public IReadOnlyDictionary<string, IntakeRoute> RoutingKeys { get; private init; } = new Dictionary<string, IntakeRoute>();

    /// <summary>Who the PagerDuty-compatible intake acts as.</summary>
    public Actor PagerDutyActor { get; private init; } = new("integration:pagerduty");

    /// <summary>PagerDuty severities mapped to the policy's.</summary>
    public IReadOnlyDictionary<string, string> PagerDutySeverities { get; private init; } = new Dictionary<string, string>();

    /// <summary>The Alertmanager bearer token, or <see langword="null"/> when none is configured (all refused).</summary>
    public string? AlertmanagerToken { get; private init; }

    /// <summary>Alertmanager receivers and their routes; empty for "any receiver".</summary>
    public IReadOnlyDictionary<string, IntakeRoute> Receivers { get; private init; } = new Dictionary<string, IntakeRoute>();

    /// <summary>The Alertmanager routing (file or built-in).</summary>
    public AlertmanagerRouting Routing { get; private init; } = AlertmanagerRouting.Default;

    /// <summary>Who the Alertmanager webhook acts as.</summary>
    public Actor AlertmanagerActor { get; private init; } = new("integration:alertmanager");

    /// <summary>Slack's signing secret, or <see langword="null"/> when none is configured (all refused).</summary>
    public string? SlackSigningSecret { get; private init; }

    /// <summary>What explicit incident ids start with in Slack commands.</summary>
    public string IncidentIdPrefix { get; private init; } = "INC-";

    /// <summary>People by person id, as actors with their organisation roles.</summary>
    public IReadOnlyDictionary<string, Actor> People { get; private init; } = new Dictionary<string, Actor>();

    /// <summary>People by Slack user id.</summary>
    public IReadOnlyDictionary<string, Actor> SlackUsers { get; private init; } = new Dictionary<string, Actor>();

    /// <summary>The policy Slack declarations are raised under, by channel: <see cref="SlackPolicy"/> for a channel
    /// not listed here.</summary>
    public IReadOnlyDictionary<string, IntakeRoute> SlackChannels { get; private init; } = new Dictionary<string, IntakeRoute>();

    /// <summary>The policy Slack declarations are raised under in any other channel.</summary>
    public IntakeRoute SlackPolicy { get; private init; } = new(null, IntakePolicies.DefaultName, ResponsePolicy.Default);

    /// <summary>The policy an incident declared in <paramref name="channelId"/> is raised under.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>, or <see langword="null"/>.</param>
    /// <returns>The route: its policy and name.</returns>
    public IntakeRoute SlackRouteOf(string? channelId) =>
        channelId is not null && SlackChannels.TryGetValue(channelId, out var route) ? route : SlackPolicy;

    /// <summary>The policies by name.</summary>
    public IntakePolicies Policies { get; private init; } = new(ResponsePolicy.Default);

    /// <summary>Checks <paramref name="options"/> and builds the settings.</summary>
    /// <param name="options">The bound options.</param>
    /// <param name="policies">The known policies.</param>
    /// <param name="contentRoot">Where a relative routing-file path starts.</param>
    /// <param name="problems">Where every problem is added, each starting with its configuration path.</param>
    /// <returns>The settings, or <see langword="null"/> when there are problems.</returns>
    public static IntakeSettings? Create(IntakeOptions options, IntakePolicies policies, string contentRoot, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(problems);
        const string root = IntakeOptions.Section;
        var roles = policies.Names.Select(n => policies.Find(n)!).SelectMany(p => p.Roles.Select(r => r.Id))
            .Concat(PermissionTable.BuiltInRoles).ToHashSet(StringComparer.Ordinal);

        Dictionary<string, IntakeRoute> Routes(Dictionary<string, IntegrationRoute> configured, string path)
        {
            var routes = new Dictionary<string, IntakeRoute>(StringComparer.Ordinal);
            foreach (var (key, route) in configured)
            {
                var found = policies.Find(route.Policy);
                if (found is null)
                {
                    problems.Add($"{path}:{key}:Policy: no policy is named '{route.Policy}'; the policies are {string.Join(", ", policies.Names)} (IncidentService:Policies names more)");
                    continue;
                }

                routes[key] = new IntakeRoute(string.IsNullOrWhiteSpace(route.Service) ? null : route.Service, route.Policy, found);
            }

            return routes;
        }

        Actor ActorOf(IntegrationActorOptions actor, string path)
        {
            if (string.IsNullOrWhiteSpace(actor.Id))
            {
                problems.Add($"{path}:Id: an actor id is required");
            }

            CheckRoles(actor.Roles, $"{path}:Roles");
            return actor.ToActor();
        }

        void CheckRoles(IEnumerable<string> held, string path)
        {
            foreach (var role in held.Where(r => !roles.Contains(r)))
            {
                problems.Add($"{path}: '{role}' is not a role of any policy (roles: {string.Join(", ", roles.Order(StringComparer.Ordinal))})");
            }
        }

        // A severity an intake maps to must exist in every policy that intake's routes raise incidents under (the
        // default policy when it has no routes yet).
        void CheckSeverity(string severity, string path, IEnumerable<IntakeRoute> routes)
        {
            var used = routes.Select(r => r.PolicyName).DefaultIfEmpty(IntakePolicies.DefaultName).Distinct(StringComparer.Ordinal);
            foreach (var name in used.Order(StringComparer.Ordinal))
            {
                var policy = policies.Find(name)!;
                if (!policy.Severities.TryGet(severity, out _))
                {
                    var which = name == IntakePolicies.DefaultName ? "the policy" : $"policy '{name}'";
                    problems.Add($"{path}: '{severity}' is not a severity of {which} ({string.Join(", ", policy.Severities.Select(s => s.Id))})");
                }
            }
        }

        var routingKeys = Routes(options.PagerDuty.RoutingKeys, $"{root}:PagerDuty:RoutingKeys");
        var pagerDutyActor = ActorOf(options.PagerDuty.Actor, $"{root}:PagerDuty:Actor");
        foreach (var (value, severity) in options.PagerDuty.Severities)
        {
            if (value is not ("critical" or "error" or "warning" or "info"))
            {
                problems.Add($"{root}:PagerDuty:Severities:{value}: PagerDuty's severities are critical, error, warning and info");
            }

            CheckSeverity(severity, $"{root}:PagerDuty:Severities:{value}", routingKeys.Values);
        }

        var receivers = Routes(options.Alertmanager.Receivers, $"{root}:Alertmanager:Receivers");
        var alertmanagerActor = ActorOf(options.Alertmanager.Actor, $"{root}:Alertmanager:Actor");
        var routing = AlertmanagerRouting.Default;
        if (!string.IsNullOrWhiteSpace(options.Alertmanager.RoutingFile))
        {
            var path = Path.Combine(contentRoot, options.Alertmanager.RoutingFile);
            string? text = null;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException e)
            {
                problems.Add($"{root}:Alertmanager:RoutingFile: cannot read '{path}': {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                problems.Add($"{root}:Alertmanager:RoutingFile: cannot read '{path}': {e.Message}");
            }

            if (text is not null)
            {
                var fileProblems = new List<string>();
                routing = AlertmanagerRouting.Parse(text, fileProblems) ?? AlertmanagerRouting.Default;
                problems.AddRange(fileProblems.Select(p => $"{root}:Alertmanager:RoutingFile ({path}) {p}"));
            }
        }

        foreach (var (value, severity) in routing.Severities)
        {
            CheckSeverity(severity, $"{root}:Alertmanager:RoutingFile $.severities.{value}", receivers.Values);
        }

        var people = new Dictionary<string, Actor>(StringComparer.Ordinal);
        var slackUsers = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var (id, person) in options.People)
        {
            CheckRoles(person.Roles, $"{root}:People:{id}:Roles");
            var actor = new Actor(id, person.Roles);
            people[id] = actor;
            if (string.IsNullOrWhiteSpace(person.SlackUserId))
            {
                continue;
            }

            if (!slackUsers.TryAdd(person.SlackUserId, actor))
            {
                problems.Add($"{root}:People:{id}:SlackUserId: Slack user '{person.SlackUserId}' is already {slackUsers[person.SlackUserId].Id}");
            }
        }

        IntakeRoute? SlackRoute(string? name, string path)
        {
            if (policies.Find(name) is { } found)
            {
                return new IntakeRoute(null, name!, found);
            }

            problems.Add($"{path}: no policy is named '{name}'; the policies are {string.Join(", ", policies.Names)}");
            return null;
        }

        var slackPolicy = SlackRoute(options.Slack.Policy, $"{root}:Slack:Policy");
        var slackChannels = new Dictionary<string, IntakeRoute>(StringComparer.Ordinal);
        foreach (var (channel, name) in options.Slack.ChannelPolicies)
        {
            if (SlackRoute(name, $"{root}:Slack:ChannelPolicies:{channel}") is { } route)
            {
                slackChannels[channel] = route;
            }
        }

        if (string.IsNullOrEmpty(options.Slack.IncidentIdPrefix))
        {
            problems.Add($"{root}:Slack:IncidentIdPrefix: a prefix is required, such as INC-");
        }

        return problems.Count > 0 ? null : new IntakeSettings
        {
            RoutingKeys = routingKeys,
            PagerDutyActor = pagerDutyActor,
            PagerDutySeverities = new Dictionary<string, string>(options.PagerDuty.Severities, StringComparer.Ordinal),
            AlertmanagerToken = string.IsNullOrEmpty(options.Alertmanager.BearerToken) ? null : options.Alertmanager.BearerToken,
            Receivers = receivers,
            Routing = routing,
            AlertmanagerActor = alertmanagerActor,
            SlackSigningSecret = string.IsNullOrEmpty(options.Slack.SigningSecret) ? null : options.Slack.SigningSecret,
            IncidentIdPrefix = options.Slack.IncidentIdPrefix,
            People = people,
            SlackUsers = slackUsers,
            SlackChannels = slackChannels,
            SlackPolicy = slackPolicy!,
            Policies = policies,
        };
    }
}
