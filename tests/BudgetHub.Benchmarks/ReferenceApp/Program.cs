using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

// Reads and parses the body exactly as much as BudgetHub must, then answers; no auth, no storage.
app.MapPost("/api/v1/usage/events", async (HttpRequest request) =>
{
    using var document = await JsonDocument.ParseAsync(request.Body);
    var count = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
    return Results.Text($"{{\"accepted\":{count},\"duplicates\":0}}", "application/json");
});

app.MapGet("/api/v1/enforcement/check", (string botId) =>
    Results.Text("{\"allowed\":true,\"action\":\"allow\",\"reasons\":[]}", "application/json"));

app.Run();
