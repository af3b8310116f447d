using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Tests.Common;

public sealed class MoneyAndIdsTests
{
    [Fact]
    public void Money_RoundTripsThroughMicroUsd()
    {
        Assert.Equal(12_300, Money.ToMicros(0.0123m));
        Assert.Equal(0.0123m, Money.ToUsd(12_300));
    }

    [Fact]
    public void Money_RoundsHalfAwayFromZero()
    {
        Assert.Equal(1, Money.ToMicros(0.0000005m));
    }

    [Theory]
    [InlineData(46_200, 50_000, "$0.046")]
    [InlineData(49_999, 50_000, "$0.049")]
    [InlineData(50_001, 50_000, "$0.050001")]
    [InlineData(50_000, 50_000, "$0.05")]
    [InlineData(99_996_000, 100_000_000, "$99.996")]
    [InlineData(12_345_000, 50_000_000, "$12.35")]
    [InlineData(210, 50_000, "$0.00021")]
    public void Money_BesideALimit_HasTheDigitsToTellThemApart(long micros, long limitMicros, string expected)
    {
        Assert.Equal(expected, Money.Format(micros, limitMicros));
    }

    [Theory]
    [InlineData("pol_3", true, 3)]
    [InlineData("pol_0", false, 0)]
    [InlineData("pol_", false, 0)]
    [InlineData("alr_3", false, 0)]
    [InlineData("pol_-3", false, 0)]
    [InlineData("pol_3x", false, 0)]
    [InlineData("pol_07", false, 0)]
    public void PublicId_ParsesOnlyItsOwnPrefix(string text, bool valid, long id)
    {
        Assert.Equal(valid, PublicId.TryParse("pol", text, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData(MemberRole.Owner, true, true)]
    [InlineData(MemberRole.Admin, true, true)]
    [InlineData(MemberRole.Finance, false, true)]
    [InlineData(MemberRole.Viewer, false, false)]
    public void Roles_GrantWhatTheyShould(MemberRole role, bool manageAccount, bool manageBudgets)
    {
        Assert.Equal(manageAccount, role.CanManageAccount());
        Assert.Equal(manageBudgets, role.CanManageBudgets());
    }

    [Theory]
    [InlineData("a", 128, true)]
    [InlineData("a", 129, false)]
    [InlineData("🤖", 128, true)]
    [InlineData("🤖", 129, false)]
    public void IdLength_CountsCharacters_NotUtf16Units(string character, int count, bool within)
    {
        var id = string.Concat(Enumerable.Repeat(character, count));

        Assert.Equal(within, IdLength.IsWithinMax(id));
        Assert.Equal(count, IdLength.Characters(id));
    }
}
