using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace BudgetHub.Web.Features.Usage;

/// <summary>
/// A usage event as the OpenAPI document describes it. Requests are read by <see cref="UsageEventParser"/>,
/// not bound to this type: it only gives the document the fields, their types and limits.
/// </summary>
[Description("One AI call's usage. Send one event, or an array of 1 to 1000.")]
internal sealed record UsageEventBody(
    [property: Required, StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The idempotency key: the same id sent again in this account counts once.")] string Id,
    [property: Required, StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The bot, agent or app; created on first sight.")] string BotId,
    [property: Description("When the call happened (default: when it is received); at most 5 minutes ahead of the server's clock.")] DateTimeOffset? Timestamp,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The end user.")] string? UserId,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The end user's tier, matched by tier templates.")] string? Tier,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The bot's team, set on the bot when it is first seen.")] string? Team,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("Prices the event from the catalog when costUsd is absent.")] string? Model,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1)] string? Provider,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("A billing category.")] string? Category,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The first event of a conversation id counts one conversation.")] string? ConversationId,
    [property: Range(0, UsageEventParser.MaxCount)] long? InputTokens,
    [property: Range(0, UsageEventParser.MaxCount), Description("Of inputTokens, those read from the provider's cache (priced at its cached-input rate).")] long? CachedInputTokens,
    [property: Range(0, UsageEventParser.MaxCount)] long? OutputTokens,
    [property: Range(0, UsageEventParser.MaxCount)] long? Messages,
    [property: Range(0, 1_000_000), Description("The call's cost in US dollars; without it, the price catalog's.")] decimal? CostUsd,
    [property: Description("The call failed.")] bool? Error);
