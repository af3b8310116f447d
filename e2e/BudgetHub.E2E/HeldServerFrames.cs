using System.Text.RegularExpressions;

namespace BudgetHub.E2E;

/// <summary>
/// Stands between a page and its Blazor circuit: while held, the server's frames wait, in order, as on a slow network;
/// the page's own frames go through at once. Lets a test act in the gap a slow connection leaves.
/// </summary>
internal sealed partial class HeldServerFrames
{
    private readonly Lock _gate = new();
    private List<IWebSocketFrame>? _held;
    private IWebSocketRoute? _page;

    public static async Task<HeldServerFrames> RouteAsync(IPage page)
    {
        var frames = new HeldServerFrames();
        await page.RouteWebSocketAsync(BlazorHub(), route =>
        {
            frames._page = route;
            route.ConnectToServer().OnMessage(frames.OnServerFrame);
        });
        return frames;
    }

    public void Hold()
    {
        lock (_gate)
        {
            _held ??= [];
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            foreach (var frame in _held ?? [])
            {
                Forward(frame);
            }

            _held = null;
        }
    }

    private void OnServerFrame(IWebSocketFrame frame)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                _held.Add(frame);
            }
            else
            {
                Forward(frame);
            }
        }
    }

    private void Forward(IWebSocketFrame frame)
    {
        if (frame.Binary is { } binary)
        {
            _page!.Send(binary);
        }
        else
        {
            _page!.Send(frame.Text!);
        }
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();
}
