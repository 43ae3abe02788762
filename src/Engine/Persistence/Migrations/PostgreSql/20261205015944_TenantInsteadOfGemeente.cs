using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    // Written by hand after `dotnet ef migrations add` (which saw two unrelated columns and would have dropped the data):
    // the columns are renamed in place, so the instances, tasks, timers and incidents of a running database keep their
    // gemeente as their tenant. The Designer file and the model snapshot are as generated.
    public partial class TenantInsteadOfGemeente : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "user_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "timers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "message_subscriptions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "jobs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "instances",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "incidents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4)",
                oldMaxLength: 4,
                oldNullable: false);

            migrationBuilder.RenameIndex(
                name: "ix_user_tasks_gemeente_status_created_at",
                table: "user_tasks",
                newName: "ix_user_tasks_tenant_id_status_created_at");

            migrationBuilder.RenameIndex(
                name: "ix_instances_gemeente_status_started_at",
                table: "instances",
                newName: "ix_instances_tenant_id_status_started_at");

            migrationBuilder.RenameIndex(
                name: "ix_incidents_status_gemeente",
                table: "incidents",
                newName: "ix_incidents_status_tenant_id");

            migrationBuilder.AddColumn<string>(
                name: "error",
                table: "incidents",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "error",
                table: "incidents");

            migrationBuilder.RenameIndex(
                name: "ix_user_tasks_tenant_id_status_created_at",
                table: "user_tasks",
                newName: "ix_user_tasks_gemeente_status_created_at");

            migrationBuilder.RenameIndex(
                name: "ix_instances_tenant_id_status_started_at",
                table: "instances",
                newName: "ix_instances_gemeente_status_started_at");

            migrationBuilder.RenameIndex(
                name: "ix_incidents_status_tenant_id",
                table: "incidents",
                newName: "ix_incidents_status_gemeente");

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "user_tasks",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "timers",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "message_subscriptions",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "jobs",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "instances",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: false);

            migrationBuilder.AlterColumn<string>(
                name: "tenant_id",
                table: "incidents",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: false);

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
        }
    }
}
