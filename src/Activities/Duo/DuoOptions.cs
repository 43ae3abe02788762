using Inburgering.Activities.Partners;
using Inburgering.Workflows.Personen;

namespace Inburgering.Activities.Duo;

/// <summary>
/// <c>Partners:Duo</c>: where DUO is and who we are to it. Every request carries <c>bron</c> (the gemeente's OIN,
/// the organisation for which the exchange runs) and <c>doel</c> (DUO's OIN), as the README asks.
/// The defaults are synthetic OINs for development against the simulator; production sets the real ones from the OIN register.
/// </summary>
public sealed class DuoOptions : PartnerClientOptions
{
    public const string Section = "Partners:Duo";

    /// <summary>Synthetic, for the simulator only.</summary>
    public const string SimulatorDuoOin = "00000099000000000001";

    /// <summary>The OIN of Dienst Uitvoering Onderwijs (header <c>doel</c>).</summary>
    public string DuoOin { get; set; } = SimulatorDuoOin;

    /// <summary>OIN per gemeentecode (header <c>bron</c>). Defaults: synthetic OINs for the Ferm Werk gemeenten.</summary>
    public Dictionary<string, string> GemeenteOins { get; set; } = new(StringComparer.Ordinal)
    {
        ["0632"] = SyntheticOin("0632"),
        ["1901"] = SyntheticOin("1901"),
        ["0335"] = SyntheticOin("0335"),
        ["0589"] = SyntheticOin("0589"),
    };

    /// <summary>The gemeente's OIN, or null when none is configured.</summary>
    public string? OinFor(Gemeentecode gemeente) => GemeenteOins.TryGetValue(gemeente.Value, out var oin) ? oin : null;

    /// <summary>The gemeentecode whose OIN this is, or null.</summary>
    public string? GemeenteFor(string oin) =>
        GemeenteOins.FirstOrDefault(kv => kv.Value == oin).Key;

    /// <summary>A synthetic 20-digit OIN for a gemeentecode: 00000099 00000 {code} 000.</summary>
    public static string SyntheticOin(string gemeentecode) => $"0000009900000{gemeentecode}000";
}
