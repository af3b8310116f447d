using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace BudgetHub.Web.Features.Usage;

/// <summary>
/// A usage event as the OpenAPI document describes it. Requests are read by <see cref="UsageEventParser"/>,
/// not bound to this type: it only gives the document the fields, their types and limits. A parameter with a
/// default is a field that may be left out; a nullable one is a field that may be null (the parser takes null
/// for the optional strings, the timestamp and costUsd, not for the counts or error).
/// </summary>
[Description("One AI call's usage. Send one event, or an array of 1 to 1000.")]
internal sealed record UsageEventBody(
    [property: Required, StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The idempotency key: the same id sent again in this account counts once.")] string Id,
    [property: Required, StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The bot, agent or app; created on first sight.")] string BotId,
    [property: Description("When the call happened (default: when it is received); at most 5 minutes ahead of the server's clock.")] DateTimeOffset? Timestamp = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The end user.")] string? UserId = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The end user's tier, matched by tier templates.")] string? Tier = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The bot's team, set on the bot when it is first seen with one. Events count toward the bot's team, whatever team a later event names.")] string? Team = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("Prices the event from the catalog when costUsd is absent.")] string? Model = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1)] string? Provider = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("A billing category.")] string? Category = null,
    [property: StringLength(UsageEventParser.MaxIdLength, MinimumLength = 1), Description("The first event of a conversation id counts one conversation.")] string? ConversationId = null,
    [property: Range(0, UsageEventParser.MaxCount), DefaultValue(0L)] long InputTokens = 0,
    [property: Range(0, UsageEventParser.MaxCount), DefaultValue(0L), Description("Of inputTokens (so at most inputTokens), those read from the provider's cache (priced at its cached-input rate).")] long CachedInputTokens = 0,
    [property: Range(0, UsageEventParser.MaxCount), DefaultValue(0L)] long OutputTokens = 0,
    [property: Range(0, UsageEventParser.MaxCount), DefaultValue(0L)] long Messages = 0,
    [property: Range(0, 1_000_000), Description("The call's cost in US dollars; without it, the price catalog's.")] decimal? CostUsd = null,
    [property: DefaultValue(false), Description("The call failed.")] bool Error = false);
