using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Tests.Features;

/// <summary>The API refuses a field that the policy's scope, window or kind does not have; the budget dialog never sends one.</summary>
public sealed class PolicyFormTests
{
    [Fact]
    public void ToInput_LeavesOutWhatTheChosenScopeAndWindowDoNotHave()
    {
        var form = new PolicyForm { ScopeType = ScopeType.Bot, ScopeId = "support-bot", Limit = 5, Window = WindowChoice.Rolling };
        form.ScopeType = ScopeType.Account;

        var rolling = form.ToInput();
        form.Window = WindowChoice.Day;
        var fixedWindow = form.ToInput();

        Assert.Equal((PolicyKind.Usage, null, null), (rolling.Kind, rolling.ScopeId, rolling.MaxAge));
        Assert.Equal((null, "PT1H"), (rolling.WindowUnit, rolling.RollingDuration));
        Assert.Equal(("day", null), (fixedWindow.WindowUnit, fixedWindow.RollingDuration));
    }
}
