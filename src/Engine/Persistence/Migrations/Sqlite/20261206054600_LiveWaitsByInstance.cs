using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveWaitsByInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_by_instance",
                table: "user_tasks",
                column: "instance_id",
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_timers_scheduled_by_instance",
                table: "timers",
                column: "instance_id",
                filter: "status = 'Scheduled'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_live_by_instance",
                table: "jobs",
                column: "instance_id",
                filter: "status IN ('Pending', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_by_instance",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_timers_scheduled_by_instance",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "ix_jobs_live_by_instance",
                table: "jobs");
        }
    }
}
