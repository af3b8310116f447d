using BudgetHub.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetHub.Infrastructure.Budgets;

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<PolicyRecord>
{
    public void Configure(EntityTypeBuilder<PolicyRecord> builder)
    {
        builder.ToTable("Policies");
        builder.HasIndex(p => p.AccountId);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ScopeType).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ScopeKey).HasMaxLength(128);
        builder.Property(p => p.Metric).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.WindowUnit).HasMaxLength(16);
        builder.Property(p => p.WebhookUrl).HasMaxLength(2000);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyAuditConfiguration : IEntityTypeConfiguration<PolicyAuditEntry>
{
    public void Configure(EntityTypeBuilder<PolicyAuditEntry> builder)
    {
        builder.ToTable("PolicyAudit");
        builder.HasIndex(a => new { a.AccountId, a.PolicyId, a.At });
    }
}
