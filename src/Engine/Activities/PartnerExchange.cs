using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Inburgering.Engine.Activities;

/// <summary>
/// What the last attempt of a partner call sent and got back, kept on an activity incident so a beheerder can see why it
/// failed: <see cref="Request"/> is the activity's resolved inputs as the engine passed them (JSON text); where the activity
/// made an HTTP call, its <see cref="Method"/>, <see cref="Url"/>, <see cref="Status"/> (null when no answer came) and an
/// excerpt of the partner's answer (<see cref="Response"/>, or the transport error). Each text is cut to
/// <see cref="PartnerExchanges.MaxRequestLength"/> / <see cref="PartnerExchanges.MaxResponseLength"/> characters. Holds
/// personal data (a BSN in the inputs and in DUO's URLs).
/// </summary>
[Description("Wat de laatste poging van een mislukte partneraanroep verstuurde en terugkreeg (bevat persoonsgegevens; alleen voor een beheerder).")]
public sealed record PartnerExchange(
    [property: Description("Verzoek: de invoer van de activiteit zoals de engine die doorgaf (JSON-tekst, ingekort tot 4000 tekens).")] string Request,
    [property: Description("De HTTP-methode van de aanroep, als de activiteit een HTTP-aanroep deed.")] string? Method,
    [property: Description("De URL van de aanroep.")] string? Url,
    [property: Description("De HTTP-status van het antwoord; leeg als er geen antwoord kwam.")] int? Status,
    [property: Description("Antwoord: het begin van de body van het antwoord van de partner (ingekort tot 2000 tekens), of de transportfout.")] string? Response);

/// <summary>
/// Where an activity tells the engine about its HTTP exchange with a partner (<see cref="Record"/>, called by the partner
/// clients' shared transport). The engine listens around each attempt; outside an attempt a call is ignored.
/// </summary>
public static class PartnerExchanges
{
    /// <summary>The most characters of the inputs kept.</summary>
    public const int MaxRequestLength = 4000;

    /// <summary>The most characters of the partner's answer kept.</summary>
    public const int MaxResponseLength = 2000;

    private static readonly AsyncLocal<Recorder?> Current = new();

    /// <summary>Records one HTTP exchange of the running attempt (the last one counts): method, absolute URL, status (null when no answer came) and the answer's body or the transport error.</summary>
    public static void Record(string method, Uri? url, int? status, string? response)
    {
        if (Current.Value is { } recorder)
        {
            recorder.Method = method;
            recorder.Url = url?.ToString();
            recorder.Status = status;
            recorder.Response = response;
        }
    }

    /// <summary>Starts listening for the current attempt (in the attempt's own async flow).</summary>
    internal static Recorder Listen()
    {
        var recorder = new Recorder();
        Current.Value = recorder;
        return recorder;
    }

    internal static void Stop() => Current.Value = null;

    internal static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    internal sealed class Recorder
    {
        public string? Method { get; set; }

        public string? Url { get; set; }

        public int? Status { get; set; }

        public string? Response { get; set; }

        /// <summary>The exchange as the incident keeps it, with <paramref name="input"/> as the request.</summary>
        public PartnerExchange ToExchange(JsonObject input) => new(
            Cut(input.ToJsonString(Execution.Json.Options), MaxRequestLength),
            Method,
            Url is null ? null : Cut(Url, 1000),
            Status,
            Response is null ? null : Cut(Response, MaxResponseLength));
    }
}
