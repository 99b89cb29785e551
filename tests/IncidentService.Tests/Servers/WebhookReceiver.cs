using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentService.Tests.Servers;

/// <summary>
/// An HTTP server inside the test (Kestrel on 127.0.0.1 and a port the OS picks) that records every request — method,
/// path, headers, body — and answers 200, or the statuses it is told to (the next N requests, or every request until told otherwise). Tests wait on it
/// with a deadline for a condition over what it received, never for a fixed time.
/// </summary>
/// <remarks>Thread-safe: requests are recorded under a lock, and every waiter is woken on each request.</remarks>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>How long <see cref="WaitForAsync"/> waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly List<ReceivedRequest> _requests = [];
    private readonly object _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private readonly Queue<int> _answers = new();
    private int? _always;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received so far, oldest first (a copy).</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a receiver on 127.0.0.1 and a free port.</summary>
    /// <returns>The running receiver.</returns>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return receiver;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this receiver.</summary>
    /// <param name="path">A path such as <c>hooks/pages</c>.</param>
    /// <returns>The URL.</returns>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Makes the next <paramref name="count"/> requests fail with <paramref name="status"/> (they are still
    /// recorded).</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status they get; 500 unless told.</param>
    public void FailNext(int count, int status = StatusCodes.Status500InternalServerError)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        AnswerNext([.. Enumerable.Repeat(status, count)]);
    }

    /// <summary>Answers the next requests with <paramref name="statuses"/>, one each in order, then 200 again (they are
    /// still recorded).</summary>
    /// <param name="statuses">The status codes.</param>
    public void AnswerNext(params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        lock (_lock)
        {
            foreach (var status in statuses)
            {
                _answers.Enqueue(status);
            }
        }
    }

    /// <summary>Answers every request with <paramref name="status"/> until called again with <see langword="null"/>
    /// (a peer that is down until the test brings it back); takes precedence over <see cref="AnswerNext"/>.</summary>
    /// <param name="status">The status code, or <see langword="null"/> to answer normally again.</param>
    public void AnswerAlways(int? status)
    {
        lock (_lock)
        {
            _always = status;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the requests received, and answers them.</summary>
    /// <param name="condition">The condition, over every request so far (oldest first).</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="deadline">How long to wait; <see cref="DefaultDeadline"/> unless told.</param>
    /// <returns>The requests when the condition held.</returns>
    /// <exception cref="TimeoutException">The deadline passed; lists what was received.</exception>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(deadline ?? DefaultDeadline);
        while (true)
        {
            Task changed;
            IReadOnlyList<ReceivedRequest> snapshot;
            lock (_lock)
            {
                snapshot = [.. _requests];
                changed = _changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"waited {(deadline ?? DefaultDeadline).TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {what}; received {snapshot.Count} request(s):\n"
                    + string.Join('\n', snapshot.Select(r => $"{r.Method} {r.Path} -> {r.AnsweredStatus}: {r.Body}")));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        TaskCompletionSource signal;
        int status;
        lock (_lock)
        {
            status = _always ?? (_answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK);

            _requests.Add(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, status));
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
        context.Response.StatusCode = status;
    }
}
