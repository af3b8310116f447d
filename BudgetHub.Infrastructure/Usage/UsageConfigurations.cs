using BudgetHub.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetHub.Infrastructure.Usage;

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> builder)
    {
        builder.HasIndex(b => new { b.AccountId, b.Key }).IsUnique();
        builder.Property(b => b.Key).HasMaxLength(128);
        builder.Property(b => b.Name).HasMaxLength(128);
        builder.Property(b => b.Team).HasMaxLength(128);
        builder.Property(b => b.PauseReason).HasMaxLength(500);
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEventRecord>
{
    public void Configure(EntityTypeBuilder<UsageEventRecord> builder)
    {
        builder.ToTable("UsageEvents");
        // Only the idempotency key is indexed: every index costs the hot path. Retention walks
        // events oldest-first by row id instead of by a timestamp index.
        builder.HasIndex(e => new { e.AccountId, e.EventId }).IsUnique();
        // Plain row ids, not AUTOINCREMENT: that keeps a sqlite_sequence row up to date on every
        // insert (measured: 9% of single-event ingestion, more in batches). Ids are still never
        // reused, because the highest row is never deleted (see RetentionJob). EF 10 leaves this setting
        // out of the model snapshot: a new migration's snapshot needs its annotation put back by hand
        // (an integration test fails if the table gets AUTOINCREMENT again).
        builder.Property(e => e.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
        builder.Property(e => e.EventId).HasMaxLength(128);
        builder.Property(e => e.BotKey).HasMaxLength(128);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> builder)
    {
        builder.ToTable("Conversations");
        builder.HasKey(c => new { c.AccountId, c.ConversationId });
        builder.HasIndex(c => new { c.AccountId, c.FirstSeenAt });
    }
}

internal sealed class UsageCounterConfiguration : IEntityTypeConfiguration<UsageCounterRow>
{
    public void Configure(EntityTypeBuilder<UsageCounterRow> builder)
    {
        builder.ToTable("UsageCounters");
        builder.HasKey(c => new { c.AccountId, c.Dimension, c.DimensionKey, c.Filter, c.Granularity, c.BucketStart });
        builder.HasIndex(c => new { c.AccountId, c.Granularity, c.BucketStart });
    }
}

internal sealed class ModelPriceConfiguration : IEntityTypeConfiguration<ModelPrice>
{
    public void Configure(EntityTypeBuilder<ModelPrice> builder)
    {
        builder.ToTable("ModelPrices");
        builder.HasIndex(p => new { p.AccountId, p.Model, p.EffectiveFrom });
        builder.Property(p => p.Model).HasMaxLength(128);
        builder.Property(p => p.Provider).HasMaxLength(64);
    }
}
