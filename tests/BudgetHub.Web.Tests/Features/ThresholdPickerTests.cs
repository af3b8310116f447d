using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

public sealed class ThresholdPickerTests : MudBunitContext
{
    [Fact]
    public void ThresholdPicker_EachChip_HasAFocusableRemoveButtonNamedForItsPercentage()
    {
        var thresholds = new SortedSet<int> { 50, 75, 90 };
        var changed = 0;
        var cut = Render<ThresholdPicker>(p => p
            .Add(c => c.Thresholds, thresholds)
            .Add(c => c.ThresholdsChanged, () => changed++));

        var remove = cut.Find("[data-testid=threshold-50] button[aria-label='Remove 50%']");
        Assert.NotEqual("-1", remove.GetAttribute("tabindex"));
        Assert.NotNull(cut.Find("[data-testid=threshold-90] button[aria-label='Remove 90%']"));

        remove.Click();

        Assert.Equal([75, 90], thresholds);
        Assert.Equal(1, changed);
    }
}
