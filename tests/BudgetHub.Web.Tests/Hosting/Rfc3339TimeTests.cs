using System.Globalization;
using System.Text;
using BudgetHub.Web.Hosting;

namespace BudgetHub.Web.Tests.Hosting;

public sealed class Rfc3339TimeTests
{
    [Theory]
    [InlineData("2026-11-24T16:00:00Z", "2026-11-24T16:00:00.0000000+00:00")]
    [InlineData("2026-11-24T16:00:00.5Z", "2026-11-24T16:00:00.5000000+00:00")]
    [InlineData("2026-11-24T16:00:00.1234567Z", "2026-11-24T16:00:00.1234567+00:00")]
    [InlineData("2026-11-24T16:00:00.12345678Z", "2026-11-24T16:00:00.1234567+00:00")]
    [InlineData("2026-11-24T16:00:00.123456789Z", "2026-11-24T16:00:00.1234567+00:00")]
    [InlineData("2026-11-24T16:00:00.999999999+00:00", "2026-11-24T16:00:00.9999999+00:00")]
    [InlineData("2026-11-24t16:00:00z", "2026-11-24T16:00:00.0000000+00:00")]
    [InlineData("2026-11-24T16:00:00.123456789-05:30", "2026-11-24T16:00:00.1234567-05:30")]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T23:59:59.0000000+14:00")]
    public void Parse_ReadsRfc3339_WithUpToNineFractionDigits_TruncatedToTicks(string text, string expected)
    {
        Assert.Equal(TimeProblem.None, Rfc3339Time.Parse(Encoding.UTF8.GetBytes(text), out var time));

        Assert.Equal(DateTimeOffset.ParseExact(expected, "O", CultureInfo.InvariantCulture), time);
        Assert.Equal(expected[^6..], time.ToString("zzz", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-24T16:00Z", nameof(TimeProblem.NoSeconds))]
    [InlineData("2026-11-24T16:00+02:00", nameof(TimeProblem.NoSeconds))]
    [InlineData("2026-11-24T16:00", nameof(TimeProblem.NoSeconds))]
    [InlineData("2026-11-24T16:00:00", nameof(TimeProblem.NoOffset))]
    [InlineData("2026-11-24T16:00:00.123", nameof(TimeProblem.NoOffset))]
    [InlineData("2026-11-24T16:00:00.1234567891Z", nameof(TimeProblem.TooManyFractionDigits))]
    [InlineData("2026-02-29T16:00:00Z", nameof(TimeProblem.OutOfRange))]
    [InlineData("2026-11-24T24:00:00Z", nameof(TimeProblem.OutOfRange))]
    [InlineData("2026-11-24T16:00:60Z", nameof(TimeProblem.OutOfRange))]
    [InlineData("2026-11-24T16:00:00+15:00", nameof(TimeProblem.OutOfRange))]
    [InlineData("2026-11-24T16:00:00+01:60", nameof(TimeProblem.OutOfRange))]
    [InlineData("0001-01-01T00:00:00+01:00", nameof(TimeProblem.OutOfRange))]
    [InlineData("2026-11-24T16:00:00.Z", nameof(TimeProblem.NotATime))]
    [InlineData("2026-11-24 16:00:00Z", nameof(TimeProblem.NotATime))]
    [InlineData("2026-11-24T16:00:00+0200", nameof(TimeProblem.NotATime))]
    [InlineData("2026-11-24T16:00:00ZZ", nameof(TimeProblem.NotATime))]
    [InlineData("2026-11-24", nameof(TimeProblem.NotATime))]
    [InlineData("yesterday", nameof(TimeProblem.NotATime))]
    [InlineData("", nameof(TimeProblem.NotATime))]
    public void Parse_SaysWhatIsWrong(string text, string problem)
    {
        Assert.Equal(problem, Rfc3339Time.Parse(Encoding.UTF8.GetBytes(text), out _).ToString());
    }

    [Fact]
    public void Parse_AllocatesNothing()
    {
        var text = "2026-11-24T16:00:00.123456789+02:00"u8.ToArray();
        Rfc3339Time.Parse(text, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Rfc3339Time.Parse(text, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
