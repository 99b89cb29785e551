namespace IncidentPolicy.OnCall;

/// <summary>Where in each month a monthly rotation (a <see cref="ShiftLength"/> in calendar months) hands off.</summary>
public enum MonthlyAnchor
{
    /// <summary>On the start's day of the month, at the start's local time; in a month without that day (the 31st in
    /// April), on the month's last day. Each handoff is counted from the start, so a rotation that starts on the 31st
    /// is back on the 31st in May.</summary>
    DayOfMonth,

    /// <summary>On the start's weekday and its occurrence in the month, at the start's local time: a start on the
    /// first Monday hands off on the first Monday of each month; a start on the fifth occurrence of its weekday hands
    /// off on the last one.</summary>
    WeekdayOfMonth,
}
