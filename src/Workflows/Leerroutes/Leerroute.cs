namespace Inburgering.Workflows.Leerroutes;

/// <summary>The three Wi2021 leerroutes (Wi2021 art. 7). DUO codes: B, Z, O (PIP API, <c>Leerroute</c>).</summary>
public enum Leerroute
{
    /// <summary>B1-route: language exams at B1 (or A2 after afschalen), KNM, PVT, MAP.</summary>
    B1Route,

    /// <summary>Zelfredzaamheidsroute: A1 target, course hours and (asiel) participation hours, PVT, MAP, eindgesprek.</summary>
    ZRoute,

    /// <summary>Onderwijsroute: taalschakeltraject towards mbo/hbo/wo; PVT, no MAP.</summary>
    Onderwijsroute,
}

/// <summary>Language level (CEFR). DUO's PIP accepts only A2 and B1 (<c>NiveauPip</c>); A1 is the Z-route target.</summary>
public enum Niveau
{
    A1,
    A2,
    B1,
    B2,
}

public static class LeerrouteExtensions
{
    public static string ToDuoCode(this Leerroute leerroute) => leerroute switch
    {
        Leerroute.B1Route => "B",
        Leerroute.ZRoute => "Z",
        Leerroute.Onderwijsroute => "O",
        _ => throw new ArgumentOutOfRangeException(nameof(leerroute), leerroute, null),
    };

    public static Leerroute FromDuoCode(string code) => code switch
    {
        "B" => Leerroute.B1Route,
        "Z" => Leerroute.ZRoute,
        "O" => Leerroute.Onderwijsroute,
        _ => throw new FormatException($"'{code}' is geen leerroutecode van DUO (B, Z of O)."),
    };

    /// <summary>Parses our own names ("B1Route", "ZRoute", "Onderwijsroute") and DUO's codes.</summary>
    public static Leerroute Parse(string text) => text switch
    {
        "B1Route" or "B" => Leerroute.B1Route,
        "ZRoute" or "Z" => Leerroute.ZRoute,
        "Onderwijsroute" or "O" => Leerroute.Onderwijsroute,
        _ => throw new FormatException($"'{text}' is geen leerroute (B1Route, ZRoute of Onderwijsroute)."),
    };

    public static string DutchName(this Leerroute leerroute) => leerroute switch
    {
        Leerroute.B1Route => "B1-route",
        Leerroute.ZRoute => "Z-route",
        Leerroute.Onderwijsroute => "onderwijsroute",
        _ => throw new ArgumentOutOfRangeException(nameof(leerroute), leerroute, null),
    };

    /// <summary>The MAP belongs to the B1-route and the Z-route; the onderwijsroute is exempt (Wi2021 art. 8(3), [M]).</summary>
    public static bool IncludesMap(this Leerroute leerroute) => leerroute != Leerroute.Onderwijsroute;
}
