using Inburgering.Activities.Partners;

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

    /// <summary>The gemeente's OIN for a gemeentecode ("0632" or "GM0632"), or null when none is configured.</summary>
    public string? OinFor(string gemeente)
    {
        var code = Gemeentecode.Normalize(gemeente);
        return code is not null && GemeenteOins.TryGetValue(code, out var oin) ? oin : null;
    }

    /// <summary>The gemeentecode whose OIN this is, or null.</summary>
    public string? GemeenteFor(string oin) =>
        GemeenteOins.FirstOrDefault(kv => kv.Value == oin).Key;

    /// <summary>A synthetic 20-digit OIN for a gemeentecode: 00000099 00000 {code} 000.</summary>
    public static string SyntheticOin(string gemeentecode) => $"0000009900000{gemeentecode}000";
}

/// <summary>CBS gemeentecode: four digits.</summary>
public static class Gemeentecode
{
    /// <summary>"0632", "GM0632", "gm0632" → "0632"; anything else → null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = value.Trim();
        if (code.StartsWith("GM", StringComparison.OrdinalIgnoreCase))
        {
            code = code[2..];
        }

        return code.Length == 4 && code.All(char.IsAsciiDigit) ? code : null;
    }
}
