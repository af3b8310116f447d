using BudgetHub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Delivers due outbox messages: claims one at a time with a single conditional UPDATE (so two
/// runs never send the same message), sends it, marks it sent — or schedules a retry with backoff.
/// Safe to run twice; a crash between send and mark can repeat a message, never lose one.
/// </summary>
public sealed class OutboxDelivery(
    AccountDb db,
    EmailTransport email,
    WebhookSender webhooks,
    OutgoingWebhookSecret webhookSecret,
    IBackgroundJobClient jobs,
    OutboxKick kick,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<OutboxDelivery> logger)
{
    /// <summary>The next attempt of a message given up on: never.</summary>
    public static readonly DateTime GaveUp = DateTime.MaxValue.AddDays(-1);

    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverDueAsync(CancellationToken ct)
    {
        kick.Reset();
        while (await ClaimNextAsync(ct) is { } message)
        {
            await DeliverAsync(message, ct);
        }

        await ScheduleNextRetryAsync(ct);
    }

    private async Task<OutboxMessage?> ClaimNextAsync(CancellationToken ct)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            var candidate = await context.Outbox.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now) && m.Attempts < options.Value.MaxAttempts)
                .OrderBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
            if (candidate is not { } id)
            {
                return null;
            }

            var claimed = await context.Outbox.IgnoreQueryFilters()
                .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + ClaimFor).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 1)
            {
                return await context.Outbox.IgnoreQueryFilters().AsNoTracking().FirstAsync(m => m.Id == id, ct);
            }
        }
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (message.Channel == OutboxChannel.Email)
            {
                await email.SendAsync(new EmailMessage(message.Recipient, message.Subject, message.Body, message.HtmlBody), ct);
            }
            else
            {
                var secret = await webhookSecret.GetOrCreateAsync(message.AccountId, ct);
                await webhooks.SendAsync(message.Recipient, $"msg_{message.Id}", message.Body, secret, ct);
            }

            await context.Outbox.IgnoreQueryFilters().Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A send timeout is an OperationCanceledException too: only our own cancellation ends the run.
            var giveUp = ex is WebhookRefusedException || message.Attempts >= options.Value.MaxAttempts;
            var next = giveUp ? GaveUp : now + options.Value.BackoffAfter(message.Attempts);
            logger.LogWarning(ex, "Delivery of outbox message {Id} ({Channel}) failed, attempt {Attempt}.", message.Id, message.Channel, message.Attempts);
            await context.Outbox.IgnoreQueryFilters().Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, ex.Message), ct);
        }
    }

    /// <summary>Retries are scheduled for their due time instead of waiting for the next recurring run.</summary>
    private async Task ScheduleNextRetryAsync(CancellationToken ct)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        var next = await context.Outbox.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < options.Value.MaxAttempts && m.NextAttemptAt > now && m.NextAttemptAt < now.AddMinutes(2))
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        if (next is { } due)
        {
            jobs.Schedule<OutboxDelivery>(d => d.DeliverDueAsync(CancellationToken.None), due - now + TimeSpan.FromMilliseconds(200));
        }
    }
}

/// <summary>Asks for a delivery run right after a commit that wrote to the outbox (coalesced until the run starts).</summary>
public sealed class OutboxKick(IBackgroundJobClient jobs)
{
    private int _pending;

    public void Kick()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            jobs.Enqueue<OutboxDelivery>(d => d.DeliverDueAsync(CancellationToken.None));
        }
    }

    internal void Reset() => Interlocked.Exchange(ref _pending, 0);
}
