using System.Net;
using System.Text;
using IncidentService.Intake.Slack;
using NodaTime;

namespace IncidentService.Tests.Intake;

/// <summary>The example in Slack's documentation on verifying requests (api.slack.com, "Verifying requests from
/// Slack"): its signing secret, timestamp, body and expected signature.</summary>
public sealed class PublishedExampleFactory() : ServiceHost(Instant.FromUnixTimeSeconds(PublishedExample.Timestamp), PublishedExample.SigningSecret);

internal static class PublishedExample
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const long Timestamp = 1531420618;
    public const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    public const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
}

[Collection("Intake")]
public sealed class SlackPublishedExampleTests(PublishedExampleFactory factory) : IClassFixture<PublishedExampleFactory>
{
    [Fact]
    public void Sign_PublishedExample_GivesThePublishedSignature()
    {
        Assert.Equal(PublishedExample.Signature,
            SlackSignature.Sign(PublishedExample.SigningSecret, "1531420618", Encoding.UTF8.GetBytes(PublishedExample.Body)));
    }

    [Fact]
    public void Verify_PublishedExampleAtItsTimestamp_Genuine()
    {
        Assert.Null(SlackSignature.Verify(PublishedExample.SigningSecret, "1531420618", PublishedExample.Signature,
            Encoding.UTF8.GetBytes(PublishedExample.Body), Instant.FromUnixTimeSeconds(PublishedExample.Timestamp)));
    }

    [Theory]
    [InlineData("253402300800")]
    [InlineData("999999999999")]
    [InlineData("1099511627775")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999999")]
    public void Verify_TimestampNoInstantCanHold_RefusedWithAReasonNotAnException(string timestamp)
    {
        var reason = SlackSignature.Verify(PublishedExample.SigningSecret, timestamp, PublishedExample.Signature,
            Encoding.UTF8.GetBytes(PublishedExample.Body), Instant.FromUnixTimeSeconds(PublishedExample.Timestamp));

        Assert.Equal("the X-Slack-Request-Timestamp header is not a Unix time in seconds", reason);
    }

    [Fact]
    public void Verify_PublishedExampleAnHourLater_RefusedAsReplay()
    {
        var reason = SlackSignature.Verify(PublishedExample.SigningSecret, "1531420618", PublishedExample.Signature,
            Encoding.UTF8.GetBytes(PublishedExample.Body), Instant.FromUnixTimeSeconds(PublishedExample.Timestamp) + Duration.FromHours(1));

        Assert.Contains("5 minutes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_PublishedExampleRequest_PassesVerification()
    {
        using var client = factory.CreateClient();

        var (status, reply) = await IntakeClient.PostRawAsync(client, "/slack/commands", Encoding.UTF8.GetBytes(PublishedExample.Body),
            "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", "1531420618"), ("X-Slack-Signature", PublishedExample.Signature)]);

        // Verified: the example's user (U2CERLKJA) is simply not one of ours, which is told to the sender.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("U2CERLKJA", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_PublishedExampleWithOneByteChanged_401()
    {
        using var client = factory.CreateClient();
        var tampered = PublishedExample.Body.Replace("roadrunner", "roadrunnex", StringComparison.Ordinal);

        var (status, _) = await IntakeClient.PostRawAsync(client, "/slack/commands", Encoding.UTF8.GetBytes(tampered),
            "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", "1531420618"), ("X-Slack-Signature", PublishedExample.Signature)]);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
