namespace BudgetHub.Domain.Accounts;

/// <summary>A member's role in one account, from most to least powerful.</summary>
public enum MemberRole
{
    Owner = 0,
    Admin = 1,
    Finance = 2,
    Viewer = 3,
}

public static class MemberRoleRules
{
    public static bool CanManageAccount(this MemberRole role) => role is MemberRole.Owner or MemberRole.Admin;

    public static bool CanManageBudgets(this MemberRole role) => role is MemberRole.Owner or MemberRole.Admin or MemberRole.Finance;

    /// <summary>
    /// May <paramref name="actor"/> give someone <paramref name="role"/> (by invitation or a role change), or change or
    /// remove a member who has it? Owners and Admins manage members, but only an Owner makes or unmakes an Owner.
    /// </summary>
    public static bool MayGrantOrRevoke(this MemberRole actor, MemberRole role) =>
        actor.CanManageAccount() && (role != MemberRole.Owner || actor == MemberRole.Owner);
}
