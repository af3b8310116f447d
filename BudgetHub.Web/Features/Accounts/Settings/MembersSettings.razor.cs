using System.Net.Mail;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BudgetHub.Web.Features.Accounts.Settings;

public sealed partial class MembersSettings
{
    private const string LastOwnerRemoveHint = "The only Owner can't be removed: an account needs at least one Owner. Make someone else Owner first.";
    private const string LastOwnerRoleHint = "The only Owner keeps this role: an account needs at least one Owner. Make someone else Owner first.";
    private const string OwnersOnlyHint = "Only an Owner can change or remove an Owner.";

    private IReadOnlyList<MemberRole> _rolesYouMayGive = [];
    private MemberRole? _yourRole;

    private IReadOnlyList<MemberView>? _members;
    private IReadOnlyList<Invitation> _invitations = [];
    private MudForm? _inviteForm;
    private string _inviteEmail = "";
    private int _invitationsSent;
    private MemberRole _inviteRole = MemberRole.Viewer;
    private string? _lastInviteLink;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private MembershipService Memberships { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private UsageQueries Queries { get; set; } = default!;

    protected override async Task OnAccountReadyAsync()
    {
        _yourRole = User.FindRole();
        _rolesYouMayGive = RolesGivenBy(_yourRole);
        _zone = await Queries.ZoneOfAsync(AccountId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _members = await Memberships.ListMembersAsync(AccountId);
        _invitations = await Memberships.ListPendingInvitationsAsync(AccountId);
    }

    /// <summary>
    /// The account's only Owner can be neither removed nor given another role; the controls say so up front
    /// instead of after a confirmation. The membership service refuses it too, for a list that is out of date.
    /// </summary>
    private bool IsLastOwner(MemberView member) => member.Role == MemberRole.Owner && _members?.Count(m => m.Role == MemberRole.Owner) == 1;

    /// <summary>Why this member's role cannot be changed from here, or null when it can.</summary>
    private string? RoleLockedBecause(MemberView member) => IsLastOwner(member) ? LastOwnerRoleHint : MayChange(member) ? null : OwnersOnlyHint;

    /// <summary>Why this member cannot be removed from here, or null when they can.</summary>
    private string? RemoveLockedBecause(MemberView member) => IsLastOwner(member) ? LastOwnerRemoveHint : MayChange(member) ? null : OwnersOnlyHint;

    /// <summary>An Admin manages members but not Owners: an Owner's row is read-only to them. The server refuses it anyway.</summary>
    private bool MayChange(MemberView member) => _yourRole?.MayGrantOrRevoke(member.Role) == true;

    /// <summary>The roles the pickers offer: an Admin cannot make anyone Owner, themselves included.</summary>
    internal static IReadOnlyList<MemberRole> RolesGivenBy(MemberRole? role) =>
        role is { } actor ? Enum.GetValues<MemberRole>().Where(role => actor.MayGrantOrRevoke(role)).ToList() : [];

    /// <summary>Stored times are UTC, but come back from SQLite without a kind.</summary>
    private static DateTimeOffset AsUtc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    private static string? ValidateEmail(string email) =>
        MailAddress.TryCreate(email, out _) ? null : "Enter a valid email address.";

    private async Task OnInviteKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await InviteAsync();
        }
    }

    private async Task InviteAsync()
    {
        await _inviteForm!.ValidateAsync();
        if (!_inviteForm.IsValid || !await EnsureAllowedAsync(Policies.ManageAccount))
        {
            return;
        }

        if (_members?.Any(m => string.Equals(m.Email, _inviteEmail.Trim(), StringComparison.OrdinalIgnoreCase)) == true)
        {
            Snackbar.Add($"{_inviteEmail} is already a member.", Severity.Info);
            return;
        }

        var created = await Memberships.InviteAsync(AccountId, User.GetUserId(), _inviteEmail, _inviteRole, User.GetActorName(), new Uri(Navigation.BaseUri));
        if (created is null)
        {
            Snackbar.Add($"Only an Owner can invite someone as {_inviteRole}.", Severity.Warning);
            return;
        }

        _lastInviteLink = created.Link;
        Snackbar.Add($"Invited {created.Invitation.Email}: the email is on its way.", Severity.Success);
        _inviteEmail = "";
        _invitationsSent++;
        await LoadAsync();
    }

    private async Task ChangeRoleAsync(MemberView member, MemberRole role)
    {
        if (role == member.Role || !await EnsureAllowedAsync(Policies.ManageAccount))
        {
            return;
        }

        var outcome = await Memberships.ChangeRoleAsync(AccountId, User.GetUserId(), member.Id, role);
        Report(outcome, $"{member.Email} is now {role}.");
        await LoadAsync();
    }

    private async Task RemoveAsync(MemberView member)
    {
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Remove member?",
            $"{member.Email} will lose access to this account at once.", "Remove");
        if (!confirmed || !await EnsureAllowedAsync(Policies.ManageAccount))
        {
            return;
        }

        Report(await Memberships.RemoveAsync(AccountId, User.GetUserId(), member.Id), $"{member.Email} was removed.");
        await LoadAsync();
    }

    private async Task RevokeAsync(Invitation invitation)
    {
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Revoke invitation?",
            $"The link sent to {invitation.Email} stops working at once. You can invite them again later.", "Revoke");
        if (!confirmed || !await EnsureAllowedAsync(Policies.ManageAccount))
        {
            return;
        }

        await Memberships.RevokeInvitationAsync(AccountId, invitation.Id);
        Snackbar.Add($"The invitation to {invitation.Email} no longer works.", Severity.Success);
        await LoadAsync();
    }

    private void Report(MembershipChange outcome, string success) => Snackbar.Add(outcome switch
    {
        MembershipChange.Done => success,
        MembershipChange.LastOwner => "An account needs at least one Owner: make someone else Owner first.",
        MembershipChange.NotAllowed => "Only an Owner can make someone Owner, or change or remove an Owner.",
        _ => "That member is no longer in this account.",
    }, outcome == MembershipChange.Done ? Severity.Success : Severity.Warning);
}
