using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Tests.Serialization;

public class TextFormatsTests
{
    [Theory]
    [InlineData("PT15M", 15 * 60)]
    [InlineData("PT4H", 4 * 3600)]
    [InlineData("P2D", 48 * 3600)]
    [InlineData("P1DT2H", 26 * 3600)]
    [InlineData("PT1H30M", 90 * 60)]
    [InlineData("PT0S", 0)]
    [InlineData("-PT15M", -15 * 60)]
    [InlineData("PT90M", 90 * 60)]
    public void TryParseDuration_Valid_ReadsSeconds(string text, long seconds)
    {
        Assert.True(TextFormats.TryParseDuration(text, out var duration, out var reason), reason);
        Assert.Equal(Duration.FromSeconds(seconds), duration);
    }

    [Fact]
    public void TryParseDuration_Fraction_ReadsNanoseconds()
    {
        Assert.True(TextFormats.TryParseDuration("PT0.5S", out var duration, out _));
        Assert.Equal(Duration.FromMilliseconds(500), duration);
        Assert.True(TextFormats.TryParseDuration("PT1,25S", out duration, out _));
        Assert.Equal(Duration.FromMilliseconds(1250), duration);
    }

    [Theory]
    [InlineData("P1M", "months")]
    [InlineData("P1Y", "years")]
    [InlineData("P2W", "weeks")]
    [InlineData("P1Y2M", "years")]
    public void TryParseDuration_NotFixedLength_RejectedWithReason(string text, string unit)
    {
        Assert.False(TextFormats.TryParseDuration(text, out _, out var reason));
        Assert.Equal($"'{text}' uses {unit}, which are not fixed lengths of time; write days, hours, minutes or seconds (P2D = 48 hours)", reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15M")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("PT15")]
    [InlineData("PT15X")]
    [InlineData("PT1M2H")]
    [InlineData("PT1.5M")]
    [InlineData("P1H")]
    [InlineData("pt15m")]
    [InlineData("PT15M ")]
    [InlineData("--PT1M")]
    [InlineData("PTT1M")]
    [InlineData("PT0.1234567891S")]
    public void TryParseDuration_Malformed_Rejected(string text)
    {
        Assert.False(TextFormats.TryParseDuration(text, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void TryParseDuration_Huge_Rejected()
    {
        Assert.False(TextFormats.TryParseDuration("P99999999999999999999D", out _, out var reason));
        Assert.Equal("'P99999999999999999999D' is longer than 36,525 days (100 years)", reason);
    }

    [Theory]
    [InlineData(48 * 3600, "PT48H")]
    [InlineData(90 * 60, "PT1H30M")]
    [InlineData(0, "PT0S")]
    [InlineData(-15 * 60, "-PT15M")]
    [InlineData(3661, "PT1H1M1S")]
    [InlineData(24 * 3600, "PT24H")]
    public void Format_Duration_HoursMinutesSecondsOnly(long seconds, string expected) =>
        Assert.Equal(expected, TextFormats.Format(Duration.FromSeconds(seconds)));

    [Fact]
    public void Format_DurationWithFraction_WritesSignificantDigits() =>
        Assert.Equal("PT0.5S", TextFormats.Format(Duration.FromMilliseconds(500)));

    [Theory]
    [InlineData("2026-05-30T15:00Z", "2026-05-30T15:00:00Z")]
    [InlineData("2026-05-30T15:00:00Z", "2026-05-30T15:00:00Z")]
    [InlineData("2026-05-30T15:00:00.5Z", "2026-05-30T15:00:00.5Z")]
    [InlineData("2026-05-30T15:00:07.123456789Z", "2026-05-30T15:00:07.123456789Z")]
    public void TryParseInstant_IsoUtc_RoundTripsToCanonicalText(string text, string canonical)
    {
        Assert.True(TextFormats.TryParseInstant(text, out var instant, out var reason), reason);
        Assert.Equal(canonical, TextFormats.Format(instant));
    }

    [Theory]
    [InlineData("2026-05-30T15:00:00+02:00", "'2026-05-30T15:00:00+02:00' is not a UTC instant; write ISO 8601 UTC ending in Z, like 2026-05-30T15:00:00Z")]
    [InlineData("2026-05-30 15:00Z", "'2026-05-30 15:00Z' is not an instant; write ISO 8601 UTC like 2026-05-30T15:00Z or 2026-05-30T15:00:00.5Z")]
    [InlineData("2026-02-30T15:00Z", "'2026-02-30T15:00Z' is not an instant; write ISO 8601 UTC like 2026-05-30T15:00Z or 2026-05-30T15:00:00.5Z")]
    [InlineData("", "an instant is required, like 2026-05-30T15:00:00Z")]
    public void TryParseInstant_Invalid_RejectedWithReason(string text, string expected)
    {
        Assert.False(TextFormats.TryParseInstant(text, out _, out var reason));
        Assert.Equal(expected, reason);
    }
}
