using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ManualPausesInTheLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PausedBy",
                table: "EnforcementLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PausedUntil",
                table: "EnforcementLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PausedBy",
                table: "Blocks",
                type: "TEXT",
                nullable: true);

            // Pauses made before: their reason reads "Paused by <who>" or "Paused by <who>: <why>".
            migrationBuilder.Sql(
                """
                UPDATE Blocks SET PausedBy = CASE WHEN instr(Reason, ': ') > 0 THEN substr(Reason, 11, instr(Reason, ': ') - 11) ELSE substr(Reason, 11) END
                WHERE PolicyId IS NULL AND Reason LIKE 'Paused by %'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PausedBy",
                table: "EnforcementLog");

            migrationBuilder.DropColumn(
                name: "PausedUntil",
                table: "EnforcementLog");

            migrationBuilder.DropColumn(
                name: "PausedBy",
                table: "Blocks");
        }
    }
}
