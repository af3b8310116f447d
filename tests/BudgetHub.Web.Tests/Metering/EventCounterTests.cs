using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// The writer decides from the counters an event was just counted into; readers (the check, "Why?")
/// look the same counters up. Both must always give the same values.
/// </summary>
public sealed class EventCounterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private readonly CounterStore _counters = new();
    private readonly AccountMeterState _state = new(1, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

    public EventCounterTests()
    {
        long id = 1;
        UsagePolicy Make(PolicyScope scope, Metric metric, long limit, WindowSpec window, PolicyFilter filter = default) =>
            new(id++, $"policy {id}", scope, metric, limit, window, [50, 80], PolicyAction.Warn, null, filter);

        _state.Policies = new PolicySet([
            .. Enum.GetValues<CalendarUnit>().Select(unit => Make(PolicyScope.Account, Metric.Tokens, 40_000, new WindowSpec.Fixed(unit))),
            Make(new PolicyScope(ScopeType.Team, "research"), Metric.Calls, 6, new WindowSpec.Fixed(CalendarUnit.Day)),
            Make(new PolicyScope(ScopeType.Bot, "helper"), Metric.Cost, 1_000, new WindowSpec.Fixed(CalendarUnit.Hour)),
            Make(new PolicyScope(ScopeType.Tier, "pro"), Metric.Tokens, 5_000, new WindowSpec.Fixed(CalendarUnit.Month)),
            Make(new PolicyScope(ScopeType.User, "u2"), Metric.Messages, 10, new WindowSpec.Fixed(CalendarUnit.Week)),
            Make(PolicyScope.Account, Metric.Tokens, 9_000, new WindowSpec.Fixed(CalendarUnit.Week), new PolicyFilter("GPT-4o", null)),
            Make(new PolicyScope(ScopeType.Bot, "helper"), Metric.Tokens, 8_000, new WindowSpec.Rolling(TimeSpan.FromMinutes(90)), new PolicyFilter(null, "chat")),
            Make(new PolicyScope(ScopeType.Team, "research"), Metric.Tokens, 7_000, new WindowSpec.Rolling(TimeSpan.FromHours(1))),
        ]);
    }

    public static TheoryData<int> EventOffsetsInMinutes() => [0, -1, -31, -120, -60 * 24 * 3, -60 * 24 * 40];

    [Theory]
    [MemberData(nameof(EventOffsetsInMinutes))]
    public void WhatAPolicyReadsWhileCounting_IsWhatALookupReads(int minutesAgo)
    {
        var counter = new EventCounter(_counters);
        var reader = new PolicyReader(_counters);
        var applicable = new List<(UsagePolicy Policy, ScopeInstance Instance)>();
        var counted = new List<CountedPolicy>();
        var bots = new[] { "helper", "writer" };
        var models = new[] { "gpt-4o", "claude-sonnet-4" };
        for (var i = 0; i < 40; i++)
        {
            var e = new UsageEventInput($"e{i}", null, bots[i % 2], $"u{i % 3}", i % 3 == 0 ? null : "pro", i % 4 == 0 ? null : "research",
                models[i % 2], Category: i % 5 == 0 ? "chat" : null, InputTokens: 300, OutputTokens: 100, Messages: 1);
            var timestamp = i % 3 == 2 ? Now.AddMinutes(minutesAgo) : Now;
            var subject = new EnforcementSubject(e.BotId, e.Team, e.UserId, e.Tier, e.Model, e.Category);
            _state.Policies.For(subject, matchFilters: true, applicable);

            counter.Count(_state, e, e.Team, timestamp, applicable, new UsageAmounts(400, 1, 0, 100, 1, 0), unpriced: false, Now, counted);

            for (var p = 0; p < applicable.Count; p++)
            {
                var (policy, instance) = applicable[p];
                var looked = reader.Evaluate(_state, policy, instance, Now).Value;
                Assert.True(!counted[p].IsCurrent || counted[p].ValueOf(policy.Metric, Now) == looked, $"{policy.Name} for {instance} after event {i}");
            }

            Assert.Equal(Ids(reader.Reached(_state, applicable, Now)), Ids(reader.Reached(_state, applicable, counted, Now)));
        }

        Assert.NotEmpty(reader.Reached(_state, _state.Policies.For(new EnforcementSubject("helper", "research", "u1", "pro", "gpt-4o", "chat"), matchFilters: true), Now));
    }

    [Fact]
    public void ALateEvent_CountsInItsOwnWindow_AndItsPoliciesAreLookedUpInTheCurrentOne()
    {
        var counter = new EventCounter(_counters);
        var applicable = _state.Policies.For(new EnforcementSubject("writer", null, null, null), matchFilters: true);
        var counted = new List<CountedPolicy>();

        counter.Count(_state, new UsageEventInput("late", null, "writer"), null, Now.AddHours(-2), applicable, new UsageAmounts(400, 1, 0, 0, 1, 0), false, Now, counted);

        var hourly = applicable.FindIndex(a => a.Policy.Window == new WindowSpec.Fixed(CalendarUnit.Hour));
        var monthly = applicable.FindIndex(a => a.Policy.Window == new WindowSpec.Fixed(CalendarUnit.Month));
        Assert.False(counted[hourly].IsCurrent);
        Assert.Equal(400, counted[monthly].ValueOf(Metric.Tokens, Now));
    }

    private static List<long> Ids(List<PolicyEvaluation> evaluations) => [.. evaluations.Select(e => e.Policy.Id)];
}
