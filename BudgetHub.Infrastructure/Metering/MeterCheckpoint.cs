using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The one row that says how far the stored counters go: every usage event with a row id up to
/// <see cref="CountedThroughEventId"/> is in <c>UsageCounters</c>. The writer adds the counters of
/// later events in memory first and stores them a little later (see <see cref="PendingCounters"/>);
/// after a crash, start-up counts the events past this mark again.
/// </summary>
public sealed class MeterCheckpoint
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;

    public long CountedThroughEventId { get; set; }
}

internal sealed class MeterCheckpointConfiguration : IEntityTypeConfiguration<MeterCheckpoint>
{
    public void Configure(EntityTypeBuilder<MeterCheckpoint> builder)
    {
        builder.ToTable("MeterCheckpoints");
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
