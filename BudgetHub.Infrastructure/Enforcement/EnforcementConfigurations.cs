using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetHub.Infrastructure.Enforcement;

internal sealed class BlockConfiguration : IEntityTypeConfiguration<BlockRecord>
{
    public void Configure(EntityTypeBuilder<BlockRecord> builder)
    {
        builder.ToTable("Blocks");
        builder.HasIndex(b => new { b.AccountId, b.LiftedAt });
        builder.Property(b => b.TargetType).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.TargetKey).HasMaxLength(128);
    }
}

internal sealed class EnforcementLogConfiguration : IEntityTypeConfiguration<EnforcementLogRow>
{
    public void Configure(EntityTypeBuilder<EnforcementLogRow> builder)
    {
        builder.ToTable("EnforcementLog");
        builder.HasIndex(l => new { l.AccountId, l.Id });
        builder.HasIndex(l => new { l.AccountId, l.Time });
        builder.Property(l => l.Action).HasMaxLength(16);
    }
}
