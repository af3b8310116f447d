using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Web.Hosting;

/// <summary>Enforcement actions as the API spells them: allow, warn, block, dry_run.</summary>
internal sealed class ActionJsonConverter : JsonConverter<EnforcementAction>
{
    public static string Name(EnforcementAction action) => action switch
    {
        EnforcementAction.Allow => "allow",
        EnforcementAction.Warn => "warn",
        EnforcementAction.Block => "block",
        EnforcementAction.DryRun => "dry_run",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public override EnforcementAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() switch
        {
            "allow" => EnforcementAction.Allow,
            "warn" => EnforcementAction.Warn,
            "block" => EnforcementAction.Block,
            "dry_run" => EnforcementAction.DryRun,
            var other => throw new JsonException($"Unknown action '{other}'."),
        };

    public override void Write(Utf8JsonWriter writer, EnforcementAction value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Name(value));
}
