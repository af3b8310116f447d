using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CheckpointAtOrBelowLastEvent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Row ids are max(Id) + 1 since PlainEventRowIds, so the checkpoint must not point past the
            // highest row (it can, if retention deleted that row): new events there would be taken as
            // counted. Lowering it to the highest row recounts nothing, as no event lies in between.
            migrationBuilder.Sql("UPDATE MeterCheckpoints SET CountedThroughEventId = min(CountedThroughEventId, (SELECT coalesce(max(Id), 0) FROM UsageEvents))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
