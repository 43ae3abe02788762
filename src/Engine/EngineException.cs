namespace Inburgering.Engine;

/// <summary>What kind of refusal an <see cref="EngineException"/> is; the API maps it to a status code.</summary>
public enum EngineErrorKind
{
    /// <summary>The request itself is wrong (422/400).</summary>
    Invalid,

    /// <summary>The thing does not exist, or the actor may not see it (404).</summary>
    NotFound,

    /// <summary>The state does not allow it now (409): task already done, claimed by someone else, lost a race.</summary>
    Conflict,

    /// <summary>The actor may see it but not do this (403).</summary>
    Forbidden,
}

/// <summary>A command the engine refuses, with a reason a person can read (Dutch).</summary>
public sealed class EngineException : Exception
{
    public EngineException()
    {
    }

    public EngineException(string message)
        : base(message)
    {
    }

    public EngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EngineException(string message, EngineErrorKind kind)
        : base(message)
    {
        Kind = kind;
    }

    public EngineErrorKind Kind { get; } = EngineErrorKind.Conflict;
}
