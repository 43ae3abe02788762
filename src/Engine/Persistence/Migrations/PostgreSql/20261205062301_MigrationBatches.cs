using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class MigrationBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "migration_batch_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    report = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migration_batch_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "migration_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    total = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migration_batches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_migration_batch_items_batch_id_status",
                table: "migration_batch_items",
                columns: new[] { "batch_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_migration_batch_items_instance_id",
                table: "migration_batch_items",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_migration_batches_status_created_at",
                table: "migration_batches",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "migration_batch_items");

            migrationBuilder.DropTable(
                name: "migration_batches");
        }
    }
}
