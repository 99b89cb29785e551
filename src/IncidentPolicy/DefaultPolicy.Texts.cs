using System.Globalization;
using IncidentPolicy.Escalation;
using NodaTime;

namespace IncidentPolicy;

/// <summary>How the seed playbook's texts state its values: durations, dollar amounts, cadences and the roles named in a
/// sentence, so that each text is written from the value it states.</summary>
internal static partial class DefaultPolicy
{
    /// <summary>The ids of the levels that involve <paramref name="roleId"/>: <c>SEV-1</c>, <c>SEV-1 and SEV-2</c>.</summary>
    private static string LevelsInvolving(string roleId) =>
        string.Join(" and ", Levels.Where(l => l.RolesInvolved.Contains(roleId)).Select(l => l.Id));

    /// <summary>An escalation action on a role as a runbook line says it: <c>Page engineering manager</c>,
    /// <c>Notify VP Engineering</c> — the role's name in a sentence.</summary>
    private static string ActionOn(EscalationAction action, string roleId)
    {
        var verb = HumanText.CamelCase(action);
        var name = Roles.Single(r => r.Id == roleId).Name;
        var inSentence = name.Length > 1 && char.IsUpper(name[1]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
        return $"{char.ToUpperInvariant(verb[0])}{verb[1..]} {inSentence}";
    }

    /// <summary>A duration as a runbook writes it: <c>30 min</c>, <c>2 h</c>, <c>1 h 30 min</c>, <c>45 s</c>.</summary>
    private static string ShortDuration(Duration duration)
    {
        var parts = new List<string>(3);
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{hours} h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes} min"));
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds} s"));
        }

        return string.Join(" ", parts);
    }

    /// <summary>An amount of dollars as the seed writes it: <c>$10K</c>, <c>$2.5K</c>, <c>$500</c>.</summary>
    private static string Dollars(decimal amount) =>
        amount >= 1000m
            ? "$" + Number(amount / 1000m) + "K"
            : "$" + Number(amount);

    /// <summary>A number without trailing zeros: <c>2</c>, <c>2.5</c>.</summary>
    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>How often a rotation turns: <c>weekly</c>, <c>daily</c>, else <c>every P2W</c>.</summary>
    private static string Cadence(Period length) =>
        length == Period.FromWeeks(1) ? "weekly"
        : length == Period.FromDays(1) ? "daily"
        : "every " + IsoText.FormatPeriod(length);
}
