using IncidentPolicy.Lifecycle;
using NodaTime;
using static IncidentPolicy.Tests.Support.IncidentFixture;

namespace IncidentPolicy.Tests.Lifecycle;

public class ChannelNameTests
{
    [Fact]
    public void ChannelName_SeedExample()
    {
        Assert.Equal("#inc-2026-05-29-checkout-errors", Investigating().ChannelName);
    }

    [Fact]
    public void ChannelName_BeforeDeclare_UsesAlertSummary() =>
        Assert.Equal("#inc-2026-05-29-checkout-error-rate-5", Raised().ChannelName);

    [Fact]
    public void ChannelName_DateInPolicyZone()
    {
        // 04:02 UTC on 29 May is still 28 May in Los Angeles.
        var calendar = new IncidentPolicy.Calendars.BusinessCalendar(DateTimeZoneProviders.Tzdb["America/Los_Angeles"], [IsoDayOfWeek.Monday],
            IncidentPolicy.Calendars.WorkingHours.Between(new LocalTime(9, 0), new LocalTime(17, 0)));
        var incident = Raised(policy: ResponsePolicy.Default.WithCalendar(calendar));
        Assert.StartsWith("#inc-2026-05-28-", incident.ChannelName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Checkout errors", "checkout-errors")]
    [InlineData("  Payment failures > 2%!!  ", "payment-failures-2")]
    [InlineData("Ünïcödé café — naïve", "unicode-cafe-naive")]
    [InlineData("😀😀", "incident")]
    [InlineData("DB: conn-pool__exhausted", "db-conn-pool-exhausted")]
    public void Slug_LowercaseAsciiHyphens(string title, string slug) =>
        Assert.Equal(slug, ChannelNames.Slug(title));

    [Fact]
    public void Slug_AtMost80CharactersNoTrailingHyphen()
    {
        var slug = ChannelNames.Slug(string.Join(" ", Enumerable.Repeat("abcdefghi", 20)));
        Assert.True(slug.Length <= 80, slug);
        Assert.False(slug.EndsWith('-'));
        Assert.Equal(79, slug.Length);
    }

    [Fact]
    public void ChannelName_CustomPattern()
    {
        var rules = new LifecycleRules(Duration.FromHours(72), true, ["engineering-manager"], "{severity}_{id}_{slug}",
            ["restricted"], ["security-team"], LifecycleRules.DefaultPermissions());
        var incident = Raised(policy: ResponsePolicy.Default.WithLifecycle(rules)).Then(new Declare("SEV-2", "Search broken"), Alex, 1);
        Assert.Equal("sev-2_inc-1_search-broken", incident.ChannelName);
    }

    [Theory]
    [InlineData("#inc-{date}-{title}", "unknown placeholder {title}; use {date}, {slug}, {id} or {severity}")]
    [InlineData("#inc-{date", "the placeholder at position 6 is not closed with '}'")]
    [InlineData("#inc-date}", "'}' at position 10 closes no placeholder")]
    [InlineData(" ", "a channel pattern is required, like #inc-{date}-{slug}")]
    public void LifecycleRules_BadPattern_Rejected(string pattern, string reason)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => new LifecycleRules(
            Duration.FromHours(72), true, [], pattern, [], [], PermissionTable.Open));
        Assert.Equal(new PolicyProblem("channelPattern", reason), Assert.Single(ex.Problems));
    }
}
