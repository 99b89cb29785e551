namespace IncidentPolicy.Severities;

/// <summary>How a response target's time is counted. Written camelCase in JSON (<c>businessHours</c>).</summary>
public enum ResponseClock
{
    /// <summary>Elapsed time around the clock: "15 minutes".</summary>
    WallClock,

    /// <summary>Working time of the policy's business calendar: "4 hours (business hours)".</summary>
    BusinessHours,

    /// <summary>By the close of the first working day after the day of the alert: "next business day".</summary>
    NextBusinessDay,

    /// <summary>By the close of the Nth working day after the day of the alert: "5 business days". One business day
    /// is due when next business day is.</summary>
    BusinessDays,
}
