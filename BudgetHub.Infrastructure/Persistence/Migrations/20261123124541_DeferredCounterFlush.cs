using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeferredCounterFlush : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstEventId",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "MeterCheckpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    CountedThroughEventId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterCheckpoints", x => x.Id);
                });

            // Until now every event was counted in the commit that stored it.
            migrationBuilder.Sql("INSERT INTO MeterCheckpoints (Id, CountedThroughEventId) SELECT 1, coalesce(max(Id), 0) FROM UsageEvents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeterCheckpoints");

            migrationBuilder.DropColumn(
                name: "FirstEventId",
                table: "Conversations");
        }
    }
}
