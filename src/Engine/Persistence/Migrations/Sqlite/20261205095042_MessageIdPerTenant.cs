using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageIdPerTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_buffered_messages_message_id",
                table: "buffered_messages");

            migrationBuilder.CreateIndex(
                name: "ix_buffered_messages_tenants_message_id",
                table: "buffered_messages",
                columns: new[] { "tenants", "message_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_buffered_messages_tenants_message_id",
                table: "buffered_messages");

            migrationBuilder.CreateIndex(
                name: "ix_buffered_messages_message_id",
                table: "buffered_messages",
                column: "message_id",
                unique: true);
        }
    }
}
