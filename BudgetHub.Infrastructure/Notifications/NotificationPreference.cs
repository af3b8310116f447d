using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>One member's choice for one severity: email, in-app, both or neither.</summary>
public sealed class NotificationPreference : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string UserId { get; set; } = "";
    public Severity Severity { get; set; }
    public bool Email { get; set; }
    public bool InApp { get; set; }

    /// <summary>What a member gets before choosing: in-app for everything, email from warning up.</summary>
    public static (bool Email, bool InApp) Default(Severity severity) => (severity >= Severity.Warning, true);
}

/// <summary>A member's daily digest choice.</summary>
public sealed class DigestSubscription : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string UserId { get; set; } = "";
    public bool Daily { get; set; }

    /// <summary>
    /// Where the member's last digest ended (UTC; a midnight of the account's time zone): the next one lists the alerts since.
    /// Null: the last local day's.
    /// </summary>
    public DateTime? LastSentFor { get; set; }
}
