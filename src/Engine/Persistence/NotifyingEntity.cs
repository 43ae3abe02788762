using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Inburgering.Engine.Persistence;

/// <summary>
/// A row a step loads and changes (an instance and what it waits on) that tells EF Core itself which property changes,
/// before and after (<see cref="Microsoft.EntityFrameworkCore.ChangeTrackingStrategy.ChangingAndChangedNotifications"/>,
/// set for these types in <see cref="EngineDbContext"/>). So the change tracker keeps no copy of every value of every row a
/// step loads (it records a property's original value when it is about to change) and does not compare every property
/// of every tracked row when the step saves: on the keten, snapshotting at the load and comparing at the save were about a
/// tenth of the service's CPU. Every mapped property's setter must go through <see cref="Set{T}(ref T, T, string)"/>: a
/// property set without a notification would not be saved (NotifyingEntityTests checks each one).
/// </summary>
internal abstract class NotifyingEntity : INotifyPropertyChanging, INotifyPropertyChanged
{
    /// <summary>The events' arguments, one pair per property name (a step changes its new rows' properties many times).</summary>
    private static readonly ConcurrentDictionary<string, (PropertyChangingEventArgs Changing, PropertyChangedEventArgs Changed)> Arguments = new(StringComparer.Ordinal);

    public event PropertyChangingEventHandler? PropertyChanging;

    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Sets <paramref name="field"/> and tells the change tracker, when the value differs.</summary>
    protected void Set<T>(ref T field, T value, [CallerMemberName] string property = "")
    {
        if (!EqualityComparer<T>.Default.Equals(field, value))
        {
            Change(ref field, value, property);
        }
    }

    /// <summary>As <see cref="Set{T}(ref T, T, string)"/>; an instant with another offset is a change, as EF Core compares it.</summary>
    protected void Set(ref DateTimeOffset field, DateTimeOffset value, [CallerMemberName] string property = "")
    {
        if (!field.EqualsExact(value))
        {
            Change(ref field, value, property);
        }
    }

    /// <summary>As <see cref="Set(ref DateTimeOffset, DateTimeOffset, string)"/>, for an optional instant.</summary>
    protected void Set(ref DateTimeOffset? field, DateTimeOffset? value, [CallerMemberName] string property = "")
    {
        if (field.HasValue != value.HasValue || (field.HasValue && !field.GetValueOrDefault().EqualsExact(value.GetValueOrDefault())))
        {
            Change(ref field, value, property);
        }
    }

    private void Change<T>(ref T field, T value, string property)
    {
        if (PropertyChanging is null && PropertyChanged is null)
        {
            // Not tracked (new, or read without tracking): nobody to tell.
            field = value;
            return;
        }

        var arguments = Arguments.GetOrAdd(property, static name => (new PropertyChangingEventArgs(name), new PropertyChangedEventArgs(name)));
        PropertyChanging?.Invoke(this, arguments.Changing);
        field = value;
        PropertyChanged?.Invoke(this, arguments.Changed);
    }
}
