using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inburgering.Engine.Persistence;

internal sealed class DefinitionConfiguration : IEntityTypeConfiguration<DefinitionEntity>
{
    public void Configure(EntityTypeBuilder<DefinitionEntity> builder)
    {
        builder.ToTable("Definitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Key).HasMaxLength(200);
        builder.Property(d => d.Name).HasMaxLength(500);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.Source).HasMaxLength(500);
        builder.Property(d => d.DeployedBy).HasMaxLength(200);
        builder.Property(d => d.MessageStarts).HasMaxLength(2000);
        builder.HasIndex(d => new { d.Key, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.Key, d.ContentHash });
    }
}

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<InstanceEntity>
{
    public void Configure(EntityTypeBuilder<InstanceEntity> builder)
    {
        builder.ToTable("Instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.DefinitionKey).HasMaxLength(200);
        builder.Property(i => i.BusinessKey).HasMaxLength(200);
        builder.Property(i => i.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(i => i.StartedBy).HasMaxLength(200);
        builder.Property(i => i.EndReason).HasMaxLength(1000);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.TenantId, i.Status, i.StartedAt });
        builder.HasIndex(i => i.BusinessKey);
        builder.Property(i => i.CountedValues).HasMaxLength(2000);

        // Running instances per process (the schakel counts) and per counted value and tenant, from the index alone.
        builder.HasIndex(i => new { i.DefinitionKey, i.Status, i.TenantId, i.CountedValues });
        builder.HasIndex(i => i.ParentInstanceId);

        // The called instance of a call activity whose scope ends (an interrupting boundary event) or whose hand-back is
        // retried: without it, every such lookup scanned all instances.
        builder.HasIndex(i => i.ParentExecutionId);

        // A case's running instances (the top-level one and those it called): a case handover and case-wide variables look
        // them up on every such step; without it, each lookup scanned all instances (16 ms at 39,000 instances).
        builder.HasIndex(i => new { i.RootInstanceId, i.Status });

        // Operations' counts per quarter: started and ended per process and tenant, from the index alone.
        builder.HasIndex(i => new { i.DefinitionKey, i.StartedAt, i.TenantId });
        builder.HasIndex(i => new { i.DefinitionKey, i.EndedAt, i.TenantId });
        builder.HasIndex(i => new { i.TenantId, i.EndedAt });
    }
}

internal sealed class ExecutionConfiguration : IEntityTypeConfiguration<ExecutionEntity>
{
    public void Configure(EntityTypeBuilder<ExecutionEntity> builder)
    {
        builder.ToTable("Executions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ElementId).HasMaxLength(200);
        builder.Property(e => e.ArrivedBy).HasMaxLength(200);
        builder.Property(e => e.FailedOperation).HasMaxLength(32);
        builder.HasIndex(e => e.InstanceId);
    }
}

internal sealed class UserTaskConfiguration : IEntityTypeConfiguration<UserTaskEntity>
{
    public void Configure(EntityTypeBuilder<UserTaskEntity> builder)
    {
        builder.ToTable("UserTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ElementId).HasMaxLength(200);
        builder.Property(t => t.Name).HasMaxLength(500);
        builder.Property(t => t.DefinitionKey).HasMaxLength(200);
        builder.Property(t => t.BusinessKey).HasMaxLength(200);
        builder.Property(t => t.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(t => t.Assignee).HasMaxLength(200);
        builder.Property(t => t.CandidateGroups).HasMaxLength(2000);
        builder.Property(t => t.CandidateUsers).HasMaxLength(2000);
        builder.Property(t => t.FormKey).HasMaxLength(500);
        builder.Property(t => t.CompletedBy).HasMaxLength(200);
        builder.Property(t => t.FourEyesRoles).HasMaxLength(500);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.TenantId, t.Status, t.CreatedAt });
        builder.HasIndex(t => t.InstanceId);
        builder.HasIndex(t => new { t.Assignee, t.Status });

        // A step's load reads the open tasks of its instance (PostgresLoads): an index of open tasks alone, whatever the
        // instance's history and however many tasks are open elsewhere.
        builder.HasIndex(t => t.InstanceId, "ix_user_tasks_open_by_instance").HasFilter("status = 'Open'");

        // The open tasks in the API's default order (priority, then oldest first): a page is read in index order, not sorted
        // from every open task of the gemeenten (12,600 open tasks at 10,000 trajecten: 1–7 ms a page of 500 instead of 13).
        builder.HasIndex(t => new { t.Priority, t.CreatedAt, t.Id }, "ix_user_tasks_open_by_priority").IsDescending(true, false, false).HasFilter("status = 'Open'");

        // The werkvoorraad by due date and operations' overdue lists and counts (per element, by due, creation or completion).
        builder.HasIndex(t => new { t.TenantId, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.ElementId, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.ElementId, t.CompletedAt });
        builder.HasIndex(t => new { t.ElementId, t.CreatedAt });
    }
}

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> builder)
    {
        builder.ToTable("Timers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ElementId).HasMaxLength(200);
        builder.Property(t => t.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(t => t.Spec).HasMaxLength(500);
        builder.Property(t => t.Kind).HasMaxLength(16);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.ElementId, t.Status, t.DueAt });
        builder.HasIndex(t => t.InstanceId);

        // The scheduled timers of an instance, for a step's load (a traject has fired dozens by its end).
        builder.HasIndex(t => t.InstanceId, "ix_timers_scheduled_by_instance").HasFilter("status = 'Scheduled'");
    }
}

internal sealed class MessageSubscriptionConfiguration : IEntityTypeConfiguration<MessageSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<MessageSubscriptionEntity> builder)
    {
        builder.ToTable("MessageSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ElementId).HasMaxLength(200);
        builder.Property(s => s.MessageName).HasMaxLength(200);
        builder.Property(s => s.CorrelationKey).HasMaxLength(200);
        builder.Property(s => s.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.HasIndex(s => new { s.MessageName, s.CorrelationKey });
        builder.HasIndex(s => s.InstanceId);
    }
}

internal sealed class BufferedMessageConfiguration : IEntityTypeConfiguration<BufferedMessageEntity>
{
    public void Configure(EntityTypeBuilder<BufferedMessageEntity> builder)
    {
        builder.ToTable("BufferedMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.CorrelationKey).HasMaxLength(200);
        builder.Property(m => m.Tenants).HasMaxLength(2000);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Name, m.CorrelationKey, m.ConsumedAt });
        // A message id is unique per tenant scope (issue 9): one gemeente's id never suppresses another's message.
        builder.HasIndex(m => new { m.Tenants, m.MessageId }).IsUnique();

        // The messages still kept, by expiry: the kept-messages pass of every clock advance and reconciler pass reads the few
        // not yet taken instead of every message received (most are taken at once; 37,000 rows by week 18 of the keten's
        // 10,000 trajecten, 16 ms a pass to read them all).
        builder.HasIndex(m => m.ExpiresAt, "ix_buffered_messages_kept").HasFilter("consumed_at IS NULL");
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<JobEntity>
{
    public void Configure(EntityTypeBuilder<JobEntity> builder)
    {
        builder.ToTable("Jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.ElementId).HasMaxLength(200);
        builder.Property(j => j.ActivityType).HasMaxLength(200);
        builder.Property(j => j.DefinitionKey).HasMaxLength(200);
        builder.Property(j => j.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(j => j.BusinessKey).HasMaxLength(200);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(200);
        builder.Property(j => j.LockedBy).HasMaxLength(200);
        builder.Property(j => j.TraceParent).HasMaxLength(64);
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.HasIndex(j => new { j.Status, j.DueAt });
        builder.HasIndex(j => j.InstanceId);
        builder.HasIndex(j => new { j.ActivityType, j.CompletedAt });

        // The live jobs of an instance, for a step's load (a traject makes some sixty partner calls).
        builder.HasIndex(j => j.InstanceId, "ix_jobs_live_by_instance").HasFilter("status IN ('Pending', 'Running')");
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentEntity>
{
    public void Configure(EntityTypeBuilder<IncidentEntity> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ElementId).HasMaxLength(200);
        builder.Property(i => i.Type).HasMaxLength(32);
        builder.Property(i => i.ActivityType).HasMaxLength(200);
        builder.Property(i => i.DefinitionKey).HasMaxLength(200);
        builder.Property(i => i.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(i => i.ResolvedBy).HasMaxLength(200);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.TenantId });
        builder.HasIndex(i => new { i.ActivityType, i.Status });
        builder.HasIndex(i => i.InstanceId);
    }
}

internal sealed class AccessLogConfiguration : IEntityTypeConfiguration<AccessLogEntity>
{
    public void Configure(EntityTypeBuilder<AccessLogEntity> builder)
    {
        builder.ToTable("AccessLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.User).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.TenantId).HasMaxLength(Tenants.MaxLength);
        builder.Property(a => a.Detail).HasMaxLength(500);
        builder.HasIndex(a => new { a.RootInstanceId, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.At });
    }
}

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalEntity>
{
    public void Configure(EntityTypeBuilder<JournalEntity> builder)
    {
        builder.ToTable("Journal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.Property(j => j.Type).HasMaxLength(64);
        builder.Property(j => j.ElementId).HasMaxLength(200);
        builder.Property(j => j.User).HasMaxLength(200);
        builder.HasIndex(j => new { j.InstanceId, j.Id });
    }
}

internal sealed class SimulationClockConfiguration : IEntityTypeConfiguration<SimulationClockEntity>
{
    public void Configure(EntityTypeBuilder<SimulationClockEntity> builder)
    {
        builder.ToTable("SimulationClock");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxEntity>
{
    public void Configure(EntityTypeBuilder<OutboxEntity> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedOnAdd();
        builder.Property(o => o.Kind).HasMaxLength(16);
        builder.HasIndex(o => o.CreatedAt);
    }
}
