using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IncidentService.Intake.Slack;
using NodaTime;

namespace IncidentService.Tests.Intake;

[Collection("Intake")]
public sealed class SlackCommandTests(ServiceHost factory) : IClassFixture<ServiceHost>
{
    private async Task<string> TriggerAsync(HttpClient client, string dedupKey, string severity = "critical")
    {
        await IntakeClient.PostJsonAsync(client, "/v2/enqueue", IntakeClient.Trigger(dedupKey, severity));
        return factory.Journal.RecentIntakes().First(r => r.DedupKey == dedupKey).IncidentId!;
    }

    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    private static string ResponseType(JsonElement reply) => reply.GetProperty("response_type").GetString()!;

    [Fact]
    public async Task Ack_ExplicitIdThenStatusInTheSameChannel_AcknowledgedByTheMappedPerson()
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, "slack-ack-1");

        var (status, reply) = await IntakeClient.SlackAsync(client, factory, "UALEX", $"ack {id}", "CACK1");
        var (_, statusReply) = await IntakeClient.SlackAsync(client, factory, "UALEX", "status", "CACK1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("in_channel", ResponseType(reply));
        Assert.Contains(id, Text(reply), StringComparison.Ordinal);
        var incident = await factory.StateAsync(id);
        Assert.Equal("acknowledged", incident.GetProperty("status").GetString());
        Assert.Equal("alex", incident.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("ephemeral", ResponseType(statusReply));
        Assert.Contains("acknowledged", Text(statusReply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_InAChannelWithoutIncident_OpensDeclaresAndBindsTheChannel()
    {
        using var client = factory.CreateClient();

        var (_, reply) = await IntakeClient.SlackAsync(client, factory, "UALEX", "declare SEV-2 “search is broken”", "CDECLARE");
        var (_, update) = await IntakeClient.SlackAsync(client, factory, "UALEX", "update external \"We are investigating slow search.\"", "CDECLARE");

        Assert.Equal("in_channel", ResponseType(reply));
        var id = factory.Journal.RecentIntakes().First(r => r.Source == "slack" && r.Reason!.Contains("declare", StringComparison.Ordinal)).IncidentId!;
        var incident = await factory.StateAsync(id);
        Assert.Equal("SEV-2", incident.GetProperty("severity").GetString());
        Assert.Equal("search is broken", incident.GetProperty("title").GetString());
        Assert.Equal("in_channel", ResponseType(update));
        var posted = (await factory.EventsAsync(id)).Single(e => e.GetProperty("type").GetString() == "statusUpdatePosted");
        Assert.Equal("alex", posted.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Ic_SlackMention_AssignsTheMappedPersonThenResolveByTheCommanderWorks()
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, "slack-ic-1");
        await IntakeClient.SlackAsync(client, factory, "UALEX", $"ack {id}", "CIC1");
        await IntakeClient.SlackAsync(client, factory, "UALEX", "declare SEV-1 \"checkout down\"", "CIC1");

        var (_, ic) = await IntakeClient.SlackAsync(client, factory, "UALEX", "ic <@UBLAKE|blake>", "CIC1");
        var (_, resolved) = await IntakeClient.SlackAsync(client, factory, "UBLAKE", "resolve \"rolled back\"", "CIC1");

        Assert.Equal("in_channel", ResponseType(ic));
        Assert.Equal("in_channel", ResponseType(resolved));
        var incident = await factory.StateAsync(id);
        Assert.Equal("blake", incident.GetProperty("commander").GetString());
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resolve_Sev1WithoutCommander_RejectionReasonToTheSenderOnly()
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, "slack-resolve-1");
        var version = await factory.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id).GetVersionAsync();

        var (status, reply) = await IntakeClient.SlackAsync(client, factory, "UALEX", $"resolve {id}", "CRES1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", ResponseType(reply));
        Assert.Contains("ommander", Text(reply), StringComparison.Ordinal);
        Assert.Equal("triggered", (await factory.StateAsync(id)).GetProperty("status").GetString());
        Assert.True(await factory.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id).GetVersionAsync() >= version);
        Assert.DoesNotContain(await factory.EventsAsync(id), e => e.GetProperty("type").GetString() == "resolved");
    }

    [Theory]
    [InlineData("UNOBODY", "ack INC-1", "not mapped")]
    [InlineData("UALEX", "ack", "no incident")]
    [InlineData("UALEX", "ack INC-does-not-exist", "There is no incident")]
    [InlineData("UALEX", "declare SEV-9 \"x\"", "not a severity of the policy")]
    [InlineData("UALEX", "ic INC-does-not-exist <@UNOBODY|x>", "There is no incident")]
    [InlineData("UALEX", "frobnicate", "is not a command")]
    [InlineData("UALEX", "declare SEV-1 \"unclosed", "not closed")]
    public async Task Command_CannotBeDone_EphemeralReason(string user, string text, string reason)
    {
        using var client = factory.CreateClient();

        var (status, reply) = await IntakeClient.SlackAsync(client, factory, user, text, "CNOTHING");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", ResponseType(reply));
        Assert.Contains(reason, Text(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ic_MentionOfUnmappedUser_EphemeralAndCommanderUnchanged()
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, "slack-ic-unmapped");

        var (_, reply) = await IntakeClient.SlackAsync(client, factory, "UALEX", $"ic {id} <@UNOBODY|ghost>", "CICU");

        Assert.Equal("ephemeral", ResponseType(reply));
        Assert.Contains("UNOBODY", Text(reply), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await factory.StateAsync(id)).GetProperty("commander").ValueKind);
    }

    [Theory]
    [InlineData("bad-signature")]
    [InlineData("old-timestamp")]
    [InlineData("future-timestamp")]
    [InlineData("no-signature")]
    [InlineData("no-timestamp")]
    public async Task Command_NotVerified_401AndNothingChanged(string how)
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, $"slack-unverified-{how}");
        var grain = factory.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id);
        var eventsBefore = (await factory.EventsAsync(id)).Count(e => e.GetProperty("type").GetString() == "acknowledged");
        var journalBefore = factory.Journal.RecentIntakes(1_000).Count(r => r.Source == "slack");
        var body = Encoding.UTF8.GetBytes(IntakeClient.Form("UALEX", $"ack {id}"));
        var now = factory.Clock.GetCurrentInstant();
        var at = how switch
        {
            "old-timestamp" => now - Duration.FromMinutes(5) - Duration.FromSeconds(1),
            "future-timestamp" => now + Duration.FromMinutes(6),
            _ => now,
        };
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = how == "bad-signature"
            ? SlackSignature.Sign("some-other-secret", timestamp, body)
            : SlackSignature.Sign(factory.SigningSecret, timestamp, body);
        var headers = new List<(string, string)>();
        if (how != "no-timestamp")
        {
            headers.Add(("X-Slack-Request-Timestamp", timestamp));
        }

        if (how != "no-signature")
        {
            headers.Add(("X-Slack-Signature", signature));
        }

        var (status, reply) = await IntakeClient.PostRawAsync(client, "/slack/commands", body, "application/x-www-form-urlencoded", headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotEmpty(reply.GetProperty("errors")[0].GetString()!);
        Assert.Equal("triggered", (await factory.StateAsync(id)).GetProperty("status").GetString());
        Assert.Equal(eventsBefore, (await factory.EventsAsync(id)).Count(e => e.GetProperty("type").GetString() == "acknowledged"));
        Assert.Equal(journalBefore, factory.Journal.RecentIntakes(1_000).Count(r => r.Source == "slack"));
        Assert.True(await grain.GetVersionAsync() > 0);
    }

    [Fact]
    public async Task Command_TimestampExactlyFiveMinutesOld_Accepted()
    {
        using var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes(IntakeClient.Form("UALEX", "help"));
        var timestamp = (factory.Clock.GetCurrentInstant() - Duration.FromMinutes(5)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (status, reply) = await IntakeClient.PostRawAsync(client, "/slack/commands", body, "application/x-www-form-urlencoded",
            [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", SlackSignature.Sign(factory.SigningSecret, timestamp, body))]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Usage", Text(reply), StringComparison.Ordinal);
    }
    [Fact]
    public async Task Status_RestrictedIncidentAndSenderMayNotView_AnsweredAsIfItDidNotExist()
    {
        using var client = factory.CreateClient();
        var id = await TriggerAsync(client, "slack-restricted-1");
        var grain = factory.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id);
        var flagged = IncidentPolicy.Orleans.Grains.ApplyAnswer.Conflict(await grain.GetVersionAsync());
        while (flagged.Outcome == IncidentPolicy.Lifecycle.ApplyOutcome.Conflict)
        {
            flagged = await grain.ApplyAsync(new IncidentPolicy.Lifecycle.RaiseFlag("restricted"), new IncidentPolicy.Lifecycle.Actor("alex", "on-call-engineer"), flagged.Version);
        }

        Assert.True(flagged.IsAccepted, flagged.ToString());

        var (_, bystander) = await IntakeClient.SlackAsync(client, factory, "UCASEY", $"status {id}", "CRESTRICTED");
        var (_, ack) = await IntakeClient.SlackAsync(client, factory, "UCASEY", $"ack {id}", "CRESTRICTED2");
        var (_, manager) = await IntakeClient.SlackAsync(client, factory, "UEMERY", $"status {id}", "CRESTRICTED3");

        Assert.Equal($"There is no incident {id}.", Text(bystander));
        Assert.Equal($"There is no incident {id}.", Text(ack));
        Assert.Equal("triggered", (await factory.StateAsync(id)).GetProperty("status").GetString());
        Assert.StartsWith(id, Text(manager), StringComparison.Ordinal);
    }
}
