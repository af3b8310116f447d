using System.ComponentModel.DataAnnotations;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>The <c>Notifications</c> section: delivery retries and outgoing webhook targets.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The first retry waits this long; each next one twice as long, up to an hour.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>After this many failed attempts a message is given up (and stays visible with its error).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long an outgoing webhook's target may take to answer before the attempt counts as failed.</summary>
    [Range(1, 300)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Allow outgoing webhooks to loopback and private networks (Development only).</summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), 3600));
}
