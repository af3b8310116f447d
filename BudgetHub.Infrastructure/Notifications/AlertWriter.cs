using System.Data.Common;
using System.Text.Json;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>How a policy tells people: email (listed recipients, else the owners), in-app, a webhook.</summary>
internal sealed record PolicyChannels(bool Email, IReadOnlyList<string> Recipients, bool InApp, string? WebhookUrl);

/// <summary>
/// Inside the meter's transaction: raises an alert once (a unique key decides), and writes the
/// in-app notifications and the outbox messages it causes in that same transaction.
/// </summary>
internal sealed class AlertWriter(AppAddress address)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="emailOncePerWindow">
    /// A tier template's alert: each of the tier's users gets their own, but only the first to reach a
    /// level in a window is emailed; the others show in the app and the daily digest. A tier of a
    /// thousand users would otherwise send a thousand emails.
    /// </param>
    /// <returns>The new alert, or null when this alert already existed.</returns>
    /// <param name="block">The block the alert's event set off, which the alert then reports.</param>
    public AlertRecord? Raise(DbConnection connection, DbTransaction transaction, AlertRecord alert, PolicyChannels channels, TimeZoneInfo zone,
        bool emailOncePerWindow = false, Block? block = null)
    {
        using var insert = HandSql.Command(connection, transaction, """
            INSERT INTO Alerts (AccountId, PolicyId, PolicyName, Kind, ScopeType, ScopeKey, BotKey, UserId, Metric, "window", WindowStart, WindowEnd,
                Threshold, Severity, Value, "limit", CreatedAt, AcknowledgedAt, AcknowledgedBy)
            VALUES (@a, @p, @pn, @kind, @st, @sk, @bot, @user, @metric, @w, @ws, @we, @t, @sev, @v, @l, @now, @ackAt, @ackBy)
            ON CONFLICT DO NOTHING RETURNING Id
            """,
            ("@a", alert.AccountId), ("@p", alert.PolicyId), ("@pn", alert.PolicyName), ("@kind", alert.Kind.ToString()), ("@st", alert.ScopeType.ToString()),
            ("@sk", alert.ScopeKey), ("@bot", alert.BotKey), ("@user", alert.UserId), ("@metric", alert.Metric), ("@w", alert.Window),
            ("@ws", HandSql.Time(connection, alert.WindowStart)), ("@we", HandSql.Time(connection, alert.WindowEnd)), ("@t", alert.Threshold),
            ("@sev", alert.Severity.ToString()), ("@v", alert.Value), ("@l", alert.Limit), ("@now", HandSql.Time(connection, alert.CreatedAt)),
            ("@ackAt", HandSql.Time(connection, alert.AcknowledgedAt)), ("@ackBy", alert.AcknowledgedBy));
        if (insert.ExecuteScalar() is not long id)
        {
            return null;
        }

        alert.Id = id;
        var audience = Audience.Load(connection, transaction, alert.AccountId);
        var text = AlertMessages.For(alert, audience.AccountName, address.BaseUrl, zone,
            note: emailOncePerWindow ? $"Other users of this tier who reach this level before the {alert.Window} resets are listed in BudgetHub, without another email." : null,
            block: block);
        if (channels.InApp)
        {
            foreach (var member in audience.Members.Where(m => m.Wants(alert.Severity).InApp))
            {
                Exec(connection, transaction, """
                    INSERT INTO Notifications (AccountId, UserId, AlertId, Severity, Title, Body, Link, CreatedAt)
                    VALUES (@a, @u, @alert, @sev, @title, @body, @link, @now) ON CONFLICT DO NOTHING
                    """,
                    ("@a", alert.AccountId), ("@u", member.UserId), ("@alert", id), ("@sev", alert.Severity.ToString()),
                    ("@title", text.Title), ("@body", text.Text), ("@link", text.Link), ("@now", HandSql.Time(connection, alert.CreatedAt)));
            }
        }

        if (channels.Email && !(emailOncePerWindow && AnotherScopeAlerted(connection, transaction, alert)))
        {
            foreach (var recipient in audience.EmailRecipients(channels.Recipients, alert.Severity))
            {
                Enqueue(connection, transaction, alert.AccountId, OutboxChannel.Email, $"alert:{id}:email:{recipient.ToLowerInvariant()}",
                    recipient, text.Subject, text.Text, text.Html, alert.CreatedAt);
            }
        }

        if (channels.WebhookUrl is { } url)
        {
            var payload = JsonSerializer.Serialize(new { type = "alert.created", timestamp = alert.CreatedAt, data = AlertPayload(alert) }, Json);
            Enqueue(connection, transaction, alert.AccountId, OutboxChannel.Webhook, $"alert:{id}:webhook", url, "alert.created", payload, null, alert.CreatedAt);
        }

        return alert;
    }

    /// <summary>A <c>bot.blocked</c> webhook for a new block of a policy that has a webhook URL.</summary>
    public static void BotBlocked(DbConnection connection, DbTransaction transaction, long accountId, long blockId, Block block, UsagePolicy policy, string url, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(new
        {
            type = "bot.blocked",
            timestamp = now,
            data = new { blockId, policyId = $"pol_{policy.Id}", policyName = policy.Name, scope = block.Target.Type.ToString().ToLowerInvariant(), scopeId = block.Target.Key, until = block.Until, reason = block.Reason },
        }, Json);
        Enqueue(connection, transaction, accountId, OutboxChannel.Webhook, $"block:{blockId}:webhook", url, "bot.blocked", payload, null, now.UtcDateTime);
    }

    private static object AlertPayload(AlertRecord a) => new
    {
        id = $"alr_{a.Id}", policyId = $"pol_{a.PolicyId}", policyName = a.PolicyName, kind = a.Kind.ToString().ToLowerInvariant(),
        severity = a.Severity.ToString().ToLowerInvariant(), threshold = a.Threshold, scope = a.ScopeType.ToString().ToLowerInvariant(), scopeId = a.ScopeKey,
        metric = a.Metric, value = a.Value, limit = a.Limit, window = a.Window, windowStart = a.WindowStart, windowEnd = a.WindowEnd,
    };

    private static bool AnotherScopeAlerted(DbConnection connection, DbTransaction transaction, AlertRecord alert)
    {
        using var query = HandSql.Command(connection, transaction, """
            SELECT EXISTS (SELECT 1 FROM Alerts WHERE AccountId = @a AND PolicyId = @p AND WindowStart = @ws AND Threshold = @t AND Kind = @kind AND Id <> @id)
            """,
            ("@a", alert.AccountId), ("@p", alert.PolicyId), ("@ws", HandSql.Time(connection, alert.WindowStart)), ("@t", alert.Threshold),
            ("@kind", alert.Kind.ToString()), ("@id", alert.Id));
        return query.ExecuteScalar() is 1L or true;
    }

    private static void Enqueue(DbConnection connection, DbTransaction transaction, long accountId, OutboxChannel channel, string dedupeKey,
        string recipient, string subject, string body, string? html, DateTime now) =>
        Exec(connection, transaction, """
            INSERT INTO Outbox (AccountId, Channel, DedupeKey, Recipient, Subject, Body, HtmlBody, CreatedAt, Attempts, NextAttemptAt)
            VALUES (@a, @c, @k, @r, @s, @b, @h, @now, 0, @now) ON CONFLICT (DedupeKey) DO NOTHING
            """,
            ("@a", accountId), ("@c", channel.ToString()), ("@k", dedupeKey), ("@r", recipient), ("@s", subject), ("@b", body), ("@h", html), ("@now", HandSql.Time(connection, now)));

    private static void Exec(DbConnection connection, DbTransaction transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = HandSql.Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }
}
