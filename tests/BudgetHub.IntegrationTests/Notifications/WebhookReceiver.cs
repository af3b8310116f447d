using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BudgetHub.IntegrationTests.Notifications;

/// <summary>A customer's endpoint for outgoing webhooks on 127.0.0.1: keeps every request and answers 200.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();

    internal sealed record Received(string Id, long Timestamp, string Signature, byte[] Body);

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/budget";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>Waits until <paramref name="count"/> requests have come.</summary>
    public Task<IReadOnlyList<Received>> WaitForAsync(int count) =>
        Poll.UntilAsync(() => Task.FromResult(Requests), requests => requests.Count >= count, $"{count} webhook request(s)");

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers;
            _received.Enqueue(new Received(headers["webhook-id"] ?? "", long.Parse(headers["webhook-timestamp"] ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                headers["webhook-signature"] ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
