using BudgetHub.Infrastructure.Live;
using BudgetHub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetHub.Web.Tests.Live;

/// <summary>Pages get live updates without waiting on each other, and a busy page gets one more refresh, not a queue.</summary>
public sealed class LiveNotifierTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddSignalR().Services.BuildServiceProvider();
    private LiveNotifier _notifier = null!;

    public async Task InitializeAsync()
    {
        _notifier = new LiveNotifier(_services.GetRequiredService<IHubContext<LiveHub>>(), NullLogger<LiveNotifier>.Instance, TimeProvider.System);
        await _notifier.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(Deadline);
        await _notifier.StopAsync(stopping.Token);
        _notifier.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task APageThatNeverFinishesItsRefresh_DoesNotHoldUpOtherPages()
    {
        var stuckCalled = new TaskCompletionSource();
        using var stuck = _notifier.Subscribe(1, LiveTopics.Counters, _ =>
        {
            stuckCalled.TrySetResult();
            return new TaskCompletionSource().Task;
        });
        var otherAccount = new TaskCompletionSource<LiveTopics>();
        using var other = _notifier.Subscribe(2, LiveTopics.Counters, changed =>
        {
            otherAccount.TrySetResult(changed);
            return Task.CompletedTask;
        });

        _notifier.Publish(1, LiveTopics.Counters);
        await stuckCalled.Task.WaitAsync(Deadline);
        _notifier.Publish(2, LiveTopics.Counters);

        Assert.Equal(LiveTopics.Counters, await otherAccount.Task.WaitAsync(Deadline));
    }

    [Fact]
    public async Task ChangesDuringARefresh_MakeOneMoreRefreshWithAllOfThem()
    {
        var release = new TaskCompletionSource();
        var calls = new List<LiveTopics>();
        var firstCall = new TaskCompletionSource();
        var secondCall = new TaskCompletionSource();
        using var page = _notifier.Subscribe(1, LiveTopics.Counters | LiveTopics.Alert | LiveTopics.Bot, async changed =>
        {
            lock (calls)
            {
                calls.Add(changed);
            }

            if (!firstCall.TrySetResult())
            {
                secondCall.TrySetResult();
            }

            await release.Task;
        });

        // Subscribed after the page, so told after it in each flush: once it has heard of a change, so has the page.
        var heard = new Dictionary<LiveTopics, TaskCompletionSource> { [LiveTopics.Alert] = new(), [LiveTopics.Bot] = new() };
        using var probe = _notifier.Subscribe(1, LiveTopics.Alert | LiveTopics.Bot, changed =>
        {
            foreach (var (topic, done) in heard.Where(h => changed.HasFlag(h.Key)))
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });

        _notifier.Publish(1, LiveTopics.Counters);
        await firstCall.Task.WaitAsync(Deadline);
        _notifier.Publish(1, LiveTopics.Alert);
        await heard[LiveTopics.Alert].Task.WaitAsync(Deadline);
        _notifier.Publish(1, LiveTopics.Bot);
        await heard[LiveTopics.Bot].Task.WaitAsync(Deadline);
        release.SetResult();
        await secondCall.Task.WaitAsync(Deadline);

        lock (calls)
        {
            Assert.Equal([LiveTopics.Counters, LiveTopics.Alert | LiveTopics.Bot], calls);
        }
    }
}
