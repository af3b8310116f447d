using System.Collections.Concurrent;
using BudgetHub.Infrastructure.Live;
using Microsoft.AspNetCore.SignalR;

namespace BudgetHub.Web.Live;

/// <summary>
/// The one way live changes reach people. Writers mark an account's topics as changed (cheap, on
/// the hot path); a loop flushes them a few times a second to the hub group and to the pages open
/// in this process, so a burst of events becomes one refresh however fast they come. Pages are told
/// without waiting for them: a slow page delays only itself, and changes that come while it is still
/// refreshing make one more refresh when it is done.
/// </summary>
internal sealed class LiveNotifier(IHubContext<LiveHub> hub, ILogger<LiveNotifier> logger, TimeProvider clock) : BackgroundService, ILiveUpdates
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<long, int> _pending = new();
    private readonly ConcurrentDictionary<long, ImmutableSubscribers> _subscribers = new();

    public void Publish(long accountId, LiveTopics topics) =>
        _pending.AddOrUpdate(accountId, (int)topics, (_, existing) => existing | (int)topics);

    /// <summary>Calls <paramref name="onChange"/> after changes of <paramref name="topics"/> in the account, until disposed.</summary>
    public IDisposable Subscribe(long accountId, LiveTopics topics, Func<LiveTopics, Task> onChange)
    {
        var subscription = new Subscription(this, accountId, topics, onChange);
        _subscribers.AddOrUpdate(accountId, _ => new([subscription]), (_, list) => list.Add(subscription));
        return subscription;
    }

    private void Unsubscribe(Subscription subscription) =>
        _subscribers.AddOrUpdate(subscription.AccountId, _ => new([]), (_, list) => list.Remove(subscription));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var accountId in _pending.Keys)
            {
                if (_pending.TryRemove(accountId, out var topics))
                {
                    await FlushAsync(accountId, (LiveTopics)topics);
                }
            }
        }
    }

    private async Task FlushAsync(long accountId, LiveTopics topics)
    {
        try
        {
            var group = hub.Clients.Group(LiveHub.GroupOf(accountId));
            foreach (var topic in Enum.GetValues<LiveTopics>().Where(t => t is not LiveTopics.None and not LiveTopics.All && topics.HasFlag(t)))
            {
                await group.SendAsync(topic.ToString().ToLowerInvariant(), new { accountId, at = clock.GetUtcNow() });
            }

            if (_subscribers.TryGetValue(accountId, out var subscribers))
            {
                foreach (var subscription in subscribers.Items.Where(s => (s.Topics & topics) != 0))
                {
                    subscription.Notify(topics & subscription.Topics);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Live update for account {AccountId} failed", accountId);
        }
    }

    private void PageUpdateFailed(Exception ex, long accountId) =>
        logger.LogWarning(ex, "A page's live update for account {AccountId} failed", accountId);

    private sealed record ImmutableSubscribers(System.Collections.Immutable.ImmutableArray<Subscription> Items)
    {
        public ImmutableSubscribers Add(Subscription s) => new(Items.Add(s));

        public ImmutableSubscribers Remove(Subscription s) => new(Items.Remove(s));
    }

    private sealed class Subscription(LiveNotifier owner, long accountId, LiveTopics topics, Func<LiveTopics, Task> onChange) : IDisposable
    {
        private int _waiting;
        private int _running;

        public long AccountId { get; } = accountId;
        public LiveTopics Topics { get; } = topics;

        public void Notify(LiveTopics changed)
        {
            Interlocked.Or(ref _waiting, (int)changed);
            if (Interlocked.Exchange(ref _running, 1) == 0)
            {
                _ = RunAsync();
            }
        }

        private async Task RunAsync()
        {
            do
            {
                var changed = (LiveTopics)Interlocked.Exchange(ref _waiting, 0);
                try
                {
                    await onChange(changed);
                }
                catch (ObjectDisposedException)
                {
                    // The page's circuit went away between the flush and the call.
                }
                catch (Exception ex)
                {
                    owner.PageUpdateFailed(ex, AccountId);
                }

                Volatile.Write(ref _running, 0);
            }
            while (Volatile.Read(ref _waiting) != 0 && Interlocked.Exchange(ref _running, 1) == 0);
        }

        public void Dispose() => owner.Unsubscribe(this);
    }
}
