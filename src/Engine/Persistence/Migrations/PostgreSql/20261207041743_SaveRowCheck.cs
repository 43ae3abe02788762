using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// The check a step's save (StepSave) puts behind each update and delete: the statement must have found its row (by
    /// key and concurrency token), or the function raises, which aborts the save's implicit transaction; so a save is one
    /// round trip without BEGIN and COMMIT. The statement's position in the save is in the message (SQLSTATE IB409).
    /// </summary>
    public partial class SaveRowCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION engine_expect_row(affected bigint, statement integer) RETURNS integer
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF affected <> 1 THEN
                        RAISE EXCEPTION 'save statement % found % rows: changed or deleted since it was read (optimistic concurrency)', statement, affected
                            USING ERRCODE = 'IB409';
                    END IF;
                    RETURN 1;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS engine_expect_row(bigint, integer);");
        }
    }
}
