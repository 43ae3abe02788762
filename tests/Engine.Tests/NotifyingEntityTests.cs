using System.ComponentModel;
using System.Reflection;
using Inburgering.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Tests;

/// <summary>
/// The rows a step loads and changes tell EF Core which property changes (<see cref="NotifyingEntity"/>): a mapped property
/// whose setter did not would silently not be saved, so every one is checked here, in both providers' models.
/// </summary>
public sealed class NotifyingEntityTests
{
    private static readonly Type[] Notifying =
        [typeof(InstanceEntity), typeof(ExecutionEntity), typeof(UserTaskEntity), typeof(TimerEntity), typeof(MessageSubscriptionEntity), typeof(JobEntity)];

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheRowsAStepChanges_AreTrackedByNotification_AndNothingElse(string provider)
    {
        using var db = Context(provider);
        var byNotification = db.Model.GetEntityTypes()
            .Where(e => e.GetChangeTrackingStrategy() == ChangeTrackingStrategy.ChangingAndChangedNotifications)
            .Select(e => e.ClrType)
            .ToList();
        Assert.Equal(Notifying.Select(t => t.Name).Order(), byNotification.Select(t => t.Name).Order());
        Assert.All(db.Model.GetEntityTypes().Where(e => !Notifying.Contains(e.ClrType)), e => Assert.False(e.ClrType.IsAssignableTo(typeof(NotifyingEntity)), e.ClrType.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryMappedProperty_SaysBeforeAndAfterItChanges_AndOnlyWhenItDoes(string provider)
    {
        using var db = Context(provider);
        foreach (var entityType in db.Model.GetEntityTypes().Where(e => Notifying.Contains(e.ClrType)))
        {
            foreach (var property in entityType.GetProperties())
            {
                var info = property.PropertyInfo ?? throw new InvalidOperationException($"{entityType.ClrType.Name}.{property.Name} has no CLR property.");
                var row = (NotifyingEntity)Activator.CreateInstance(entityType.ClrType)!;
                var events = new List<string>();
                ((INotifyPropertyChanging)row).PropertyChanging += (_, e) => events.Add($"changing {e.PropertyName} from {Show(info.GetValue(row))}");
                ((INotifyPropertyChanged)row).PropertyChanged += (_, e) => events.Add($"changed {e.PropertyName} to {Show(info.GetValue(row))}");
                var before = info.GetValue(row);
                var value = Other(info.PropertyType, before);

                info.SetValue(row, value);
                Assert.Equal([$"changing {property.Name} from {Show(before)}", $"changed {property.Name} to {Show(value)}"], events);

                // The same value again is no change.
                events.Clear();
                info.SetValue(row, value);
                Assert.Empty(events);
            }
        }
    }

    [Fact]
    public void AnInstantWithAnotherOffset_IsAChange_AsEfCoreComparesIt()
    {
        var timer = new TimerEntity { ElementId = "wacht", Spec = "P1D", DueAt = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero) };
        var changes = 0;
        timer.PropertyChanged += (_, _) => changes++;
        timer.DueAt = new DateTimeOffset(2027, 1, 1, 10, 0, 0, TimeSpan.FromHours(1));
        timer.ClaimedUntil = timer.DueAt;
        timer.ClaimedUntil = timer.DueAt.ToUniversalTime();
        timer.ClaimedUntil = null;
        Assert.Equal(4, changes);
    }

    [Fact]
    public async Task ARowLoadedChangedAndSaved_IsStored_AndARowOfADisposedContextCanBeTrackedAgain()
    {
        await using var h = await EngineHarness.CreateAsync(DatabaseProvider.Sqlite);
        var timer = new TimerEntity { Id = Guid.NewGuid(), ElementId = "wacht", Spec = "P1D", Kind = "duration", DueAt = At, FirstDueAt = At, CreatedAt = At };
        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            db.Timers.Add(timer);
            await db.SaveChangesAsync();
            timer.FiredCount = 1;
            timer.Version++;
            Assert.Equal(EntityState.Modified, db.Entry(timer).State);
            Assert.True(db.Entry(timer).Property(t => t.FiredCount).IsModified);
            Assert.False(db.Entry(timer).Property(t => t.DueAt).IsModified);

            // The concurrency token's original value is recorded when it changes: the update names it.
            Assert.Equal(0, db.Entry(timer).Property(t => t.Version).OriginalValue);
            await db.SaveChangesAsync();
        }

        // The disposed context no longer listens: the row changes freely and another context tracks it anew.
        timer.Version = 5;
        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            var loaded = await db.Timers.SingleAsync(t => t.Id == timer.Id);
            Assert.Equal((1, 1), (loaded.FiredCount, loaded.Version));
            loaded.Status = TimerStatus.Fired;
            loaded.Version++;
            await db.SaveChangesAsync();
        }

        await using (var db = h.Services.GetRequiredService<IEngineDbContextFactory>().Create())
        {
            var stored = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timer.Id);
            Assert.Equal((TimerStatus.Fired, 1, 2), (stored.Status, stored.FiredCount, stored.Version));
        }
    }

    private static readonly DateTimeOffset At = new(2027, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private static EngineDbContext Context(string provider) => provider == "Sqlite"
        ? new SqliteEngineDbContext(new DbContextOptionsBuilder<SqliteEngineDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresEngineDbContext(new DbContextOptionsBuilder<PostgresEngineDbContext>().UseNpgsql("Host=127.0.0.1").Options);

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    /// <summary>A value of <paramref name="type"/> that differs from <paramref name="current"/>.</summary>
    private static object Other(Type type, object? current)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            _ when plain == typeof(string) => (current as string) + "x",
            _ when plain == typeof(Guid) => Guid.NewGuid(),
            _ when plain == typeof(int) => (current as int? ?? 0) + 1,
            _ when plain == typeof(long) => (current as long? ?? 0) + 1,
            _ when plain == typeof(DateTimeOffset) => (current as DateTimeOffset? ?? At).AddTicks(1),
            _ when plain.IsEnum => Enum.GetValues(plain).Cast<object>().First(v => !v.Equals(current)),
            _ => throw new InvalidOperationException($"No other value of {plain.Name} made here: add it."),
        };
    }
}
