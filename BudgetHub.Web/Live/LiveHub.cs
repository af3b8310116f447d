using System.Globalization;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BudgetHub.Web.Live;

/// <summary>
/// <c>/hubs/live</c>: members of an account receive its <c>counters</c>, <c>enforcement</c>,
/// <c>alert</c>, <c>bot</c> and <c>policy</c> messages. Clients only listen; there is nothing to call.
/// </summary>
[Authorize(Policy = Policies.Member)]
internal sealed class LiveHub : Hub
{
    public static string GroupOf(long accountId) => "account:" + accountId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(Context.User!.GetAccountId()));
        await base.OnConnectedAsync();
    }
}
