using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>A conversation id seen once; its first event counts one conversation.</summary>
public sealed class ConversationRecord : IAccountOwned
{
    public long AccountId { get; set; }
    public string ConversationId { get; set; } = "";
    public string BotKey { get; set; } = "";
    public DateTime FirstSeenAt { get; set; }

    /// <summary>The row id of the event that opened it: a recount after a crash knows which event counted it.</summary>
    public long FirstEventId { get; set; }
}
