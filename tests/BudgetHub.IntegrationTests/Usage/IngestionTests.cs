using System.Text.Json;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace BudgetHub.IntegrationTests.Usage;

public sealed class IngestionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task OneEvent_IsAcceptedCountedAndPriced()
    {
        using var client = App.CreateClient();
        var bot = Unique("priced");

        var response = await client.PostJsonAsync("/api/v1/usage/events",
            Api.Event(Unique("e"), bot: bot, input: 1_000_000, output: 1_000_000, model: "gpt-4o-mini", conversation: Unique("c")));
        var usage = await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf();

        var body = await response.JsonOf();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal("accepted", body.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("allow", body.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(2_000_000, usage.GetProperty("tokensToday").GetInt64());
        Assert.Equal(0.75m, usage.GetProperty("costToday").GetDecimal()); // $0.15 in + $0.60 out per million
        Assert.Equal(1, usage.GetProperty("conversationsToday").GetInt64());
    }

    [Fact]
    public async Task TextBeyondAscii_IsStoredExactly_AndItsIdIsADuplicateTheSecondTime()
    {
        using var client = App.CreateClient();
        var id = Unique("évènement-漢字-😀");
        var bot = Unique("support-bøt");
        const string user = "José Müller 山田 👩‍💻";
        var longModel = "modèle-" + new string('é', 120);

        var first = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: bot, user: user, model: longModel))).JsonOf();
        var second = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: bot, user: user, model: longModel))).JsonOf();

        Assert.Equal("accepted", first.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("duplicate", second.GetProperty("results")[0].GetProperty("status").GetString());
        await using var connection = new SqliteConnection($"Data Source={App.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT BotKey, UserId, Model FROM UsageEvents WHERE EventId = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal((bot, user, longModel), (row.GetString(0), row.GetString(1), row.GetString(2)));
        Assert.False(await row.ReadAsync());
    }

    [Fact]
    public async Task IdsAreCountedInCharacters_AnEmojiIsOne_InEventsChecksAndPolicies()
    {
        using var client = App.CreateClient();
        var bot = string.Concat(Enumerable.Repeat("🤖", 127)) + Guid.NewGuid().ToString("N")[..1];
        var tooLong = bot + "🤖";

        var accepted = await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("emoji"), bot: bot));
        var refused = await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("emoji"), bot: tooLong));
        var check = await client.GetAsync($"/api/v1/enforcement/check?botId={Uri.EscapeDataString(bot)}");
        var checkTooLong = await client.GetAsync($"/api/v1/enforcement/check?botId={Uri.EscapeDataString(tooLong)}");
        var policy = await client.PostJsonAsync("/api/v1/policies",
            new { name = Unique("Emoji"), scope = new { type = "bot", id = bot }, metric = "tokens", limit = 10, window = new { type = "fixed", unit = "day" } });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Must be 1 to 128 characters (got 129).", (await refused.JsonOf()).GetProperty("errors").GetProperty("botId")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, checkTooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, policy.StatusCode);
    }

    [Fact]
    public async Task AnAcknowledgedEvent_ReachesTheDatabaseFileItself_NotOnlyItsWal()
    {
        // Checkpoints run on a thread of their own after each commit; SQLite's automatic one waits
        // for 1,000 WAL pages, so without it one event would stay in the WAL.
        using var client = App.CreateClient();
        var id = Unique("wal");

        var response = await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: Unique("wal")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Poll.UntilAsync(() => DatabaseFileHoldsAsync(id), "the event in the database file, without its WAL");
    }

    /// <summary>Reads a copy of the database file alone, as it would be without its WAL.</summary>
    private async Task<bool> DatabaseFileHoldsAsync(string eventId)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"bh-file-only-{Guid.NewGuid():N}.db");
        try
        {
            File.Copy(App.DatabasePath, copy);
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM UsageEvents WHERE EventId = $id";
            command.Parameters.AddWithValue("$id", eventId);
            return (long)(await command.ExecuteScalarAsync())! == 1;
        }
        finally
        {
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task TheSameIdTwice_InOneBatchOrLater_CountsOnce()
    {
        using var client = App.CreateClient();
        var bot = Unique("dup");
        var id = Unique("e");

        var batch = await (await client.PostJsonAsync("/api/v1/usage/events", new[] { Api.Event(id, bot: bot), Api.Event(id, bot: bot) })).JsonOf();
        var again = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: bot))).JsonOf();
        var usage = await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf();

        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(1, batch.GetProperty("duplicates").GetInt32());
        Assert.Equal("duplicate", again.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(100, usage.GetProperty("tokensToday").GetInt64());
    }

    [Fact]
    public async Task ADuplicateNamingAnotherBot_ChangesNothing_NotEvenTheBotList()
    {
        using var client = App.CreateClient();
        var id = Unique("e");
        var stranger = Unique("stranger");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: Unique("first")));

        var again = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: stranger))).JsonOf();

        Assert.Equal("duplicate", again.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/bots/{stranger}/usage")).StatusCode);
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, $"SELECT count(*) FROM Bots WHERE Key = '{stranger}'"));
    }

    [Theory]
    [InlineData("/api/v1/usage/summary?from=nope", "from")]
    [InlineData("/api/v1/usage/summary?to=abc", "to")]
    [InlineData("/api/v1/usage/summary?groupBy=planet", "groupBy")]
    [InlineData("/api/v1/enforcement/log?limit=abc", "limit")]
    [InlineData("/api/v1/enforcement/log?limit=1.5", "limit")]
    public async Task AMalformedQueryValue_GetsAFieldError_NotABare400(string path, string field)
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonOf()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSameIdSentConcurrently_CountsOnce()
    {
        using var client = App.CreateClient();
        var bot = Unique("race");
        var id = Unique("e");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostJsonAsync("/api/v1/usage/events", Api.Event(id, bot: bot))));
        var bodies = await Task.WhenAll(responses.Select(r => r.JsonOf()));
        var usage = await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf();

        Assert.Equal(1, bodies.Sum(b => b.GetProperty("accepted").GetInt32()));
        Assert.Equal(15, bodies.Sum(b => b.GetProperty("duplicates").GetInt32()));
        Assert.Equal(100, usage.GetProperty("tokensToday").GetInt64());
    }

    [Fact]
    public async Task ABadBatch_IsRejectedWhole_WithAnErrorPerField_AndStoresNothing()
    {
        using var client = App.CreateClient();
        var bot = Unique("bad");
        var good = Api.Event(Unique("good"), bot: bot);
        var json = $$"""
            [{{System.Text.Json.JsonSerializer.Serialize(good, Api.Json)}},
             {"id":"x1","botId":"{{bot}}","inputTokens":-5},
             {"id":"x2","botId":"{{bot}}","outputTokens":1.5},
             {"id":"x3","botId":"{{bot}}","inputTokens":"12"},
             {"id":"","botId":"{{bot}}"},
             {"id":"x5"},
             {"id":"x6","botId":"{{bot}}","timestamp":"2099-01-01T00:00:00Z"},
             {"id":"x7","botId":"{{bot}}","timestamp":"yesterday"},
             {"id":"x8","botId":"{{bot}}","inputTokens":99999999999999999999},
             {"id":"x9","botId":"{{bot}}","messages":null},
             {"id":"{{new string('a', 129)}}","botId":"{{bot}}"}]
            """;

        var response = await client.PostRawAsync("/api/v1/usage/events", json);
        var errors = (await response.JsonOf()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var field in new[] { "[1].inputTokens", "[2].outputTokens", "[3].inputTokens", "[4].id", "[5].botId", "[6].timestamp", "[7].timestamp", "[8].inputTokens", "[9].messages", "[10].id" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.False(errors.TryGetProperty("[0].id", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/bots/{bot}/usage")).StatusCode);
    }

    [Fact]
    public async Task ASingleEventsErrors_AreKeyedByFieldName()
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events", """{"id":"s1","botId":"b","inputTokens":-1}""");

        Assert.True((await response.JsonOf()).GetProperty("errors").TryGetProperty("inputTokens", out _));
    }

    [Fact]
    public async Task ErrorMessages_SayWhatIsWrong_AndWholeNumbersInOtherNotations_AreCounted()
    {
        using var client = App.CreateClient();
        var bot = Unique("notation");

        var bad = await client.PostRawAsync("/api/v1/usage/events",
            $$$"""[{"id":"{{{Unique("n")}}}","botId":"  ","costUsd":1e30},{"id":"{{{Unique("n")}}}","botId":"b","inputTokens":1.5}]""");
        var whole = await client.PostRawAsync("/api/v1/usage/events",
            $$$"""{"id":"{{{Unique("n")}}}","botId":"{{{bot}}}","inputTokens":1e3,"outputTokens":2.0}""");

        var errors = (await bad.JsonOf()).GetProperty("errors");
        Assert.StartsWith("Must not be empty or only spaces", errors.GetProperty("[0].botId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Must be between 0 and 1,000,000 US dollars.", errors.GetProperty("[0].costUsd")[0].GetString());
        Assert.Equal("Must be a whole number (no fractions).", errors.GetProperty("[1].inputTokens")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(1002, (await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf()).GetProperty("tokensToday").GetInt64());
    }

    [Fact]
    public async Task EscapedPropertyNames_AreReadLikePlainOnes_AndUnknownOnesIgnored()
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events",
            """{"\u0069d":"escaped-1","botId":"escaped-bot","input\u0054okens":-5,"somethingElse":{"nested":[1,2]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["inputTokens"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task APropertySentTwice_AtAnyDepth_IsAFieldError_AndNothingIsStored()
    {
        using var client = App.CreateClient();
        var bot = Unique("twice");

        var response = await client.PostRawAsync("/api/v1/usage/events",
            $$$"""[{"id":"{{{Unique("t")}}}","botId":"{{{bot}}}","inputTokens":5},{"id":"{{{Unique("t")}}}","botId":"{{{bot}}}","inputTokens":1,"inputTokens":-1,"x":1,"x":2,"meta":{"tags":[{"a":1,"a":2}]}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["[1].inputTokens", "[1].meta", "[1].x"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.StartsWith("Sent twice", errors.GetProperty("[1].inputTokens")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Has a property sent twice: a.", errors.GetProperty("[1].meta")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/bots/{bot}/usage")).StatusCode);
    }

    [Fact]
    public async Task AMisspelledFieldTheEventLacks_IsRejectedWithTheNameMeant_OtherUnknownFieldsAreIgnored()
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events",
            """{"id":"misspelled-1","botId":"misspelled-bot","input_tokens":1200,"completion_tokens":300,"cost":0.5,"costUsd":0.01,"metadata":{"a":1}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["completion_tokens", "input_tokens"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("did you mean inputTokens?", errors.GetProperty("input_tokens")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("did you mean outputTokens?", errors.GetProperty("completion_tokens")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/bots/misspelled-bot/usage")).StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"d1","id":"d2","botId":"b"}""")]
    [InlineData("""{"id":"d1","\u0069d":"d2","botId":"b"}""")]
    [InlineData("""{"id":"n1","botId":"b","inputTokens":NaN}""")]
    [InlineData("""not json""")]
    [InlineData("""[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]""")]
    [InlineData("""[]""")]
    [InlineData("""42""")]
    public async Task MalformedJson_IsA400ProblemNeverA500(string json)
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"id":"\ud800","botId":"b"}""", "id", "Must be valid Unicode")]
    [InlineData("""{"id":"half-pair","botId":"b\udc00x"}""", "botId", "Must be valid Unicode")]
    [InlineData("""{"id":"half-pair","botId":"b","timestamp":"\ud800"}""", "timestamp", "Must be an ISO 8601 time")]
    public async Task HalfASurrogatePair_IsAFieldError_NotA500(string json, string field, string message)
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await response.JsonOf()).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AThousandEvents_AreAccepted_AThousandAndOneAreNot()
    {
        using var client = App.CreateClient();
        var bot = Unique("big");
        var thousand = Enumerable.Range(0, 1000).Select(i => Api.Event(Unique("k"), bot: bot, input: 1)).ToArray();

        var ok = await client.PostJsonAsync("/api/v1/usage/events", thousand);
        var tooMany = await client.PostJsonAsync("/api/v1/usage/events", thousand.Append(Api.Event(Unique("k"), bot: bot)).ToArray());

        Assert.Equal(1000, (await ok.JsonOf()).GetProperty("accepted").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("The batch has 1001 events; send at most 1000 per request.", (await tooMany.JsonOf()).GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task ABodyOverOneMebibyte_Is413_WithOrWithoutContentLength()
    {
        using var client = App.CreateClient();
        var huge = "[" + string.Join(",", Enumerable.Repeat("{\"id\":\"x\",\"botId\":\"" + new string('b', 100) + "\"}", 12_000)) + "]";

        var withLength = await client.PostRawAsync("/api/v1/usage/events", huge);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/usage/events")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        var withoutLength = await client.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
    }

    [Fact]
    public async Task AWrongContentType_Is415()
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events", """{"id":"c1","botId":"b"}""", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ALateEvent_LandsInTheWindowOfItsOwnTimestamp()
    {
        using var client = App.CreateClient();
        var bot = Unique("late");
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");

        await client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"{{Unique("l")}}","botId":"{{bot}}","inputTokens":500,"timestamp":"{{yesterday}}"}""");
        var usage = await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf();
        var summary = await (await client.GetAsync($"/api/v1/usage/summary?groupBy=bot&interval=day&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-3).ToString("O"))}")).JsonOf();

        Assert.Equal(0, usage.GetProperty("tokensToday").GetInt64());
        Assert.Contains(summary.GetProperty("items").EnumerateArray(), i => i.GetProperty("key").GetString() == bot && i.GetProperty("totals").GetProperty("tokens").GetInt64() == 500);
    }

    [Fact]
    public async Task ASummaryRange_IsWidenedToTheWholeHoursItTouches_AndSaysSo()
    {
        using var client = App.CreateClient();
        var bot = Unique("range");
        var hour = DateTimeOffset.UtcNow.AddHours(-3) is var t ? new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero) : default;
        await client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"{{Unique("r")}}","botId":"{{bot}}","inputTokens":777,"timestamp":"{{hour.AddMinutes(32):O}}"}""");

        async Task<(long Tokens, JsonElement Summary)> TokensAsync(DateTimeOffset from, DateTimeOffset to)
        {
            var summary = await (await client.GetAsync($"/api/v1/usage/summary?groupBy=bot&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).JsonOf();
            var item = summary.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("key").GetString() == bot);
            return (item.ValueKind == JsonValueKind.Undefined ? 0 : item.GetProperty("totals").GetProperty("tokens").GetInt64(), summary);
        }

        var (cutBefore, cutBeforeSummary) = await TokensAsync(hour.AddMinutes(5), hour.AddMinutes(10));
        var (cutAfter, _) = await TokensAsync(hour.AddMinutes(40), hour.AddHours(2));
        var (nextHour, _) = await TokensAsync(hour.AddHours(1), hour.AddHours(2));

        Assert.Equal(777, cutBefore);
        Assert.Equal(hour, cutBeforeSummary.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(hour.AddHours(1), cutBeforeSummary.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(777, cutAfter);
        Assert.Equal(0, nextHour);
    }

    [Fact]
    public async Task NanosecondTimestamps_AndALowercaseZ_AreAccepted_AndStoredToTheTick()
    {
        using var client = App.CreateClient();
        var bot = Unique("nanos");
        var second = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var id = Unique("go");

        var response = await client.PostRawAsync("/api/v1/usage/events", $$"""
            [{"id":"{{id}}","botId":"{{bot}}","timestamp":"{{second}}.123456789Z"},
             {"id":"{{Unique("n")}}","botId":"{{bot}}","timestamp":"{{second}}.12345678Z"},
             {"id":"{{Unique("n")}}","botId":"{{bot}}","timestamp":"{{second}}.123456789+00:00"},
             {"id":"{{Unique("n")}}","botId":"{{bot}}","timestamp":"{{second}}z"}]
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await response.JsonOf()).GetProperty("accepted").GetInt32());
        await using var connection = new SqliteConnection($"Data Source={App.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Timestamp FROM UsageEvents WHERE EventId = $id";
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(second.Replace('T', ' ') + ".1234567", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("2026-11-24T16:00Z", "Must include seconds (10:15:00, not 10:15), e.g. 2026-11-23T10:15:00Z.")]
    [InlineData("2026-11-24T16:00:00", "Must end with Z or an offset such as +02:00, e.g. 2026-11-23T10:15:00Z: without one, the time could be in any zone.")]
    [InlineData("2026-11-24T16:00:00.1234567890Z", "At most 9 digits after the seconds' point, e.g. 2026-11-23T10:15:00.123456789Z.")]
    [InlineData("2026-02-30T16:00:00Z", "Not a real time: check the month, day, hours, minutes, seconds and offset, e.g. 2026-11-23T10:15:00Z.")]
    public async Task ATimestampThatCannotBeRead_SaysWhatIsWrongWithIt(string timestamp, string message)
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"{{Unique("t")}}","botId":"{{Unique("ts")}}","timestamp":"{{timestamp}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.JsonOf()).GetProperty("errors").GetProperty("timestamp")[0].GetString());
    }

    [Fact]
    public async Task AnUnknownModel_CostsNothing_AndIsFlagged()
    {
        using var client = App.CreateClient();
        var bot = Unique("unpriced");

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("u"), bot: bot, input: 1000, model: "my-own-llm"));
        var summary = await (await client.GetAsync("/api/v1/usage/summary?groupBy=bot")).JsonOf();

        var item = summary.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == bot);
        Assert.Equal(0m, item.GetProperty("totals").GetProperty("cost").GetDecimal());
        Assert.Equal(1, item.GetProperty("totals").GetProperty("unpricedCalls").GetInt64());
    }

    [Fact]
    public async Task EveryGrouping_HasTheSameTotals_EventsThatNameNoModelAreARowOfTheirOwn()
    {
        using var client = App.CreateClient();
        var bot = Unique("ungrouped");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("g"), bot: bot, input: 700, cost: 0.7m));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("g"), bot: bot, input: 50, model: Unique("named-llm"), cost: 0.05m));

        var byBot = await (await client.GetAsync("/api/v1/usage/summary?groupBy=bot")).JsonOf();
        foreach (var groupBy in new[] { "model", "team", "user", "tier", "category", "provider" })
        {
            var summary = await (await client.GetAsync($"/api/v1/usage/summary?groupBy={groupBy}")).JsonOf();
            var items = summary.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(byBot.GetProperty("totals").ToString(), summary.GetProperty("totals").ToString());
            Assert.Equal(summary.GetProperty("totals").GetProperty("tokens").GetInt64(), items.Sum(i => i.GetProperty("totals").GetProperty("tokens").GetInt64()));
            var none = Assert.Single(items, i => i.GetProperty("key").ValueKind == System.Text.Json.JsonValueKind.Null);
            Assert.True(none.GetProperty("totals").GetProperty("tokens").GetInt64() >= 700, groupBy);
        }
    }

    [Fact]
    public async Task AModelSentInDifferentCases_IsOneRowOfTheModelBreakdown()
    {
        using var client = App.CreateClient();
        var model = Unique("acme-llm");

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("c"), bot: Unique("cased"), input: 100, model: model.ToUpperInvariant()));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("c"), bot: Unique("cased"), input: 20, model: model));
        var summary = await (await client.GetAsync("/api/v1/usage/summary?groupBy=model")).JsonOf();

        var rows = summary.GetProperty("items").EnumerateArray().Where(i => string.Equals(i.GetProperty("key").GetString(), model, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(model, Assert.Single(rows).GetProperty("key").GetString());
        Assert.Equal(120, rows[0].GetProperty("totals").GetProperty("tokens").GetInt64());
    }

    [Fact]
    public async Task BotsAreCreatedOnFirstSight_WithTheirTeam()
    {
        using var client = App.CreateClient();
        var bot = Unique("new");

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("n"), bot: bot, team: "growth"));
        var bots = await (await client.GetAsync("/api/v1/bots")).JsonOf();

        var item = bots.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("botId").GetString() == bot);
        Assert.Equal("growth", item.GetProperty("team").GetString());
        Assert.Equal("active", item.GetProperty("status").GetString());
    }
}
