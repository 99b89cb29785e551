using System.Text.Json.Nodes;

namespace IncidentPolicy.Tests.Serialization;

/// <summary>A role's <c>respondedBy</c> in policy files: read, written back as given, left out when it is the default.</summary>
public class PolicyJsonRespondedByTests
{
    private static JsonObject Tree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    private static JsonNode CommsLead(JsonObject tree) => tree["roles"]!.AsArray().Single(r => (string?)r!["id"] == "comms-lead")!;

    private static int CommsLeadIndex(JsonObject tree) => tree["roles"]!.AsArray().Select((r, i) => ((string?)r!["id"], i)).Single(p => p.Item1 == "comms-lead").i;

    [Fact]
    public void Default_IsNotWritten()
    {
        Assert.DoesNotContain("respondedBy", PolicyJson.Serialize(ResponsePolicy.Default), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_IsRead_AndWrittenBackAsGiven()
    {
        var tree = Tree();
        CommsLead(tree)["respondedBy"] = new JsonArray("roleAssigned", "statusUpdatePosted:external");
        var policy = PolicyJson.Parse(tree.ToJsonString());

        Assert.Equal([ResponseEvent.RoleAssigned, ResponseEvent.ExternalStatusUpdatePosted], policy.FindRole("comms-lead")!.RespondedBy.ToArray());
        var written = PolicyJson.Serialize(policy);
        Assert.Contains("\"respondedBy\": [\n        \"roleAssigned\",\n        \"statusUpdatePosted:external\"\n      ]", written, StringComparison.Ordinal);
        Assert.Equal(written, PolicyJson.Serialize(PolicyJson.Parse(written)));
        Assert.Equal(policy.FindRole("comms-lead"), PolicyJson.Parse(written).FindRole("comms-lead"));
        Assert.NotEqual(ResponsePolicy.Default.ContentHash, policy.ContentHash);
    }

    [Fact]
    public void Null_IsTheDefault()
    {
        var tree = Tree();
        CommsLead(tree)["respondedBy"] = null;
        Assert.Equal([ResponseEvent.RoleAssigned], PolicyJson.Parse(tree.ToJsonString()).FindRole("comms-lead")!.RespondedBy.ToArray());
    }

    [Theory]
    [InlineData("""["roleAssigned", "statusUpdate"]""", "[1]", "unknown event 'statusUpdate'; one of roleAssigned, acknowledged, declared, statusUpdatePosted, statusUpdatePosted:external, statusUpdatePosted:internal, noteAdded, mitigated, channelCreated")]
    [InlineData("""["noteAdded", "noteAdded"]""", "[1]", "'noteAdded' is listed twice")]
    [InlineData("""[null]""", "[0]", "an event name is required, not null; one of roleAssigned, acknowledged, declared, statusUpdatePosted, statusUpdatePosted:external, statusUpdatePosted:internal, noteAdded, mitigated, channelCreated")]
    [InlineData("""[]""", "", "at least one event must meet the role's respond obligation; one of roleAssigned, acknowledged, declared, statusUpdatePosted, statusUpdatePosted:external, statusUpdatePosted:internal, noteAdded, mitigated, channelCreated")]
    public void Bad_IsAProblemAtItsPath(string list, string suffix, string reason)
    {
        var tree = Tree();
        CommsLead(tree)["respondedBy"] = JsonNode.Parse(list);
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal(new PolicyProblem($"$.roles[{CommsLeadIndex(tree)}].respondedBy{suffix}", reason), problem);
    }

    [Fact]
    public void Role_Constructor_RefusesAnEmptyListOrAnUndefinedValue()
    {
        Assert.Equal("respondedBy", Assert.Single(Assert.Throws<PolicyValidationException>(() => new Role("scribe", "Scribe", "", [])).Problems).Path);
        Assert.Equal("respondedBy[0]", Assert.Single(Assert.Throws<PolicyValidationException>(() => new Role("scribe", "Scribe", "", [(ResponseEvent)99])).Problems).Path);
        Assert.Equal(new Role("scribe", "Scribe"), new Role("scribe", "Scribe", "", [ResponseEvent.RoleAssigned]));
        Assert.NotEqual(new Role("scribe", "Scribe"), new Role("scribe", "Scribe", "", [ResponseEvent.NoteAdded]));
    }
}
