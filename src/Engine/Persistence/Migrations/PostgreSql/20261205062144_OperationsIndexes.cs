using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OperationsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_element_id_completed_at",
                table: "user_tasks",
                columns: new[] { "element_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_element_id_created_at",
                table: "user_tasks",
                columns: new[] { "element_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_element_id_status_due_at",
                table: "user_tasks",
                columns: new[] { "element_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_status_due_at",
                table: "user_tasks",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_tenant_id_status_due_at",
                table: "user_tasks",
                columns: new[] { "tenant_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_timers_element_id_status_due_at",
                table: "timers",
                columns: new[] { "element_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_activity_type_completed_at",
                table: "jobs",
                columns: new[] { "activity_type", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_ended_at",
                table: "instances",
                columns: new[] { "definition_key", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_started_at",
                table: "instances",
                columns: new[] { "definition_key", "started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_element_id_completed_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_element_id_created_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_element_id_status_due_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_status_due_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_tenant_id_status_due_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_timers_element_id_status_due_at",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "ix_jobs_activity_type_completed_at",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_ended_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_started_at",
                table: "instances");
        }
    }
}
