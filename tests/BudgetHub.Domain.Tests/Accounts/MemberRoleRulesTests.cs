using BudgetHub.Domain.Accounts;

namespace BudgetHub.Domain.Tests.Accounts;

public sealed class MemberRoleRulesTests
{
    [Theory]
    [InlineData(MemberRole.Owner, MemberRole.Owner, true)]
    [InlineData(MemberRole.Owner, MemberRole.Admin, true)]
    [InlineData(MemberRole.Owner, MemberRole.Viewer, true)]
    [InlineData(MemberRole.Admin, MemberRole.Owner, false)]
    [InlineData(MemberRole.Admin, MemberRole.Admin, true)]
    [InlineData(MemberRole.Admin, MemberRole.Finance, true)]
    [InlineData(MemberRole.Finance, MemberRole.Viewer, false)]
    [InlineData(MemberRole.Viewer, MemberRole.Viewer, false)]
    public void MayGrantOrRevoke_OnlyAnOwnerMakesOrUnmakesAnOwner(MemberRole actor, MemberRole role, bool expected)
    {
        Assert.Equal(expected, actor.MayGrantOrRevoke(role));
    }
}
