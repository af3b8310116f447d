using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetHub.Infrastructure.Notifications;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> builder)
    {
        builder.ToTable("Alerts");
        builder.HasIndex(a => new { a.AccountId, a.PolicyId, a.ScopeType, a.ScopeKey, a.WindowStart, a.Threshold, a.Kind }).IsUnique();
        builder.HasIndex(a => new { a.AccountId, a.Id });
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ScopeType).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class InAppNotificationConfiguration : IEntityTypeConfiguration<InAppNotification>
{
    public void Configure(EntityTypeBuilder<InAppNotification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasIndex(n => new { n.AccountId, n.UserId, n.ReadAt });
        builder.HasIndex(n => new { n.AccountId, n.UserId, n.AlertId }).IsUnique();
        builder.Property(n => n.Severity).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasIndex(p => new { p.AccountId, p.UserId, p.Severity }).IsUnique();
        builder.Property(p => p.Severity).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class DigestSubscriptionConfiguration : IEntityTypeConfiguration<DigestSubscription>
{
    public void Configure(EntityTypeBuilder<DigestSubscription> builder)
    {
        builder.ToTable("DigestSubscriptions");
        builder.HasIndex(p => new { p.AccountId, p.UserId }).IsUnique();
    }
}
