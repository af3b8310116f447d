using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Usage;

namespace BudgetHub.Web.Tests.Features;

public sealed class UsageCsvTests
{
    [Theory]
    [InlineData("support-bot", "support-bot")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData("-1+1", "'-1+1")]
    public void Escape_QuotesAndDefusesFormulas(string value, string expected)
    {
        Assert.Equal(expected, UsageCsv.Escape(value));
    }

    [Fact]
    public void Build_NamesTheNoneRowAsThePageDoes_AndEndsTheBreakdownWithItsTotal()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var summary = new UsageSummary(from, from.AddDays(1), Granularity.Day, new UsageAmounts(300, 3, 1, 1_500_000, 3, 1), 1,
            [new UsageGroup("gpt-4o", new UsageAmounts(200, 2, 1, 1_500_000, 2, 0), 0), new UsageGroup(UsageGroup.NoneKey, new UsageAmounts(100, 1, 0, 0, 1, 1), 1)],
            []);

        var lines = UsageCsv.Build("Model", summary, [new ChartPoint(from, 1.5m, 300)], TimeZoneInfo.Utc).Split(Environment.NewLine);

        Assert.Equal(
            [
                "model,tokens,cost_usd,calls,messages,conversations,errors,unpriced_calls",
                "gpt-4o,200,1.5,2,2,1,0,0",
                "No model,100,0,1,1,0,1,1",
                "Total,300,1.5,3,3,1,1,1",
                "",
                "bucket_start,tokens,cost_usd",
                "2026-11-01T00:00:00+00:00,300,1.5",
                "",
            ],
            lines);
    }
}
