using BudgetHub.Domain.Budgets;

namespace BudgetHub.Domain.Tests.Budgets;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("gpt-4o", "GPT-4o")]
    [InlineData("gpt-4o", "openai/gpt-4o")]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("gpt-4o", "gpt-4o-2024-08-06")]
    [InlineData("gpt-4o", "openai/gpt-4o-2024-08-06")]
    [InlineData("claude-3-5-sonnet", "claude-3-5-sonnet-20241022")]
    [InlineData("gpt-4", "gpt-4-0613")]
    [InlineData("gemini-1.5-pro", "gemini-1.5-pro-001")]
    public void TheSameModel_Matches(string filter, string model) => Assert.True(ModelNames.Same(filter, model));

    [Theory]
    [InlineData("gpt-4o", "gpt-4o-mini")]
    [InlineData("gpt-4o", "gpt-4o-mini-2024-07-18")]
    [InlineData("llama-3", "llama-3-70b")]
    [InlineData("gpt-4", "gpt-4-1106-preview")]
    [InlineData("gpt-4o", "gpt-4")]
    [InlineData("gpt-4o", "gpt-4o-")]
    [InlineData("gpt-4o", "gpt-4o-12")]
    [InlineData("gpt-4o", null)]
    public void AnotherModel_DoesNot(string filter, string? model) => Assert.False(ModelNames.Same(filter, model));
}
