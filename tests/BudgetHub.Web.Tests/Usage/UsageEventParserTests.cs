using BudgetHub.Web.Features.Usage;

namespace BudgetHub.Web.Tests.Usage;

public sealed class UsageEventParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_AnEventsTimestamp_AllocatesNothingMore()
    {
        var without = """{"id":"e1","botId":"b"}"""u8.ToArray();
        var with = """{"id":"e1","botId":"b","timestamp":"2026-11-24T16:00:00.123456789+02:00"}"""u8.ToArray();
        Assert.True(UsageEventParser.Parse(with, Now).IsValid);
        Allocated(without);

        Assert.Equal(Allocated(without), Allocated(with));
    }

    [Fact]
    public void Parse_AnEscapedTimestamp_IsReadLikeAPlainOne()
    {
        var parsed = UsageEventParser.Parse("""{"id":"e1","botId":"b","timestamp":"2026-11-24T16:00:00.5\u005a"}"""u8.ToArray(), Now);

        Assert.True(parsed.IsValid);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, 500, TimeSpan.Zero), Assert.Single(parsed.Events).Timestamp);
    }

    private static long Allocated(byte[] body)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        UsageEventParser.Parse(body, Now);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
