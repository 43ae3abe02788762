namespace Inburgering.Engine.Activities;

/// <summary>The activities the engine can run, by type key.</summary>
public interface IActivityCatalog
{
    IReadOnlyCollection<ActivityDescriptor> Descriptors { get; }

    ActivityDescriptor? Find(string type);

    /// <summary>Creates the activity for one execution (from a fresh DI scope).</summary>
    IActivity Create(string type, IServiceProvider services);
}
