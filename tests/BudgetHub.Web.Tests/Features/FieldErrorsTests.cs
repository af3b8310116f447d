using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

public sealed class FieldErrorsTests
{
    private static readonly FieldErrors Errors = new(new Dictionary<string, string[]>
    {
        ["name"] = ["Taken."],
        ["notify.recipients[1]"] = ["Not an email address."],
        ["limit"] = ["0 or more."],
    });

    [Fact]
    public void Without_DropsTheFieldsMessages_AndThoseOfItsItems_KeepingTheOthers()
    {
        var left = Errors.Without("name", "notify.recipients");

        Assert.False(left.Has("name"));
        Assert.False(left.Has("notify.recipients"));
        Assert.Equal("0 or more.", left.For("limit"));
        Assert.Equal("Recipient 2: Not an email address.", Errors.For("notify.recipients"));
    }

    [Fact]
    public void Without_AFieldWithNoError_ChangesNothing() => Assert.Same(Errors, Errors.Without("window.unit"));
}
