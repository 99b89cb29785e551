using System.Text.Json.Nodes;
using IncidentPolicy.Tests.Support;
using NodaTime;
using static IncidentPolicy.Tests.Support.TeamPolicyFile;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonSourcesTests
{
    private static JsonObject DefaultTree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    [Fact]
    public void Parse_TeamFileWithoutExtends_HoldsNothingOfTheSeed()
    {
        var policy = Parse(Tree());
        Assert.Empty(policy.ChangeWindows);
        Assert.Empty(policy.Runbooks);
        Assert.Empty(policy.Escalation.Policies);
        Assert.Empty(policy.Escalation.Rules);
        Assert.Empty(policy.SeverityMatrix.Rules);
        Assert.Empty(policy.FindRunbooks("checkout", ["checkout-error-rate"]));
        var deploy = policy.CanDeploy(Instant.FromUtc(2026, 3, 10, 1, 30));
        Assert.True(deploy.IsAllowed);
        Assert.Null(deploy.Window);
        Assert.Empty(policy.Lifecycle.ResolverRoles);
        Assert.Empty(policy.Lifecycle.RestrictedViewerRoles);
    }

    [Fact]
    public void Parse_ExtendsSeed_TakesEverySectionLeftOutWhole()
    {
        var tree = new JsonObject { ["formatVersion"] = 2, ["extends"] = "seed" };
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(PolicyJson.Serialize(ResponsePolicy.Default), PolicyJson.Serialize(policy));
        Assert.Equal(ResponsePolicy.Default.ContentHash, policy.ContentHash);
    }

    [Fact]
    public void Parse_ExtendsSeed_WrittenSectionsReplaceTheSeedsWhole()
    {
        var tree = new JsonObject
        {
            ["formatVersion"] = 2,
            ["extends"] = "seed",
            ["calendar"] = Tree()["calendar"]!.DeepClone(),
            ["changeWindows"] = new JsonArray(),
            ["escalation"] = JsonNode.Parse("""
                {"dispatchGrace": "PT2M", "policies": [],
                 "rules": [{"id": "page-manager", "when": {"severityAtLeast": "SEV-1"}, "action": "page",
                            "target": {"kind": "role", "id": "engineering-manager"}}]}
                """),
            ["runbooks"] = new JsonArray(),
        };
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal("Europe/Berlin", policy.Calendar.Zone.Id);
        Assert.Empty(policy.ChangeWindows);
        Assert.Equal(["page-manager"], policy.Escalation.Rules.Select(r => r.Id));
        Assert.Empty(policy.Escalation.Policies);
        Assert.Equal(Duration.FromMinutes(2), policy.Escalation.DispatchGrace);
        Assert.Equal(ResponsePolicy.Default.Roles.Select(r => r.Id), policy.Roles.Select(r => r.Id));
        Assert.Equal(ResponsePolicy.Default.SeverityMatrix.Rules.Select(r => r.Id), policy.SeverityMatrix.Rules.Select(r => r.Id));
        Assert.Equal(PolicyJson.Serialize(ResponsePolicy.Default.WithLifecycle(policy.Lifecycle)), PolicyJson.Serialize(ResponsePolicy.Default));
    }

    [Fact]
    public void Parse_ExtendsSeedWithOwnSeverities_SeedEscalationNamingSevIsAnErrorAtTheSection()
    {
        var tree = Tree();
        tree["extends"] = "seed";
        tree["roles"] = DefaultTree()["roles"]!.DeepClone();
        tree["lifecycle"] = DefaultTree()["lifecycle"]!.DeepClone();
        tree["severitySuggestion"] = new JsonArray();
        tree["runbooks"] = new JsonArray();
        tree["people"] = new JsonArray();
        tree["schedules"] = new JsonArray();
        foreach (var severity in tree["severities"]!.AsArray())
        {
            severity!["rolesInvolved"] = new JsonArray("on-call-engineer");
        }

        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal("$.escalation", problem.Path);
        Assert.Equal(
            "comes from the seed (extends: seed) and names severity SEV-2, which this policy does not have "
            + "(escalation.policies[0].appliesTo.severityAtLeast and 1 more place): write the escalation section",
            problem.Reason);
    }

    [Fact]
    public void Parse_ExtendsSeedWithOwnRoles_EverySeedSectionNamingThemSaysSo()
    {
        var tree = Tree();
        tree["extends"] = "seed";
        var problems = ProblemsOf(tree);
        Assert.All(problems, p => Assert.Contains("comes from the seed (extends: seed)", p.Reason, StringComparison.Ordinal));
        Assert.Equal(
            ["$.lifecycle", "$.schedules", "$.escalation", "$.severitySuggestion", "$.changeWindows", "$.runbooks"],
            problems.Select(p => p.Path).Distinct());
        Assert.Contains(problems, p => p.Path == "$.lifecycle" && p.Reason.Contains("names role engineering-manager, which this policy does not have", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.EndsWith($": write the {p.Path[2..]} section", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ExtendsOtherThanSeed_ErrorNamesTheAcceptedValue()
    {
        var tree = Tree();
        tree["extends"] = "pagerduty-defaults";
        Assert.Equal(
            [new PolicyProblem("$.extends", "'pagerduty-defaults' is not a policy this file can extend; the accepted value is \"seed\" (the seed playbook)")],
            ProblemsOf(tree));
    }

    [Fact]
    public void Parse_ExtendsInVersionOne_Error()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        tree["extends"] = "seed";
        Assert.Contains(new PolicyProblem("$.extends", "extends needs \"formatVersion\": 2; format version 1 has no extends"), ProblemsOf(tree));
    }

    [Fact]
    public void Parse_WithoutExtends_RolesCalendarSeveritiesRequired()
    {
        var problems = ProblemsOf(new JsonObject { ["formatVersion"] = 2 });
        Assert.Equal(["$.roles", "$.calendar", "$.severities"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Parse_VersionOneWithEverySection_ReadAsBefore()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        Assert.Equal(PolicyJson.Serialize(ResponsePolicy.Default), PolicyJson.Serialize(PolicyJson.Parse(tree.ToJsonString())));
    }

    [Fact]
    public void Parse_VersionOneLeavingOutSeedSections_OneErrorPerSectionSayingWhatToAdd()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        foreach (var key in (string[])["lifecycle", "escalation", "severitySuggestion", "changeWindows", "runbooks"])
        {
            tree.Remove(key);
        }

        var problems = ProblemsOf(tree);
        Assert.Equal(["$.lifecycle", "$.escalation", "$.severitySuggestion", "$.changeWindows", "$.runbooks"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Contains(
            "from the seed playbook when this section was left out; format version 2 does not: add \"extends\": \"seed\" and set \"formatVersion\": 2 to keep the seed's, or write the section",
            p.Reason,
            StringComparison.Ordinal));
        Assert.StartsWith(
            "format version 1 took the escalation (escalation policy page-on-call, rule page-engineering-manager, rule notify-vp-engineering, rule notify-security-team)",
            problems[1].Reason,
            StringComparison.Ordinal);
        Assert.StartsWith("format version 1 took the change window overnight-freeze", problems[3].Reason, StringComparison.Ordinal);
        Assert.EndsWith("([] for none)", problems[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VersionOneTeamFile_OnlySectionsVersionOneFilledAreErrors()
    {
        // The seed's escalation, suggestions and freeze named nothing this file has, so version 1 left them empty too.
        var tree = Tree();
        tree["formatVersion"] = 1;
        Assert.Equal(["$.lifecycle", "$.runbooks"], ProblemsOf(tree).Select(p => p.Path));
        tree["lifecycle"] = JsonNode.Parse("""{"reopenWindow": "PT72H", "commanderSeparateFromOnCall": true, "resolverRoles": [], "channelPattern": "#inc-{slug}", "permissions": {"*": ["*"]}}""");
        tree["runbooks"] = new JsonArray();
        var policy = Parse(tree);
        Assert.Null(policy.Lifecycle.Permissions.RolesFor(CommandKind.AssignCommander));
    }

    [Fact]
    public void Parse_VersionOneLifecycleWithoutPermissions_ErrorSaysHowToKeepItOpen()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        tree["lifecycle"]!.AsObject().Remove("permissions");
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal("$.lifecycle.permissions", problem.Path);
        Assert.StartsWith("format version 1 let anyone issue every command when permissions was left out", problem.Reason, StringComparison.Ordinal);
        Assert.EndsWith("or write \"permissions\": {\"*\": [\"*\"]} to keep every command open", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VersionOnePartialPermissions_ErrorListsWhatItLeftOut()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        var permissions = tree["lifecycle"]!["permissions"]!.AsObject();
        permissions.Remove("close");
        permissions.Remove("decline");
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal("$.lifecycle.permissions", problem.Path);
        Assert.StartsWith("format version 1 let anyone issue the commands this table leaves out (close, decline); format version 2 lets nobody", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesVersionTwoAndNeverExtends()
    {
        var tree = new JsonObject { ["formatVersion"] = 2, ["extends"] = "seed", ["runbooks"] = new JsonArray() };
        var written = JsonNode.Parse(PolicyJson.Serialize(PolicyJson.Parse(tree.ToJsonString())))!.AsObject();
        Assert.Equal(2, (int)written["formatVersion"]!);
        Assert.False(written.ContainsKey("extends"));
        Assert.Empty(written["runbooks"]!.AsArray());
        Assert.NotEmpty(written["changeWindows"]!.AsArray());
    }

    [Fact]
    public void Parse_PermissionsWildcardKey_StandsForEveryCommandNotNamed()
    {
        var tree = Tree();
        tree["lifecycle"] = JsonNode.Parse("""
            {"reopenWindow": "PT72H", "commanderSeparateFromOnCall": true, "resolverRoles": [], "channelPattern": "#inc-{slug}",
             "permissions": {"*": ["duty-manager"], "raiseAlert": ["*"]}}
            """);
        var permissions = Parse(tree).Lifecycle.Permissions;
        Assert.Null(permissions.RolesFor(CommandKind.RaiseAlert));
        Assert.Equal(["duty-manager"], permissions.RolesFor(CommandKind.Close));
        Assert.Equal(Enum.GetValues<CommandKind>().Length, permissions.Entries.Count);
    }

    [Fact]
    public void Parse_OpenTableWrittenOut_IsOpenAndRoundTrips()
    {
        var tree = Tree();
        tree["lifecycle"] = JsonNode.Parse("""
            {"reopenWindow": "PT72H", "commanderSeparateFromOnCall": true, "resolverRoles": [], "channelPattern": "#inc-{slug}",
             "permissions": {"*": ["*"]}}
            """);
        var policy = Parse(tree);
        Assert.All(Enum.GetValues<CommandKind>(), c => Assert.Null(policy.Lifecycle.Permissions.RolesFor(c)));
        var json = PolicyJson.Serialize(policy);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
        Assert.Equal(json, PolicyJson.Serialize(policy.WithLifecycle(policy.Lifecycle.WithPermissions(PermissionTable.Open))));
    }

    [Fact]
    public void Parse_PermissionsLeavingCommandsOut_NobodyMayIssueThemAndAWarningSaysSo()
    {
        var tree = Tree();
        tree["lifecycle"] = JsonNode.Parse("""
            {"reopenWindow": "PT72H", "commanderSeparateFromOnCall": true, "resolverRoles": [], "channelPattern": "#inc-{slug}",
             "permissions": {"raiseAlert": ["*"], "close": []}}
            """);
        var policy = Parse(tree);
        Assert.Empty(policy.Lifecycle.Permissions.RolesFor(CommandKind.Close)!);
        Assert.Empty(policy.Lifecycle.Permissions.RolesFor(CommandKind.Acknowledge)!);
        var nobody = policy.Warnings.Where(w => w.Path.StartsWith("$.lifecycle.permissions.", StringComparison.Ordinal)).ToList();
        // Whoever may raise an alert may join and clear one, so a table written before those commands keeps working.
        Assert.Null(policy.Lifecycle.Permissions.RolesFor(CommandKind.JoinAlert));
        Assert.Null(policy.Lifecycle.Permissions.RolesFor(CommandKind.ClearAlert));
        Assert.Empty(policy.Lifecycle.Permissions.RolesFor(CommandKind.AdoptPolicy)!);
        Assert.Equal(Enum.GetValues<CommandKind>().Length - 3, nobody.Count);
        Assert.Contains(new PolicyProblem("$.lifecycle.permissions.close", "nobody may close: name the roles that may, or [\"*\"] for anyone"), nobody);
    }

    [Fact]
    public void Parse_PermissionsMayNameBuiltInIncidentRoles()
    {
        var tree = Tree();
        tree["lifecycle"] = JsonNode.Parse("""
            {"reopenWindow": "PT72H", "commanderSeparateFromOnCall": true, "resolverRoles": [], "channelPattern": "#inc-{slug}",
             "permissions": {"*": ["incident-commander", "on-call-engineer", "duty-manager"], "raiseAlert": ["*"]}}
            """);
        Assert.Equal(["incident-commander", "on-call-engineer", "duty-manager"], Parse(tree).Lifecycle.Permissions.RolesFor(CommandKind.Resolve));
    }
}
