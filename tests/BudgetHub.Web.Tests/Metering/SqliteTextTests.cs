using System.Globalization;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

public sealed class SqliteTextTests
{
    public static TheoryData<string> Times() =>
    [
        "2026-11-23T10:15:00.0000000Z",
        "2026-11-23T10:15:07.5000000Z",
        "2026-11-23T10:15:07.1234567Z",
        "2026-11-23T10:15:07.0000001Z",
        "2026-11-23T10:15:07.1200000+05:30",
        "2000-01-01T00:00:00.0000000-12:00",
        "9999-12-31T23:59:59.9999999Z",
        "0001-01-01T00:00:00.0100000Z",
    ];

    [Theory]
    [MemberData(nameof(Times))]
    public void Time_IsWrittenExactlyAsEfCoreWritesIt(string iso)
    {
        var value = DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

        Assert.Equal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), SqliteText.Time(value));
    }

    [Fact]
    public void Time_MatchesTheFrameworkFormat_ForRandomInstants()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 10_000; i++)
        {
            var value = new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero);

            Assert.Equal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), SqliteText.Time(value));
        }
    }
}
