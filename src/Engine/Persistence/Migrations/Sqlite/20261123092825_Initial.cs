using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Inburgering.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "buffered_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    correlation_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    gemeenten = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    variables = table.Column<string>(type: "TEXT", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    consumed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    consumed_by_instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_buffered_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "definitions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    deployment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    deployed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    deployed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    message_starts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "executions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    arrived_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    local_variables = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    failed_operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_executions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    job_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    activity_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    definition_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    definition_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    variables = table.Column<string>(type: "TEXT", nullable: false),
                    parent_instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_execution_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    root_instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    open_incidents = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    activity_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    user = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    correlation_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "simulation_clock",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    now = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulation_clock", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "timers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    definition_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    spec = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    fired_count = table.Column<int>(type: "INTEGER", nullable: false),
                    first_due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    fired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    documentation = table.Column<string>(type: "TEXT", nullable: true),
                    definition_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    gemeente = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    candidate_groups = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    candidate_users = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    follow_up_at = table.Column<long>(type: "INTEGER", nullable: true),
                    form_key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    properties = table.Column<string>(type: "TEXT", nullable: true),
                    four_eyes_roles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    approvals = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_buffered_messages_message_id",
                table: "buffered_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_buffered_messages_name_correlation_key_consumed_at",
                table: "buffered_messages",
                columns: new[] { "name", "correlation_key", "consumed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_definitions_key_content_hash",
                table: "definitions",
                columns: new[] { "key", "content_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_definitions_key_version",
                table: "definitions",
                columns: new[] { "key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_executions_instance_id",
                table: "executions",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_activity_type_status",
                table: "incidents",
                columns: new[] { "activity_type", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_instance_id",
                table: "incidents",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_status_gemeente",
                table: "incidents",
                columns: new[] { "status", "gemeente" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_business_key",
                table: "instances",
                column: "business_key");

            migrationBuilder.CreateIndex(
                name: "ix_instances_definition_key_status",
                table: "instances",
                columns: new[] { "definition_key", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_gemeente_status_started_at",
                table: "instances",
                columns: new[] { "gemeente", "status", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_instances_parent_instance_id",
                table: "instances",
                column: "parent_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_instance_id",
                table: "jobs",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_status_due_at",
                table: "jobs",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_instance_id_id",
                table: "journal",
                columns: new[] { "instance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_message_subscriptions_instance_id",
                table: "message_subscriptions",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_subscriptions_message_name_correlation_key",
                table: "message_subscriptions",
                columns: new[] { "message_name", "correlation_key" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_created_at",
                table: "outbox",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_timers_instance_id",
                table: "timers",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_timers_status_due_at",
                table: "timers",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_assignee_status",
                table: "user_tasks",
                columns: new[] { "assignee", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_gemeente_status_created_at",
                table: "user_tasks",
                columns: new[] { "gemeente", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_instance_id",
                table: "user_tasks",
                column: "instance_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "buffered_messages");

            migrationBuilder.DropTable(
                name: "definitions");

            migrationBuilder.DropTable(
                name: "executions");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "journal");

            migrationBuilder.DropTable(
                name: "message_subscriptions");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "simulation_clock");

            migrationBuilder.DropTable(
                name: "timers");

            migrationBuilder.DropTable(
                name: "user_tasks");
        }
    }
}
