using BudgetHub.Web.Features.Usage;

namespace BudgetHub.Web.Tests.Features;

/// <summary>The Usage page's Custom range: it asks for dates until it has both, and an end before the start is a field error.</summary>
public sealed class CustomRangeTests : MudBunitContext
{
    private static readonly DateTime Nov10 = new(2026, 11, 10, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Nov5 = new(2026, 11, 5, 0, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void CustomDates_WithNoDates_IsNotCompleteAndAsksForBoth()
    {
        Assert.False(CustomDates.None.IsComplete);
        Assert.Equal("Pick a start and an end date to see the usage of that range.", CustomDates.None.Prompt);
        Assert.Null(CustomDates.None.EndError);
    }

    [Theory]
    [InlineData(true, "Pick an end date as well to see the usage of that range.")]
    [InlineData(false, "Pick a start date as well to see the usage of that range.")]
    public void CustomDates_WithOneDate_IsNotCompleteAndAsksForTheOther(bool hasStart, string prompt)
    {
        var dates = hasStart ? new CustomDates(Nov10, null) : new CustomDates(null, Nov10);

        Assert.False(dates.IsComplete);
        Assert.Equal(prompt, dates.Prompt);
        Assert.Null(dates.EndError);
    }

    [Fact]
    public void CustomDates_EndingBeforeTheStart_IsNotCompleteAndHasAnEndError()
    {
        var dates = new CustomDates(Nov10, Nov5);

        Assert.False(dates.IsComplete);
        Assert.Equal("The end date is before the start date.", dates.EndError);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void CustomDates_EndingOnOrAfterTheStart_IsComplete(int days)
    {
        Assert.True(new CustomDates(Nov5, Nov5.AddDays(days)).IsComplete);
    }

    [Fact]
    public void CustomRangeFields_EndBeforeStart_ShowsTheErrorOnTheEndField()
    {
        var cut = Render<CustomRangeFields>(p => p.Add(c => c.Dates, new CustomDates(Nov10, Nov5)));

        Assert.Equal("true", cut.Find("[data-testid=custom-end]").GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("[data-testid=custom-start]").GetAttribute("aria-invalid"));
        Assert.Contains("The end date is before the start date.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomRangeFields_DatesInOrder_ShowNoError()
    {
        var cut = Render<CustomRangeFields>(p => p.Add(c => c.Dates, new CustomDates(Nov5, Nov10)));

        Assert.Equal("false", cut.Find("[data-testid=custom-end]").GetAttribute("aria-invalid"));
        Assert.DoesNotContain("before the start date", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomRangeFields_PickingAStart_KeepsTheEnd()
    {
        CustomDates? changed = null;
        var cut = Render<CustomRangeFields>(p => p.Add(c => c.Dates, new CustomDates(null, Nov10)).Add(c => c.OnChange, d => changed = d));

        var start = cut.FindComponents<MudBlazor.MudDatePicker>()[0].Instance;
        await cut.InvokeAsync(() => start.DateChanged.InvokeAsync(Nov5));

        Assert.Equal(new CustomDates(Nov5, Nov10), changed);
    }

    [Fact]
    public void TheCalendars_StartWeeksOnMonday_AsBudgetWeeksDo()
    {
        var cut = Render<CustomRangeFields>(p => p.Add(c => c.Dates, CustomDates.None));

        Assert.All(cut.FindComponents<MudBlazor.MudDatePicker>(), picker => Assert.Equal(DayOfWeek.Monday, picker.Instance.FirstDayOfWeek));
    }
}
