using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeptMessagesByExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_buffered_messages_kept",
                table: "buffered_messages",
                column: "expires_at",
                filter: "consumed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_buffered_messages_kept",
                table: "buffered_messages");
        }
    }
}
