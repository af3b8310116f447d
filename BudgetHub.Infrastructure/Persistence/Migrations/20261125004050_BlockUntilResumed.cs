using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BlockUntilResumed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BlockUntilResumed",
                table: "Policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BlockUntilResumed",
                table: "Policies");
        }
    }
}
