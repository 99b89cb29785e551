using System.Text.Json.Nodes;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonLifecycleTests
{
    private static JsonObject DefaultTree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree) =>
        Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems;

    [Fact]
    public void Serialize_Default_WritesLifecycleSection()
    {
        var lifecycle = DefaultTree()["lifecycle"]!;
        Assert.Equal("PT72H", (string)lifecycle["reopenWindow"]!);
        Assert.True((bool)lifecycle["commanderSeparateFromOnCall"]!);
        Assert.Equal("#inc-{date}-{slug}", (string)lifecycle["channelPattern"]!);
        Assert.Equal(Enum.GetValues<CommandKind>().Length, lifecycle["permissions"]!.AsObject().Count);
        Assert.Equal("*", (string)lifecycle["permissions"]!["raiseAlert"]![0]!);
    }

    [Fact]
    public void Parse_WithoutLifecycle_SafeRulesForItsRoles_OrTheSeedsWhenExtending()
    {
        var tree = DefaultTree();
        tree.Remove("lifecycle");
        var lifecycle = PolicyJson.Parse(tree.ToJsonString()).Lifecycle;
        Assert.Empty(lifecycle.ResolverRoles);
        Assert.Equal(["incident-commander"], lifecycle.Permissions.RolesFor(CommandKind.Resolve));
        Assert.Equal(LifecycleRules.Default.ReopenWindow, lifecycle.ReopenWindow);
        tree["extends"] = "seed";
        var extended = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(PolicyJson.Serialize(ResponsePolicy.Default), PolicyJson.Serialize(extended));
    }

    [Fact]
    public void Parse_CustomRoleNamesWithoutLifecycle_SafePermissionsForThoseRoles()
    {
        var tree = DefaultTree();
        tree.Remove("lifecycle");
        tree.Remove("schedules");
        tree.Remove("escalation");
        tree.Remove("changeWindows");
        tree.Remove("runbooks");
        tree["roles"] = JsonNode.Parse("""[{"id": "responder", "name": "Responder"}]""");
        foreach (var severity in tree["severities"]!.AsArray())
        {
            severity!["rolesInvolved"] = new JsonArray("responder");
        }

        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(["responder", "incident-commander", "on-call-engineer"], policy.Lifecycle.Permissions.RolesFor(CommandKind.Close));
        Assert.Null(policy.Lifecycle.Permissions.RolesFor(CommandKind.RaiseAlert));
        Assert.Empty(policy.Lifecycle.ResolverRoles);
    }

    [Fact]
    public void Parse_CustomLifecycle_RoundTrips()
    {
        var tree = DefaultTree();
        tree["lifecycle"]!["reopenWindow"] = "P1D";
        tree["lifecycle"]!["commanderSeparateFromOnCall"] = false;
        tree["lifecycle"]!["permissions"] = JsonNode.Parse("""{"close": ["engineering-manager"], "resolve": ["*"]}""");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(NodaTime.Duration.FromHours(24), policy.Lifecycle.ReopenWindow);
        Assert.False(policy.Lifecycle.CommanderSeparateFromOnCall);
        Assert.Equal(["engineering-manager"], policy.Lifecycle.Permissions.RolesFor(CommandKind.Close));
        Assert.Empty(policy.Lifecycle.Permissions.RolesFor(CommandKind.Declare)!);
        var json = PolicyJson.Serialize(policy);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
    }

    [Fact]
    public void Parse_BadLifecycle_EveryProblemWithPath()
    {
        var tree = DefaultTree();
        var lifecycle = tree["lifecycle"]!;
        lifecycle["reopenWindow"] = "-PT1H";
        lifecycle["channelPattern"] = "#inc-{when}";
        lifecycle["commanderSeparateFromOnCall"] = null;
        lifecycle["resolverRoles"] = new JsonArray("cto");
        lifecycle["restrictedViewerRoles"] = new JsonArray("");
        lifecycle["permissions"] = JsonNode.Parse("""{"launch": ["*"], "close": ["janitor"]}""");
        lifecycle["extra"] = 1;
        var problems = ProblemsOf(tree);
        Assert.Equal(
            [
                "$.lifecycle.extra",
                "$.lifecycle.reopenWindow",
                "$.lifecycle.channelPattern",
                "$.lifecycle.commanderSeparateFromOnCall",
                "$.lifecycle.restrictedViewerRoles[0]",
                "$.lifecycle.permissions.launch",
                "$.lifecycle.resolverRoles[0]",
                "$.lifecycle.permissions.close[0]",
            ],
            problems.Select(p => p.Path));
        Assert.Equal("must not be negative (got minus 1 hour)", problems[1].Reason);
        Assert.StartsWith("unknown command 'launch'; commands are: raiseAlert, acknowledge", problems[5].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LifecycleNamesUnknownRoles_ReportedWithPaths()
    {
        var tree = DefaultTree();
        tree["lifecycle"]!["resolverRoles"] = new JsonArray("cto");
        tree["lifecycle"]!["permissions"] = JsonNode.Parse("""{"close": ["engineering-manager", "janitor"]}""");
        var problems = ProblemsOf(tree);
        Assert.Equal(["$.lifecycle.resolverRoles[0]", "$.lifecycle.permissions.close[1]"], problems.Select(p => p.Path));
        Assert.StartsWith("unknown role 'cto'; the policy's roles are: ", problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentHash_SameContentSameHash_DifferentContentDifferentHash()
    {
        var parsed = PolicyJson.Parse(PolicyJson.Serialize(ResponsePolicy.Default));
        Assert.Equal(ResponsePolicy.Default.ContentHash, parsed.ContentHash);
        var other = ResponsePolicy.Default.WithLifecycle(LifecycleRules.Default.WithCommanderSeparateFromOnCall(false));
        Assert.NotEqual(ResponsePolicy.Default.ContentHash, other.ContentHash);
        Assert.Matches("^sha256:[0-9a-f]{64}$", other.ContentHash);
    }
}
