using System.Text.Json.Nodes;

namespace IncidentPolicy.Tests.Support;

/// <summary>A team's own policy file as issue 15 found it: Europe/Berlin, severities P1..P5, its own role ids, and no
/// section beyond roles, calendar and severities.</summary>
internal static class TeamPolicyFile
{
    public const string Text = """
        {
          "formatVersion": 2,
          "roles": [
            {"id": "duty-engineer", "name": "Duty engineer"},
            {"id": "duty-manager", "name": "Duty manager"}
          ],
          "calendar": {"timeZone": "Europe/Berlin", "workingDays": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                       "opens": "09:00", "closes": "17:00"},
          "severities": [
            {"id": "P1", "rank": 1, "name": "Outage", "rolesInvolved": ["duty-engineer", "duty-manager"],
             "acknowledge": {"within": "PT5M", "clock": "wallClock"}, "respond": {"within": "PT15M", "clock": "wallClock"},
             "assignCommanderWithin": "PT10M"},
            {"id": "P2", "rank": 2, "name": "Major", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": "PT15M", "clock": "wallClock"}, "respond": {"within": "PT30M", "clock": "wallClock"}},
            {"id": "P3", "rank": 3, "name": "Minor", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": "PT4H", "clock": "businessHours"}, "respond": {"within": "PT4H", "clock": "businessHours"}},
            {"id": "P4", "rank": 4, "name": "Low", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": null, "clock": "nextBusinessDay"}, "respond": {"within": null, "clock": "nextBusinessDay"}},
            {"id": "P5", "rank": 5, "name": "Cosmetic", "rolesInvolved": ["duty-engineer"],
             "acknowledge": {"within": null, "clock": "nextBusinessDay"}, "respond": {"within": null, "clock": "nextBusinessDay"}}
          ]
        }
        """;

    public static JsonObject Tree() => JsonNode.Parse(Text)!.AsObject();

    public static ResponsePolicy Parse(JsonNode tree) => PolicyJson.Parse(tree.ToJsonString());

    public static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree) =>
        Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems;
}
