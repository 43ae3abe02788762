using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisplayValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "display_values",
                table: "instances",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "display_values",
                table: "instances");
        }
    }
}
