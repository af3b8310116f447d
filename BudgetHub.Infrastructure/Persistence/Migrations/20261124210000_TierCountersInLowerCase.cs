using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Tier labels match in any case: the counters of a tier sent as "Pro" and as "pro" become one, under the
    /// label in lower case (SQLite's lower() changes ASCII letters only: "Élite" keeps its rows, which the meter and the
    /// usage queries read as "élite", see TierLabels).
    /// </summary>
    public partial class TierCountersInLowerCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart, Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
                SELECT AccountId, Dimension, lower(DimensionKey), Filter, Granularity, BucketStart, sum(Tokens), sum(Messages), sum(Conversations), sum(CostMicros), sum(Calls), sum(Errors), sum(UnpricedCalls)
                FROM UsageCounters WHERE Dimension = 'tier' AND DimensionKey <> lower(DimensionKey)
                GROUP BY AccountId, Dimension, lower(DimensionKey), Filter, Granularity, BucketStart
                ON CONFLICT (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart) DO UPDATE SET
                    Tokens = Tokens + excluded.Tokens, Messages = Messages + excluded.Messages, Conversations = Conversations + excluded.Conversations, CostMicros = CostMicros + excluded.CostMicros, Calls = Calls + excluded.Calls, Errors = Errors + excluded.Errors, UnpricedCalls = UnpricedCalls + excluded.UnpricedCalls;
                DELETE FROM UsageCounters WHERE Dimension = 'tier' AND DimensionKey <> lower(DimensionKey);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
