using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Engine.Activities;

/// <summary>The activities registered through <see cref="ActivityServiceCollectionExtensions.AddActivity{T}"/>.</summary>
internal sealed class ActivityCatalog : IActivityCatalog
{
    private readonly Dictionary<string, (ActivityDescriptor Descriptor, Type Type)> _activities;

    public ActivityCatalog(IEnumerable<ActivityRegistration> registrations)
    {
        _activities = new(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!_activities.TryAdd(registration.Descriptor.Type, (registration.Descriptor, registration.ImplementationType)))
            {
                throw new InvalidOperationException($"Activity type '{registration.Descriptor.Type}' is registered twice.");
            }
        }
    }

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _activities.Values.Select(a => a.Descriptor).OrderBy(d => d.Type, StringComparer.Ordinal).ToList();

    public ActivityDescriptor? Find(string type) => _activities.TryGetValue(type, out var a) ? a.Descriptor : null;

    public IActivity Create(string type, IServiceProvider services) =>
        _activities.TryGetValue(type, out var a)
            ? (IActivity)ActivatorUtilities.CreateInstance(services, a.Type)
            : throw new InvalidOperationException($"Unknown activity type '{type}'.");
}

/// <summary>One activity class registered with the engine.</summary>
public sealed record ActivityRegistration(ActivityDescriptor Descriptor, Type ImplementationType);

public static class ActivityServiceCollectionExtensions
{
    /// <summary>Registers an activity class (with an <see cref="ActivityAttribute"/>) in the catalogue.</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services)
        where T : class, IActivity =>
        services.AddSingleton(new ActivityRegistration(ActivityDescriptors.Describe(typeof(T)), typeof(T)));

    /// <summary>Registers an activity with a hand-made descriptor (tests, generic activities).</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services, ActivityDescriptor descriptor)
        where T : class, IActivity =>
        services.AddSingleton(new ActivityRegistration(descriptor, typeof(T)));
}
