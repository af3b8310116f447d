using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Usage;
using BudgetHub.Web.Hosting;
using BudgetHub.Web.Live;
using BudgetHub.Web.Tests.Metering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Features;

/// <summary>The Usage page's loads overlap (a live update while a range is picked); the latest one started is what it shows.</summary>
public sealed class UsageLoadOrderTests : MudBunitContext
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ALiveReloadOfTheOldRange_FinishingAfterTheNewRangesLoad_DoesNotShowTheOldRange()
    {
        await using var harness = await MeterHarness.StartAsync(Monday);
        await harness.Meter.RecordAsync(harness.AccountId, [new UsageEventInput("older", Monday.AddDays(-10), "older-bot", InputTokens: 100)]);
        await harness.RecordAsync("today-bot", 100);
        var meter = HeldFlushMeter.Around(harness.Meter);
        Render(harness, meter.AsMeter);
        var cut = Render<UsagePage>();
        PickRange(cut, "30 days");
        cut.WaitForAssertion(() => Assert.Contains("older-bot", Breakdown(cut), StringComparison.Ordinal));

        // A live update reloads the 30 days: its first report (this month's unpriced events) goes through, the next one,
        // of the range it has read by then, is held; the load of the range picked meanwhile is not.
        var held = meter.HoldOne(after: 1);
        var liveReload = cut.InvokeAsync(() => cut.FindComponent<LiveRefresh>().Instance.OnChange.InvokeAsync(LiveTopics.Counters));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        PickRange(cut, "Today");
        cut.WaitForAssertion(() => Assert.DoesNotContain("older-bot", Breakdown(cut), StringComparison.Ordinal));

        held.Release();
        await liveReload.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("today-bot", Breakdown(cut), StringComparison.Ordinal);
        Assert.DoesNotContain("older-bot", Breakdown(cut), StringComparison.Ordinal);
        Assert.Equal("Spend (USD) per hour", cut.Find("[data-testid=chart-title]").TextContent);
    }

    private void Render(MeterHarness harness, IUsageMeter meter)
    {
        Services.AddLogging();
        Services.AddSignalR();
        Services.AddSingleton<LiveNotifier>();
        Services.AddSingleton<TimeProvider>(harness.Clock);
        Services.AddSingleton(meter);
        Services.AddSingleton(harness.Policies);
        Services.AddSingleton(new UsageQueries(harness.Db, meter));
        var authorization = AddAuthorization();
        authorization.SetAuthorized("finance@example.com");
        authorization.SetPolicies([Policies.Member]);
        authorization.SetClaims(new Claim(AccountClaims.AccountId, harness.AccountId.ToString(CultureInfo.InvariantCulture)));
        // Not interactive: the live updates are the test's own call below, not the notifier's.
        SetRendererInfo(new RendererInfo("Server", isInteractive: false));
    }

    private static void PickRange(IRenderedComponent<UsagePage> cut, string range) =>
        cut.WaitForElements(".mud-toggle-item").Single(item => item.TextContent.Trim() == range).Click();

    private static string Breakdown(IRenderedComponent<UsagePage> cut) => cut.Find("[data-testid=breakdown-table]").TextContent;

    /// <summary>The real meter, except that one report's flush of the counters can be held: the load of that report then waits there.</summary>
    public class HeldFlushMeter : DispatchProxy
    {
        private IUsageMeter _meter = default!;
        private Hold? _hold;

        public static HeldFlushMeter Around(IUsageMeter meter)
        {
            var proxy = (HeldFlushMeter)(object)Create<IUsageMeter, HeldFlushMeter>();
            proxy._meter = meter;
            return proxy;
        }

        public IUsageMeter AsMeter => (IUsageMeter)(object)this;

        /// <summary>Lets <paramref name="after"/> flushes through, then holds the next one until released; those after it go through.</summary>
        public Hold HoldOne(int after) => _hold = new Hold(after);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IUsageMeter.StoreCountersAsync) && _hold is { } hold
                ? hold.ThenAsync(() => _meter.StoreCountersAsync())
                : targetMethod.Invoke(_meter, args);

        public sealed class Hold(int passing)
        {
            private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _seen;

            public Task Reached => _reached.Task;

            public void Release() => _released.TrySetResult();

            public async Task ThenAsync(Func<Task> flush)
            {
                if (Interlocked.Increment(ref _seen) == passing + 1)
                {
                    _reached.TrySetResult();
                    await _released.Task;
                }

                await flush();
            }
        }
    }
}
