using System.Globalization;
using IncidentPolicy.Serialization;

namespace IncidentPolicy;

// What makes a policy storable as a whole: zones a policy file can name, and a written form the reader accepts.
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

    /// <summary>
    /// Refuses a policy whose written form (<see cref="PolicyJson.Serialize"/>) would take more than
    /// <see cref="Limits.MaxPolicyBytes"/>, so that whatever is accepted — from a file or from code — can be written
    /// and read back. Like <see cref="ContentHash"/>, the rule is defined over the canonical file form, so it is
    /// measured by the writer rather than estimated by a second description of it.
    /// </summary>
    private void ValidateWrittenSize()
    {
        var bytes = PolicyJson.WrittenBytes(this);
        if (bytes > Limits.MaxPolicyBytes)
        {
            throw new PolicyValidationException(
            [
                new PolicyProblem("$", string.Create(
                    CultureInfo.InvariantCulture,
                    $"the policy would take {bytes:N0} bytes as a policy file, more than the {Limits.MaxPolicyBytes:N0} a policy may take, so it could not be read back; make it smaller (fewer or shorter conditions, runbooks, overrides or texts)")),
            ]);
        }
    }
}
