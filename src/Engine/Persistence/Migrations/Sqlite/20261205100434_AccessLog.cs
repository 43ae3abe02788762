using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "personal_data_erased_at",
                table: "instances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    user = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    root_instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_instances_tenant_id_ended_at",
                table: "instances",
                columns: new[] { "tenant_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_access_log_root_instance_id_id",
                table: "access_log",
                columns: new[] { "root_instance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_access_log_tenant_id_at",
                table: "access_log",
                columns: new[] { "tenant_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_log");

            migrationBuilder.DropIndex(
                name: "ix_instances_tenant_id_ended_at",
                table: "instances");

            migrationBuilder.DropColumn(
                name: "personal_data_erased_at",
                table: "instances");
        }
    }
}
