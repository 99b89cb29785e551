using IncidentPolicy;
using IncidentService.Intake;
using IncidentService.Intake.Alertmanager;

namespace IncidentService.Tests.Intake;

public sealed class IntakeSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intake-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IntakeSettings? Create(IntakeOptions options, List<string> problems) =>
        IntakeSettings.Create(options, new IntakePolicies(ResponsePolicy.Default), _directory, problems);

    [Fact]
    public void Create_Defaults_NoProblemsAndTheDocumentedMappings()
    {
        var problems = new List<string>();

        var settings = Create(new IntakeOptions(), problems);

        Assert.Empty(problems);
        Assert.Equal("SEV-1", settings!.PagerDutySeverities["critical"]);
        Assert.Equal("SEV-4", settings.PagerDutySeverities["info"]);
        Assert.Equal("integration:pagerduty", settings.PagerDutyActor.Id);
        Assert.Equal("integration:alertmanager", settings.AlertmanagerActor.Id);
        Assert.Same(AlertmanagerRouting.Default, settings.Routing);
        Assert.Null(settings.SlackSigningSecret);
        Assert.Null(settings.AlertmanagerToken);
    }

    [Fact]
    public void Create_ManyMistakes_EveryProblemListedWithItsPath()
    {
        var options = new IntakeOptions();
        options.PagerDuty.RoutingKeys["k1"] = new IntegrationRoute { Service = "checkout", Policy = "payments-team" };
        options.PagerDuty.Severities["critical"] = "SEV-0";
        options.PagerDuty.Severities["fatal"] = "SEV-1";
        options.PagerDuty.Actor.Roles.Add("wizard");
        options.Alertmanager.Actor.Id = " ";
        options.Alertmanager.RoutingFile = "missing.json";
        options.People["alex"] = new PersonOptions { Roles = ["on-call-engineer"], SlackUserId = "U1" };
        options.People["blake"] = new PersonOptions { Roles = ["ceo"], SlackUserId = "U1" };
        options.Slack.IncidentIdPrefix = "";
        var problems = new List<string>();

        var settings = Create(options, problems);

        Assert.Null(settings);
        const string root = "IncidentService:Intake";
        Assert.Contains(problems, p => p.StartsWith($"{root}:PagerDuty:RoutingKeys:k1:Policy: no policy is named 'payments-team'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:PagerDuty:Severities:critical: 'SEV-0' is not a severity", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:PagerDuty:Severities:fatal: PagerDuty's severities are", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:PagerDuty:Actor:Roles: 'wizard' is not a role", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:Alertmanager:Actor:Id: an actor id is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:Alertmanager:RoutingFile: cannot read", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:People:blake:Roles: 'ceo' is not a role", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:People:blake:SlackUserId: Slack user 'U1' is already alex", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{root}:Slack:IncidentIdPrefix: a prefix is required", StringComparison.Ordinal));
        Assert.Equal(9, problems.Count);
    }

    [Fact]
    public void Create_RouteNamingATeamPolicy_RoutedToIt_SeveritiesCheckedAgainstIt()
    {
        var payments = PolicyJson.Parse(PolicyJson.Serialize(ResponsePolicy.Default).Replace("\"SEV-4\"", "\"LOW\"", StringComparison.Ordinal));
        var policies = new IntakePolicies(ResponsePolicy.Default, new Dictionary<string, ResponsePolicy> { ["payments"] = payments });
        var options = new IntakeOptions();
        options.PagerDuty.RoutingKeys["k-pay"] = new IntegrationRoute { Service = "payments", Policy = "payments" };
        options.PagerDuty.RoutingKeys["k-def"] = new IntegrationRoute { Service = "checkout" };
        options.PagerDuty.RoutingKeys["k-bad"] = new IntegrationRoute { Policy = "billing" };
        var problems = new List<string>();

        var settings = IntakeSettings.Create(options, policies, _directory, problems);

        Assert.Null(settings);
        Assert.Equal(
            [
                "IncidentService:Intake:PagerDuty:RoutingKeys:k-bad:Policy: no policy is named 'billing'; the policies are default, payments (IncidentService:Policies names more)",
                "IncidentService:Intake:PagerDuty:Severities:info: 'SEV-4' is not a severity of policy 'payments' (SEV-1, SEV-2, SEV-3, LOW)",
            ],
            problems);
        options.PagerDuty.RoutingKeys.Remove("k-bad");
        options.PagerDuty.Severities["info"] = "SEV-3";
        problems.Clear();
        var fixedSettings = IntakeSettings.Create(options, policies, _directory, problems);
        Assert.Empty(problems);
        Assert.Equal("payments", fixedSettings!.RoutingKeys["k-pay"].PolicyName);
        Assert.Same(payments, fixedSettings.RoutingKeys["k-pay"].Policy);
        Assert.Equal("payments/disk-full", fixedSettings.RoutingKeys["k-pay"].Scope("disk-full"));
        Assert.Equal("disk-full", fixedSettings.RoutingKeys["k-def"].Scope("disk-full"));
        Assert.Null(fixedSettings.RoutingKeys["k-def"].SiloPolicyName);
        Assert.Equal("payments", fixedSettings.RoutingKeys["k-pay"].SiloPolicyName);
    }

    [Fact]
    public void Create_SlackPolicies_UnknownNamesListed_ChannelsRouted()
    {
        var policies = new IntakePolicies(ResponsePolicy.Default, new Dictionary<string, ResponsePolicy> { ["payments"] = ResponsePolicy.Default });
        var options = new IntakeOptions();
        options.Slack.Policy = "search";
        options.Slack.ChannelPolicies["C1"] = "billing";
        var problems = new List<string>();

        Assert.Null(IntakeSettings.Create(options, policies, _directory, problems));
        Assert.Equal(
            [
                "IncidentService:Intake:Slack:Policy: no policy is named 'search'; the policies are default, payments",
                "IncidentService:Intake:Slack:ChannelPolicies:C1: no policy is named 'billing'; the policies are default, payments",
            ],
            problems);

        options.Slack.Policy = "default";
        options.Slack.ChannelPolicies["C1"] = "payments";
        problems.Clear();
        var settings = IntakeSettings.Create(options, policies, _directory, problems)!;
        Assert.Equal("payments", settings.SlackRouteOf("C1").PolicyName);
        Assert.Equal("default", settings.SlackRouteOf("C2").PolicyName);
        Assert.Equal("default", settings.SlackRouteOf(null).PolicyName);
    }

    [Fact]
    public void Create_RoutingFile_ReadAndItsSeveritiesChecked()
    {
        File.WriteAllText(Path.Combine(_directory, "routing.json"),
            """{"serviceLabel":"team","severityLabel":"priority","severities":{"P1":"SEV-1","P5":"SEV-5"}}""");
        var options = new IntakeOptions();
        options.Alertmanager.RoutingFile = "routing.json";
        var problems = new List<string>();

        Create(options, problems);

        var problem = Assert.Single(problems);
        Assert.Contains("$.severities.P5: 'SEV-5' is not a severity of the policy", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TheShippedRoutingFile_Reads()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Intake", "Alertmanager", "alertmanager-routing.json");
        var options = new IntakeOptions();
        options.Alertmanager.RoutingFile = shipped;
        var problems = new List<string>();

        var settings = Create(options, problems);

        Assert.Empty(problems);
        Assert.Equal("SEV-1", settings!.Routing.SeverityOf(new Dictionary<string, string> { ["severity"] = "page" }));
        Assert.Equal("checkout", settings.Routing.ServiceOf(new Dictionary<string, string> { ["service"] = "checkout" }));
    }

    [Theory]
    [InlineData("not json", "$: not valid JSON")]
    [InlineData("[]", "$: must be an object")]
    [InlineData("{}", "$.severities: required")]
    [InlineData("""{"severities":[]}""", "$.severities: must be an object")]
    [InlineData("""{"severities":{"critical":1}}""", "$.severities.critical: must be a severity id")]
    [InlineData("""{"serviceLabel":"","severities":{}}""", "$.serviceLabel: must be a label name")]
    [InlineData("""{"severities":{},"routes":[]}""", "$.routes: unknown field")]
    public void Parse_BadRoutingFile_ProblemWithItsPath(string json, string expected)
    {
        var problems = new List<string>();

        var routing = AlertmanagerRouting.Parse(json, problems);

        Assert.Null(routing);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
