using System.Net.Sockets;
using System.Text;

namespace IncidentService.Tests.Intake;

/// <summary>A body Kestrel refuses to read (a malformed chunk) gets 400 with the reason from every intake, not 500.
/// Served on Kestrel over a raw socket, because neither the test server nor HttpClient sends a malformed chunk.</summary>
[Collection("Intake")]
public sealed class UnreadableBodyTests : IAsyncLifetime
{
    private readonly ServiceHost _service = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Theory]
    [InlineData("/v2/enqueue", "application/json", null)]
    [InlineData("/v2/change/enqueue", "application/json", null)]
    [InlineData("/webhooks/alertmanager", "application/json", "Authorization: Bearer " + ServiceHost.AlertmanagerToken)]
    [InlineData("/slack/commands", "application/x-www-form-urlencoded", null)]
    public async Task Post_MalformedChunkedBody_400WithTheReason(string path, string contentType, string? header)
    {
        var address = _service.StartOnLoopback();
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var extra = header is null ? "" : header + "\r\n";
        var request = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {contentType}\r\n{extra}"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("the body could not be read", answer, StringComparison.Ordinal);
    }
}
