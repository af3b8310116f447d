using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlainEventRowIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "UsageEvents",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            // New row ids are now max(Id) + 1, so the checkpoint must not point past the highest row
            // (it can, if retention deleted that row): events past it would be counted as stored.
            migrationBuilder.Sql("UPDATE MeterCheckpoints SET CountedThroughEventId = min(CountedThroughEventId, (SELECT coalesce(max(Id), 0) FROM UsageEvents))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "UsageEvents",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);
        }
    }
}
