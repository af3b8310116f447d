using System.Text.Json.Nodes;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static BudgetHub.Web.Features.Budgets.PolicyContract;
using ScopeType = BudgetHub.Domain.Budgets.ScopeType;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// What a policy body requires, for the OpenAPI document. The body is read leniently (a field left out
/// takes its default) and then checked by <see cref="PolicyContract.ToInput"/> and <see cref="PolicyValidator"/>,
/// which the schema generator cannot see: left to itself it calls every field of the records required.
/// A usage policy needs metric, limit and window, a retention policy maxAge (JSON Schema's if/then/else).
/// </summary>
internal static class PolicyRequestSchema
{
    /// <summary>A scope's id and a filter's model or category are at most as long as the ids of events.</summary>
    private const int MaxKeyLength = Usage.UsageEventParser.MaxIdLength;

    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var body in new[] { nameof(PolicyRequest), nameof(ScopeDto), nameof(WindowDto), nameof(NotifyDto), nameof(FilterDto) })
        {
            // Read strictly: a field the body does not have is an error, not ignored.
            ((OpenApiSchema)schemas[body]).AdditionalPropertiesAllowed = false;
        }

        DescribePolicy((OpenApiSchema)schemas[nameof(PolicyRequest)], document);
        DescribeScope((OpenApiSchema)schemas[nameof(ScopeDto)]);
        DescribeWindow((OpenApiSchema)schemas[nameof(WindowDto)]);
        DescribeNotify((OpenApiSchema)schemas[nameof(NotifyDto)]);
        DescribeFilter((OpenApiSchema)schemas[nameof(FilterDto)]);
        return Task.CompletedTask;
    }

    private static void DescribePolicy(OpenApiSchema policy, OpenApiDocument document)
    {
        var retention = Name(PolicyKind.Retention);
        policy.Description = "A usage policy (kind usage, the default) needs metric, limit and window; a retention policy needs maxAge. "
            + "Fields that an answer adds (id, createdAt, …) are accepted and ignored, so an answer can be edited and sent back.";
        policy.Required = new HashSet<string> { "name", "scope" };
        var fields = policy.Properties!;
        Field(fields, "name", $"Unique in the account, ignoring case; 1 to {PolicyNames.MaxLength} characters.", JsonSchemaType.String);
        Field(fields, "name").MinLength = 1;
        Field(fields, "name").MaxLength = PolicyNames.MaxLength;
        fields["scope"] = new OpenApiSchemaReference(nameof(ScopeDto), document);
        OneOf(Field(fields, "kind", "usage (the default) or retention."), Enum.GetValues<PolicyKind>().Select(Name));
        OneOf(Field(fields, "metric", "Required for a usage policy: what is counted."), Enum.GetValues<Metric>().Select(Name));
        Field(fields, "limit", "Required for a usage policy, in the metric's unit (US dollars for cost): 0 or more; 0 means no limit (the policy is inert).").Minimum = "0";
        Field(fields, "window", "Required for a usage policy: { \"type\": \"fixed\", \"unit\": \"month\" } or { \"type\": \"rolling\", \"duration\": \"PT30M\" }.");
        var thresholds = Field(fields, "thresholds", "Alert percentages from 1 to 99, each once (reaching 100% always alerts). Left out: [80]; [] for none.");
        thresholds.UniqueItems = true;
        thresholds.Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "99" };
        OneOf(Field(fields, "action", "What reaching the limit does: warn (the default), block or dry_run."), Enum.GetValues<PolicyAction>().Select(ActionName));
        Field(fields, "blockFor", "Only with action block: how long a block lasts, an ISO 8601 duration (PT1H); left out, until the window resets (or, with blockUntilResumed, until someone resumes).");
        Field(fields, "blockUntilResumed", "Only with action block and without blockFor: true keeps a block until someone resumes what it blocks or raises the limit, even after the window resets. Left out: false.");
        Field(fields, "notify", "Left out: email to the account's Owners and in-app. Given: only the channels it names.");
        Field(fields, "filter", "Count only the usage of one model or category.");
        Field(fields, "enabled", "Left out: true.");
        Field(fields, "maxAge", "Required for a retention policy: usage older than this ISO 8601 duration (at least PT1H, e.g. P30D) is deleted.");
        foreach (var added in new[] { "createdAt", "createdBy", "updatedAt", "updatedBy" })
        {
            Field(fields, added, "Ignored (an answer's field).");
        }

        Field(fields, "id", "Ignored (an answer's field); on PUT, if given, it must be the policy's id in the address.");
        policy.If = new OpenApiSchema
        {
            Properties = new Dictionary<string, IOpenApiSchema> { ["kind"] = new OpenApiSchema { Const = retention } },
            Required = new HashSet<string> { "kind" },
        };
        policy.Then = NotNull(["maxAge"]);
        policy.Else = NotNull(["metric", "limit", "window"]);
    }

    private static void DescribeScope(OpenApiSchema scope)
    {
        scope.Description = "Whose usage the policy counts: the account (no id), or one team, bot, tier or user (id required).";
        scope.Required = new HashSet<string> { "type" };
        var fields = scope.Properties!;
        OneOf(Field(fields, "type", "account, team, bot, tier or user.", JsonSchemaType.String), Enum.GetValues<ScopeType>().Select(Name));
        Field(fields, "id", $"Required unless type is account: the team, bot, tier or user, 1 to {MaxKeyLength} characters.");
        scope.If = new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = new OpenApiSchema { Const = Name(ScopeType.Account) } } };
        scope.Else = NotNull(["id"]);
        ((OpenApiSchema)scope.Else.Properties!["id"]).MinLength = 1;
        ((OpenApiSchema)scope.Else.Properties["id"]).MaxLength = MaxKeyLength;
    }

    private static void DescribeWindow(OpenApiSchema window)
    {
        window.Description = "fixed (calendar hour, day, week or month, in the account's time zone) with a unit, or rolling with a duration.";
        window.Required = new HashSet<string> { "type" };
        var fields = window.Properties!;
        OneOf(Field(fields, "type", "fixed or rolling.", JsonSchemaType.String), ["fixed", "rolling"]);
        OneOf(Field(fields, "unit", "For a fixed window."), Enum.GetValues<CalendarUnit>().Select(Name));
        Field(fields, "duration", "For a rolling window: whole minutes from PT1M to P31D, as an ISO 8601 duration (PT30M, P7D).");
        window.If = new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = new OpenApiSchema { Const = "rolling" } } };
        window.Then = NotNull(["duration"]);
        window.Else = NotNull(["unit"]);
    }

    private static void DescribeNotify(OpenApiSchema notify)
    {
        notify.Description = "The channels an alert goes to. A channel left out is off, except email when recipients are given.";
        notify.Required = new HashSet<string>();
        var fields = notify.Properties!;
        Field(fields, "email", "Email the recipients (left out: true if recipients are given).");
        var recipients = Field(fields, "recipients", $"Up to {PolicyValidator.MaxRecipients} email addresses; [] or left out: the account's Owners.");
        recipients.MaxItems = PolicyValidator.MaxRecipients;
        ((OpenApiSchema)recipients.Items!).Format = "email";
        Field(fields, "inApp", "Show the alert in the app.");
        Field(fields, "webhookUrl", "An absolute http(s) URL to POST the alert to.").Format = "uri";
    }

    private static void DescribeFilter(OpenApiSchema filter)
    {
        filter.Required = new HashSet<string>();
        foreach (var name in new[] { "model", "category" })
        {
            var field = Field(filter.Properties!, name, $"Count only this {name}'s usage (null: every {name}).");
            field.MinLength = 1;
            field.MaxLength = MaxKeyLength;
        }
    }

    /// <summary>The field's schema, given a description; with <paramref name="only"/>, null is no longer one of its values.</summary>
    private static OpenApiSchema Field(IDictionary<string, IOpenApiSchema> fields, string name, string? description = null, JsonSchemaType? only = null)
    {
        var field = (OpenApiSchema)fields[name];
        field.Description = description ?? field.Description;
        field.Type = only ?? field.Type;
        return field;
    }

    /// <summary>The names the field takes (and null, where its type allows it: an enum lists every value).</summary>
    private static void OneOf(OpenApiSchema field, IEnumerable<string> names) =>
        field.Enum = [.. names.Select(name => (JsonNode)name), .. field.Type?.HasFlag(JsonSchemaType.Null) == true ? [null!] : Array.Empty<JsonNode>()];

    /// <summary>The fields are required and not null.</summary>
    private static OpenApiSchema NotNull(string[] names) => new()
    {
        Required = names.ToHashSet(),
        Properties = names.ToDictionary(name => name, IOpenApiSchema (_) => new OpenApiSchema { Not = new OpenApiSchema { Type = JsonSchemaType.Null } }),
    };
}
