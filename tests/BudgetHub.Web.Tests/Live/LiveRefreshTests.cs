using System.Security.Claims;
using System.Threading.Channels;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BudgetHub.Web.Tests.Live;

/// <summary>The invisible component through which pages refresh live, on a fake clock that also drives the notifier's flushes.</summary>
public sealed class LiveRefreshTests : MudBunitContext
{
    private const long Account = 1;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public LiveRefreshTests()
    {
        Services.AddLogging();
        Services.AddSignalR();
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<LiveNotifier>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("finance@example.com");
        authorization.SetClaims(new Claim(AccountClaims.AccountId, Account.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task AtMostEvery_AChangeSoonAfterARefresh_WaitsOutTheInterval_ThenRefreshesOnce()
    {
        var notifier = Services.GetRequiredService<LiveNotifier>();
        await notifier.StartAsync(CancellationToken.None);
        var refreshes = new List<LiveTopics>();
        var cut = Render<LiveRefresh>(p => p
            .Add(c => c.Topics, LiveTopics.Counters | LiveTopics.Alert)
            .Add(c => c.OnChange, (LiveTopics changed) => refreshes.Add(changed))
            .Add(c => c.AtMostEvery, TimeSpan.FromSeconds(1)));
        // Subscribed after the page, so told after it in each flush: once it has heard of a change, so has the page.
        var heard = Channel.CreateUnbounded<LiveTopics>();
        using var probe = notifier.Subscribe(Account, LiveTopics.Counters | LiveTopics.Alert, changed => heard.Writer.WriteAsync(changed).AsTask());

        notifier.Publish(Account, LiveTopics.Counters);
        await FlushUntilHeardAsync(heard);
        cut.WaitForAssertion(() => Assert.Equal([LiveTopics.Counters], refreshes), Deadline);

        notifier.Publish(Account, LiveTopics.Alert);
        _clock.Advance(LiveNotifier.FlushInterval);
        Assert.Equal(LiveTopics.Alert, await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline));
        Assert.Equal([LiveTopics.Counters], refreshes);

        _clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal([LiveTopics.Counters, LiveTopics.Alert], refreshes), Deadline);
        await notifier.StopAsync(CancellationToken.None);
    }

    /// <summary>The notifier's loop starts on a thread of its own: time passes a flush at a time until the probe hears the first change.</summary>
    private async Task FlushUntilHeardAsync(Channel<LiveTopics> heard)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!heard.Reader.TryRead(out _))
        {
            _clock.Advance(LiveNotifier.FlushInterval);
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
