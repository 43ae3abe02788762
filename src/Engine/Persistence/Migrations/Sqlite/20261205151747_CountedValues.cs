using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CountedValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_ended_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_started_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_status",
                table: "instances");

            migrationBuilder.AddColumn<string>(
                name: "counted_values",
                table: "instances",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_ended_at_tenant_id",
                table: "instances",
                columns: new[] { "definition_key", "ended_at", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_started_at_tenant_id",
                table: "instances",
                columns: new[] { "definition_key", "started_at", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_status_tenant_id_counted_values",
                table: "instances",
                columns: new[] { "definition_key", "status", "tenant_id", "counted_values" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_ended_at_tenant_id",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_started_at_tenant_id",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "ix_instances_definition_key_status_tenant_id_counted_values",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "counted_values",
                table: "instances");

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_ended_at",
                table: "instances",
                columns: new[] { "definition_key", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_started_at",
                table: "instances",
                columns: new[] { "definition_key", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_status",
                table: "instances",
                columns: new[] { "definition_key", "status" });
        }
    }
}
