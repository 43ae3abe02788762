using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    // Written by hand after `dotnet ef migrations add` (which saw two unrelated columns and would have dropped the data):
    // the columns are renamed in place, so the instances, tasks, timers and incidents of a running database keep their
    // gemeente as their tenant. The Designer file and the model snapshot are as generated.
    // SQLite keeps no length on TEXT columns, so the longer tenant id (64) needs no change of the column itself.
    public partial class TenantInsteadOfGemeente : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_gemeente_status_created_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_instances_gemeente_status_started_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_incidents_status_gemeente",
                table: "incidents");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "user_tasks",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "timers",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "message_subscriptions",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "jobs",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "instances",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeente",
                table: "incidents",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "gemeenten",
                table: "buffered_messages",
                newName: "tenants");

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_tenant_id_status_created_at",
                table: "user_tasks",
                columns: new[] { "tenant_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_tenant_id_status_started_at",
                table: "instances",
                columns: new[] { "tenant_id", "status", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_status_tenant_id",
                table: "incidents",
                columns: new[] { "status", "tenant_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_tenant_id_status_created_at",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_instances_tenant_id_status_started_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_incidents_status_tenant_id",
                table: "incidents");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "user_tasks",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "timers",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "message_subscriptions",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "jobs",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "instances",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "incidents",
                newName: "gemeente");

            migrationBuilder.RenameColumn(
                name: "tenants",
                table: "buffered_messages",
                newName: "gemeenten");

            migrationBuilder.DropColumn(
                name: "error",
                table: "incidents");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_gemeente_status_created_at",
                table: "user_tasks",
                columns: new[] { "gemeente", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_gemeente_status_started_at",
                table: "instances",
                columns: new[] { "gemeente", "status", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_status_gemeente",
                table: "incidents",
                columns: new[] { "status", "gemeente" });
        }
    }
}
