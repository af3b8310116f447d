using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Tests.Common;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("a\0b")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("\u001f")]
    [InlineData("del\u007f")]
    [InlineData("c1\u009f")]
    public void ControlCharacters_AreFound(string text) => Assert.True(PlainText.HasControlCharacters(text));

    [Theory]
    [InlineData("")]
    [InlineData("support-bot")]
    [InlineData("Zoë's bot ✓ 🤖")]
    [InlineData("\u00a0non-breaking space")]
    [InlineData("\u00a0")]
    public void PrintableText_HasNone(string text) => Assert.False(PlainText.HasControlCharacters(text));
}
