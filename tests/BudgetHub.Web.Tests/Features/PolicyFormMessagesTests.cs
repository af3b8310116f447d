using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

public sealed class PolicyFormMessagesTests
{
    private static readonly string[] ApiWords = ["ISO", "PT", "P30D", "P31D", "null", "blockFor", "scope.", "http(s)", "[0]"];

    [Fact]
    public void Of_RewordsEveryErrorTheDialogCanCause_WithoutTheApisWords()
    {
        var input = new PolicyInput
        {
            Name = "Refused", ScopeType = ScopeType.Bot, ScopeId = "", Limit = 5, WindowUnit = null, RollingDuration = "", Action = PolicyAction.Block,
            BlockFor = "", WebhookUrl = "hooks.example.com", FilterModel = new string('m', 130), FilterCategory = new string('c', 130),
        };
        var errors = PolicyValidator.Validate(input);
        errors["maxAge"] = ["Required: an ISO 8601 duration of at least one hour, e.g. P30D."];

        var plain = PolicyFormMessages.Of(errors, "Bot id");

        Assert.Equal(["blockFor", "filter.category", "filter.model", "maxAge", "notify.webhookUrl", "scope.id", "window.duration"], plain.Keys.Order(StringComparer.Ordinal));
        Assert.All(plain.Values.SelectMany(v => v), message => Assert.All(ApiWords, word => Assert.DoesNotContain(word, message, StringComparison.Ordinal)));
        Assert.Equal("Enter the bot id: 1 to 128 characters.", Assert.Single(plain["scope.id"]));
    }

    [Fact]
    public void Of_LeavesPlainMessagesAsTheyAre()
    {
        var errors = new Dictionary<string, string[]> { ["limit"] = ["Must be 0 or more (0 means no limit)."] };

        Assert.Equal(errors["limit"], PolicyFormMessages.Of(errors)["limit"]);
    }
}
