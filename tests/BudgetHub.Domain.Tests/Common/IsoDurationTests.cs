using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Tests.Common;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT1H", 3600)]
    [InlineData("PT30M", 1800)]
    [InlineData("P7D", 604800)]
    [InlineData("P1W", 604800)]
    [InlineData("P1DT2H3M4S", 93784)]
    public void TryParse_ReadsFixedLengthDurations(string text, int seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1M")]
    [InlineData("1H")]
    [InlineData("PT1.5H")]
    [InlineData("-PT1H")]
    [InlineData(null)]
    public void TryParse_RefusesWhatIsNotAFixedDuration(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("P1M", true)]
    [InlineData("P1Y", true)]
    [InlineData("P1Y2M10DT2H", true)]
    [InlineData("PT30M", false)]
    [InlineData("P30D", false)]
    [InlineData("month", false)]
    [InlineData(null, false)]
    public void HasMonthsOrYears_SpotsCalendarLengths_OnlyBeforeTheTime(string? text, bool expected)
    {
        Assert.Equal(expected, IsoDuration.HasMonthsOrYears(text));
    }

    [Theory]
    [InlineData(3600, "PT1H")]
    [InlineData(5400, "PT1H30M")]
    [InlineData(604800, "P7D")]
    public void Format_WritesTheShortestForm(int seconds, string expected)
    {
        Assert.Equal(expected, IsoDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("hour", "this hour")]
    [InlineData("day", "today")]
    [InlineData("week", "this week")]
    [InlineData("month", "this month")]
    [InlineData("PT1H", "in the last hour")]
    [InlineData("PT90M", "in the last 90 min")]
    [InlineData("PT3H", "in the last 3 hours")]
    [InlineData("P1D", "in the last day")]
    [InlineData("PT1M", "in the last minute")]
    [InlineData("P7D", "in the last 7 days")]
    public void AWindowsPhrase_ReadsAsASentence_NotAnIsoDuration(string label, string phrase)
    {
        var window = WindowSpec.FromLabel(label);

        Assert.NotNull(window);
        Assert.Equal(window, WindowSpec.FromLabel(window.Label));
        Assert.Equal(phrase, window.Phrase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("fortnight")]
    [InlineData("PT30S")]
    [InlineData("PT90S")]
    public void ALabelThatNamesNoWindow_GivesNone(string label) => Assert.Null(WindowSpec.FromLabel(label));
}
