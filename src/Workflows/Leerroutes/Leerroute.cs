using System.Diagnostics.CodeAnalysis;

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

/// <summary>
/// The one mapping between the leerroutes and the codes of the keten: DUO's (B, Z, O, PIP API), the taalaanbieder's and
/// the toetsafnemer's (B1, Z-route, Onderwijsroute, docs/partners) and what people type in a form ("B1-route",
/// "Zelfredzaamheidsroute"). Parse at the edge, keep the <see cref="Leerroute"/>, render the partner's code when sending.
/// </summary>
public static class LeerrouteExtensions
{
    extension(Leerroute route)
    {
        /// <summary>
        /// Parses any spelling of the keten (case and surrounding white space ignored): our names (B1Route, ZRoute,
        /// Onderwijsroute), DUO's codes (B, Z, O), the partners' codes (B1, Z-route, Onderwijsroute) and the forms'
        /// (B1-route, Zelfredzaamheidsroute, Onderwijs). The error is Dutch.
        /// </summary>
        public static bool TryParse(string? text, out Leerroute leerroute, [NotNullWhen(false)] out string? error)
        {
            Leerroute? parsed = text?.Trim().ToUpperInvariant() switch
            {
                "B" or "B1" or "B1ROUTE" or "B1-ROUTE" or "B1 ROUTE" => Leerroute.B1Route,
                "Z" or "ZROUTE" or "Z-ROUTE" or "Z ROUTE" or "ZELFREDZAAMHEIDSROUTE" => Leerroute.ZRoute,
                "O" or "ONDERWIJSROUTE" or "ONDERWIJS" => Leerroute.Onderwijsroute,
                _ => null,
            };
            leerroute = parsed ?? default;
            error = parsed is null
                ? $"'{text}' is geen leerroute: gebruik B1-route (B), Z-route (Z) of onderwijsroute (O)."
                : null;
            return parsed is not null;
        }

        /// <summary>Like <see cref="TryParse"/>, or a <see cref="FormatException"/> with the Dutch reason.</summary>
        public static Leerroute Parse(string? text) =>
            Leerroute.TryParse(text, out var leerroute, out var error) ? leerroute : throw new FormatException(error);

        /// <summary>DUO's code only (B, Z or O), as DUO's PIP API sends it.</summary>
        public static Leerroute FromDuoCode(string code) => code switch
        {
            "B" => Leerroute.B1Route,
            "Z" => Leerroute.ZRoute,
            "O" => Leerroute.Onderwijsroute,
            _ => throw new FormatException($"'{code}' is geen leerroutecode van DUO (B, Z of O)."),
        };

        /// <summary>DUO's code: B, Z or O (PIP API, <c>Leerroute</c>).</summary>
        public string ToDuoCode() => route switch
        {
            Leerroute.B1Route => "B",
            Leerroute.ZRoute => "Z",
            Leerroute.Onderwijsroute => "O",
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };

        /// <summary>The taalaanbieder's and toetsafnemer's code: B1, Z-route or Onderwijsroute (docs/partners).</summary>
        public string ToTaalaanbiederCode() => route switch
        {
            Leerroute.B1Route => "B1",
            Leerroute.ZRoute => "Z-route",
            Leerroute.Onderwijsroute => "Onderwijsroute",
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };

        public string DutchName() => route switch
        {
            Leerroute.B1Route => "B1-route",
            Leerroute.ZRoute => "Z-route",
            Leerroute.Onderwijsroute => "onderwijsroute",
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };

        /// <summary>The MAP belongs to the B1-route and the Z-route; the onderwijsroute is exempt (Wi2021 art. 8(3), [M]).</summary>
        public bool IncludesMap() => route != Leerroute.Onderwijsroute;
    }
}

/// <summary>Parsing of <see cref="Niveau"/>: A1, A2, B1 or B2 (case and white space ignored).</summary>
public static class NiveauExtensions
{
    extension(Niveau)
    {
        public static bool TryParse(string? text, out Niveau niveau, [NotNullWhen(false)] out string? error)
        {
            Niveau? parsed = text?.Trim().ToUpperInvariant() switch
            {
                "A1" => Niveau.A1,
                "A2" => Niveau.A2,
                "B1" => Niveau.B1,
                "B2" => Niveau.B2,
                _ => null,
            };
            niveau = parsed ?? default;
            error = parsed is null ? $"'{text}' is geen taalniveau: gebruik A1, A2, B1 of B2." : null;
            return parsed is not null;
        }

        public static Niveau Parse(string? text) =>
            Niveau.TryParse(text, out var niveau, out var error) ? niveau : throw new FormatException(error);
    }
}
