using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inburgering.Engine.Activities;

/// <summary>
/// Binds an activity class to its stable type key (<c>camunda:topic</c>) and says how it reads in the designer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string name) : Attribute
{
    public string Type { get; } = type;

    public string Name { get; } = name;

    public string Category { get; init; } = "General";

    public string Description { get; init; } = "";

    /// <summary>BPMN error codes the activity may raise, as "CODE: omschrijving" strings.</summary>
    public string[] ErrorCodes { get; init; } = [];

    public int MaxAttempts { get; init; } = 5;

    public int InitialDelaySeconds { get; init; } = 10;

    public int MaxDelaySeconds { get; init; } = 6 * 3600;
}

/// <summary>
/// A typed activity: nested <typeparamref name="TInput"/> and <typeparamref name="TOutput"/> records,
/// one <see cref="ExecuteAsync(TInput, ActivityContext, CancellationToken)"/>.
/// Describe inputs and outputs with <see cref="DescriptionAttribute"/> on the record parameters.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
    where TInput : class
    where TOutput : class
{
    /// <summary>The input's required fields (JSON names), read from <typeparamref name="TInput"/> once, not on every call.</summary>
    private static readonly string[] RequiredInputs = ActivityDescriptors.Parameters(typeof(TInput)).Where(p => p.Required).Select(p => p.Name).ToArray();

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        TInput? input;
        try
        {
            input = context.Input.Deserialize<TInput>(ActivityJson.Options);
        }
        catch (JsonException ex)
        {
            return ActivityResult.Fail(EngineErrors.ActivityInputInvalid.With(("activityType", context.ActivityType), ("reason", ex.Message)), retryable: false);
        }

        if (input is null)
        {
            return ActivityResult.Fail(EngineErrors.ActivityInputMissing.With(("activityType", context.ActivityType)), retryable: false);
        }

        var missing = ActivityDescriptors.MissingRequired(RequiredInputs, context.Input);
        if (missing.Count > 0)
        {
            return ActivityResult.Fail(
                EngineErrors.ActivityInputRequiredMissing.With(("activityType", context.ActivityType), ("fields", missing)), retryable: false);
        }

        return await ExecuteAsync(input, context, cancellationToken);
    }

    protected abstract ValueTask<ActivityResult> ExecuteAsync(TInput input, ActivityContext context, CancellationToken cancellationToken);

    protected static ActivityResult Complete(TOutput output) =>
        ActivityResult.Complete(JsonSerializer.SerializeToNode(output, ActivityJson.Options)!.AsObject());
}

/// <summary>JSON settings shared by activities and their descriptors (camelCase, as variables are named).</summary>
public static class ActivityJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Builds <see cref="ActivityDescriptor"/>s from activity classes.</summary>
internal static class ActivityDescriptors
{
    public static ActivityDescriptor Describe(Type activityType)
    {
        var attribute = activityType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{activityType.Name} has no [Activity] attribute.");
        var baseType = activityType;
        while (baseType is not null && !(baseType.IsGenericType && baseType.GetGenericTypeDefinition() == typeof(Activity<,>)))
        {
            baseType = baseType.BaseType;
        }

        var inputs = baseType is null ? [] : Parameters(baseType.GetGenericArguments()[0]);
        var outputs = baseType is null ? [] : Parameters(baseType.GetGenericArguments()[1]);
        var errors = attribute.ErrorCodes
            .Select(e => e.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(p => new ActivityErrorCode(p[0], p.Length > 1 ? p[1] : ""))
            .ToList();
        return new ActivityDescriptor(
            attribute.Type,
            attribute.Name,
            attribute.Category,
            attribute.Description,
            inputs,
            outputs,
            errors,
            new RetryPolicy(
                attribute.MaxAttempts,
                TimeSpan.FromSeconds(attribute.InitialDelaySeconds),
                3,
                TimeSpan.FromSeconds(attribute.MaxDelaySeconds),
                0.2));
    }

    internal static List<string> MissingRequired(IEnumerable<string> required, JsonObject input) =>
        required.Where(name => !input.TryGetPropertyValue(name, out var v) || v is null).ToList();

    internal static List<ActivityParameter> Parameters(Type recordType)
    {
        var constructor = recordType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var nullability = new NullabilityInfoContext();
        var result = new List<ActivityParameter>();
        foreach (var property in recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var parameter = constructor?.GetParameters().FirstOrDefault(p => p.Name == property.Name);
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? parameter?.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? "";
            var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            var required = !nullable && parameter is not null && !parameter.HasDefaultValue;
            result.Add(new ActivityParameter(JsonNamingPolicy.CamelCase.ConvertName(property.Name), JsonTypeName(property.PropertyType), required, description));
        }

        return result;
    }

    internal static string JsonTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsEnum || type == typeof(Guid))
        {
            return "string";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type == typeof(DateOnly))
        {
            return "date";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "date-time";
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return "number";
        }

        return typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "array" : "object";
    }
}
