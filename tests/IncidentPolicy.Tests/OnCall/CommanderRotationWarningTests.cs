using System.Text.Json.Nodes;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Tests.OnCall;

public class CommanderRotationWarningTests
{
    [Fact]
    public void Default_WeeklyCommanderRotation_NoWarning() =>
        Assert.Empty(ResponsePolicy.Default.Warnings);

    [Fact]
    public void Parse_DailyCommanderRotation_WarnsWithPath()
    {
        var tree = JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!;
        var schedules = tree["schedules"]!.AsArray();
        var index = schedules.Select((s, i) => (s, i)).Single(p => (string)p.s!["role"]! == "incident-commander").i;
        schedules[index]!["layers"]![0]!["rotation"]!["shift"]!["length"] = "P1D";
        var policy = PolicyJson.Parse(tree.ToJsonString());
        var warning = Assert.Single(policy.Warnings);
        Assert.Equal($"$.schedules[{index}].layers[0].rotation.shift", warning.Path);
        Assert.StartsWith("the Incident Commander rotation hands off every ", warning.Reason, StringComparison.Ordinal);
        Assert.EndsWith("the seed rotates it weekly (\"IC Rotation: Rotate weekly, separate from on-call\")", warning.Reason, StringComparison.Ordinal);
    }
}
