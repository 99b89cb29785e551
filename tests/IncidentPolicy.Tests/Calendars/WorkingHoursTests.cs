using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.Tests.Calendars;

public class WorkingHoursTests
{
    [Fact]
    public void Between_OpensAfterCloses_ThrowsWithPathAndReason()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => WorkingHours.Between(new LocalTime(17, 0), new LocalTime(9, 0)));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("closes", problem.Path);
        Assert.Equal("opening time 17:00 must be before closing time 09:00 (use 24:00 to close at the end of the day)", problem.Reason);
    }

    [Fact]
    public void UntilEndOfDay_FormatsAs2400()
    {
        var hours = WorkingHours.UntilEndOfDay(new LocalTime(1, 0));
        Assert.True(hours.ClosesAtEndOfDay);
        Assert.Equal("01:00–24:00", hours.ToString());
        Assert.Equal(Duration.FromHours(23), hours.NominalLength);
    }

    [Fact]
    public void Default_IsWholeDay()
    {
        WorkingHours hours = default;
        Assert.True(hours.ClosesAtEndOfDay);
        Assert.Equal("00:00–24:00", hours.ToString());
    }
}
