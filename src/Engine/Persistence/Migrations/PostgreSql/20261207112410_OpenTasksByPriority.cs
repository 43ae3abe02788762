using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OpenTasksByPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_by_priority",
                table: "user_tasks",
                columns: new[] { "priority", "created_at", "id" },
                descending: new[] { true, false, false },
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_by_priority",
                table: "user_tasks");
        }
    }
}
