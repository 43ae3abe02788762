using System.Net;
using System.Text.Json.Nodes;
using Inburgering.Engine.Activities;

namespace Inburgering.Activities.Partners;

/// <summary>How a partner call ended, in the terms the engine needs.</summary>
public enum PartnerOutcome
{
    /// <summary>Answered as asked.</summary>
    Ok,

    /// <summary>The partner does not know the person or resource (404).</summary>
    NotFound,

    /// <summary>The partner refused on business grounds, with messages for a person to read.</summary>
    Rejected,

    /// <summary>Down, slow, 5xx, throttled: worth retrying later.</summary>
    Transient,

    /// <summary>Our request or their answer breaks the contract, or we are not authorised: retrying cannot help.</summary>
    Permanent,
}

/// <summary>The result of one partner call: a value or the reason there is none.</summary>
public sealed record PartnerResult<T>(PartnerOutcome Outcome, T? Value, string Message, IReadOnlyList<string> Messages, HttpStatusCode? Status = null)
{
    /// <summary>A machine-readable reason the partner gave with a rejection (problem+json extension <c>code</c>), if any.</summary>
    public string? Code { get; init; }

    public PartnerResult<TOther> As<TOther>() => new(Outcome, default, Message, Messages, Status) { Code = Code };
}

/// <summary>Factory for <see cref="PartnerResult{T}"/>.</summary>
public static class PartnerResult
{
    public static PartnerResult<T> Ok<T>(T value, HttpStatusCode status) => new(PartnerOutcome.Ok, value, "", [], status);

    public static PartnerResult<T> Failed<T>(PartnerOutcome outcome, string message, HttpStatusCode? status = null, IReadOnlyList<string>? messages = null) =>
        new(outcome, default, message, messages ?? [message], status);
}

/// <summary>Turns a <see cref="PartnerResult{T}"/> into the activity's outcome.</summary>
public static class PartnerActivityResults
{
    /// <summary>
    /// Ok runs <paramref name="onOk"/>; NotFound raises <paramref name="notFoundCode"/>; Rejected raises
    /// <paramref name="rejectedCode"/> with the partner's messages (also as variable <paramref name="messagesVariable"/>);
    /// Transient fails retryably; Permanent fails for good (an incident for a person).
    /// </summary>
    public static ActivityResult ToActivityResult<T>(
        this PartnerResult<T> result,
        string notFoundCode,
        string rejectedCode,
        Func<T, ActivityResult> onOk,
        string messagesVariable = "partnerMeldingen") =>
        result.Outcome switch
        {
            PartnerOutcome.Ok => onOk(result.Value!),
            PartnerOutcome.NotFound => ActivityResult.Raise(notFoundCode, result.Message),
            PartnerOutcome.Rejected => ActivityResult.Raise(
                rejectedCode,
                result.Message,
                new JsonObject { [messagesVariable] = new JsonArray(result.Messages.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()) }),
            PartnerOutcome.Transient => ActivityResult.Fail(result.Message, retryable: true),
            _ => ActivityResult.Fail(result.Message, retryable: false),
        };
}
