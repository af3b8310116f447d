using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class BlockUntilResumed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "blockuntilresumed",
                table: "policies",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "blockuntilresumed",
                table: "policies");
        }
    }
}
