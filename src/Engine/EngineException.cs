namespace Inburgering.Engine;

/// <summary>What kind of error an <see cref="EngineError"/> is; a host maps it to a status code.</summary>
public enum EngineErrorKind
{
    /// <summary>The request or the BPMN file itself is wrong (422/400).</summary>
    Invalid,

    /// <summary>The thing does not exist, or the actor may not see it (404).</summary>
    NotFound,

    /// <summary>The state does not allow it now (409): task already done, claimed by someone else, lost a race.</summary>
    Conflict,

    /// <summary>The actor may see it but not do this (403).</summary>
    Forbidden,

    /// <summary>A path of an instance stopped at run time (model, expression, activity): kept as an incident, never thrown.</summary>
    Incident,
}

/// <summary>A command the engine refuses, with its <see cref="EngineError"/> (stable code, arguments, English default text).</summary>
#pragma warning disable CA1032 // Every refusal carries a coded error: deliberately no constructors from a bare message.
public sealed class EngineException : Exception
#pragma warning restore CA1032
{
    public EngineException(EngineError error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message, innerException)
    {
        Error = error;
    }

    public EngineError Error { get; }

    public string Code => Error.Code;

    public EngineErrorKind Kind => Error.Kind;
}
