using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IncidentService.Tests.Hosting;

namespace IncidentService.Tests.Outbound;

/// <summary>A local webhook receiver on a free loopback port: keeps every request (headers and body) and answers with
/// the status codes it is told to, in order, then 200.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var port = IncidentPolicy.Orleans.Tests.Servers.ServerProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>Answers the next requests with these codes (then 200 again).</summary>
    public void AnswerNext(params HttpStatusCode[] codes)
    {
        foreach (var code in codes)
        {
            _answers.Enqueue(code);
        }
    }

    /// <summary>Answers every request with <paramref name="code"/> until told otherwise.</summary>
    public HttpStatusCode? Always { get; set; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Received(context.Request.HttpMethod, context.Request.ContentType, headers, body));
            var status = Always ?? (_answers.TryDequeue(out var next) ? next : HttpStatusCode.OK);
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    internal sealed record Received(string Method, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body);
}
