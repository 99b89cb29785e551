namespace IncidentPolicy;

// What makes a policy storable as a whole: zones a policy file can name.
// Every part checks its own texts, dates and durations when it is built; these checks need the whole policy.
public sealed partial class ResponsePolicy
{
    /// <summary>Every time zone of the policy must be one a policy file can name, or the file could not be read
    /// back.</summary>
    private void ValidateZones(ProblemList problems)
    {
        StorableValues.CheckZone(Calendar.Zone, problems, "$.calendar.timeZone");
        for (var i = 0; i < Schedules.Count; i++)
        {
            var schedule = Schedules[i];
            StorableValues.CheckZone(schedule.TimeZone, problems, $"$.schedules[{i}].timeZone");
            for (var j = 0; j < schedule.Layers.Count; j++)
            {
                if (schedule.Layers[j].Rotation.TimeZone is { } zone)
                {
                    StorableValues.CheckZone(zone, problems, $"$.schedules[{i}].layers[{j}].rotation.timeZone");
                }
            }
        }

        for (var i = 0; i < ChangeWindows.Count; i++)
        {
            if (ChangeWindows[i].Zone is { } zone)
            {
                StorableValues.CheckZone(zone, problems, $"$.changeWindows[{i}].timeZone");
            }
        }
    }
}
