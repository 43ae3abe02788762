using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inburgering.Engine.Persistence;

internal enum MigrationBatchStatus
{
    Running,
    Completed,
}

internal enum MigrationItemStatus
{
    Pending,
    Migrated,
    Failed,
}

/// <summary>A batch of instance migrations: the plan and who started it. Its items are the instances, each done in its own step.</summary>
internal sealed class MigrationBatchEntity
{
    public Guid Id { get; set; }

    public Guid SourceDefinitionId { get; set; }

    public Guid TargetDefinitionId { get; set; }

    /// <summary>The plan as JSON (<see cref="InstanceMigration.MigrationPlan"/>).</summary>
    public required string Plan { get; set; }

    public MigrationBatchStatus Status { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int Total { get; set; }

    public int Version { get; set; }
}

/// <summary>One instance of a batch. Set to migrated or failed in the same transaction that migrates (or refuses) the instance.</summary>
internal sealed class MigrationBatchItemEntity
{
    public Guid Id { get; set; }

    public Guid BatchId { get; set; }

    public Guid InstanceId { get; set; }

    public MigrationItemStatus Status { get; set; }

    public DateTimeOffset? At { get; set; }

    /// <summary>What was done or why not, as JSON ({waits, problems}).</summary>
    public string? Report { get; set; }

    public int Version { get; set; }
}

internal sealed class MigrationBatchConfiguration : IEntityTypeConfiguration<MigrationBatchEntity>
{
    public void Configure(EntityTypeBuilder<MigrationBatchEntity> builder)
    {
        builder.ToTable("MigrationBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.CreatedBy).HasMaxLength(200);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.Status, b.CreatedAt });
    }
}

internal sealed class MigrationBatchItemConfiguration : IEntityTypeConfiguration<MigrationBatchItemEntity>
{
    public void Configure(EntityTypeBuilder<MigrationBatchItemEntity> builder)
    {
        builder.ToTable("MigrationBatchItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.BatchId, i.Status });
        builder.HasIndex(i => i.InstanceId);
    }
}
