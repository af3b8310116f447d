using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

public sealed class TierSpellingTests
{
    private static readonly PolicyRecord ProTemplate = new() { Name = "Pro monthly spend", Kind = PolicyKind.Usage, ScopeType = ScopeType.Tier, ScopeKey = "pro" };

    private static PolicyInput Template(string tier) => new() { Name = "Pro daily tokens", ScopeType = ScopeType.Tier, ScopeId = tier, Limit = 1000, WindowUnit = "day" };

    [Theory]
    [InlineData("Pro")]
    [InlineData(" PRO ")]
    public void Clash_ATierAnotherTemplateSpellsInAnotherCase_NamesThatTemplateAndItsSpelling(string tier)
    {
        var clash = TierSpelling.Clash(Template(tier), [ProTemplate]);

        Assert.Equal("The template \"Pro monthly spend\" already spells this tier \"pro\". Tier labels match in any case: write \"pro\", so the tier has one name.", clash);
    }

    [Fact]
    public void Clash_TheSameSpelling_AnotherTier_OrAnotherScope_IsNone()
    {
        PolicyRecord botPro = new() { Name = "Bot Pro", Kind = PolicyKind.Usage, ScopeType = ScopeType.Bot, ScopeKey = "Pro" };

        Assert.Null(TierSpelling.Clash(Template("pro"), [ProTemplate]));
        Assert.Null(TierSpelling.Clash(Template("Free"), [ProTemplate]));
        Assert.Null(TierSpelling.Clash(Template("Pro"), [botPro]));
        Assert.Null(TierSpelling.Clash(Template("Pro") with { ScopeType = ScopeType.User }, [ProTemplate]));
    }

    [Fact]
    public void Clash_FoldsCaseBeyondAscii()
    {
        PolicyRecord elite = new() { Name = "Élite daily", Kind = PolicyKind.Usage, ScopeType = ScopeType.Tier, ScopeKey = "élite" };

        Assert.NotNull(TierSpelling.Clash(Template("ÉLITE"), [elite]));
    }

    [Fact]
    public void TheDialog_ShowsTheClashAsItIs_UnderTheTierField()
    {
        var errors = new Dictionary<string, string[]> { ["scope.id"] = [TierSpelling.Clash(Template("Pro"), [ProTemplate])!] };

        Assert.Equal(errors["scope.id"], PolicyFormMessages.Of(errors, "Tier label")["scope.id"]);
    }
}
