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
}
