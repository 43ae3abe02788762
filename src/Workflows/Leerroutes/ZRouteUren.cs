using Inburgering.Workflows.Doelgroepen;

namespace Inburgering.Workflows.Leerroutes;

/// <summary>The hours a Z-route asks: course hours (NT2 + KNM) for all, participation hours for asielstatushouders.</summary>
public sealed record ZRouteUrennorm(int CursusUren, int ParticipatieUren)
{
    public int Totaal => CursusUren + ParticipatieUren;
}

/// <summary>Progress toward the Z-route hours; the eindgesprek may be planned when both parts are complete.</summary>
public sealed record ZRouteVoortgang(
    ZRouteUrennorm Norm,
    double CursusGevolgd,
    double ParticipatieGevolgd,
    double CursusResterend,
    double ParticipatieResterend,
    double Percentage,
    bool IsComplete,
    string Reason);

/// <summary>Z-route hours: 800 + 800 for asielstatushouders, 800 for others ([M] Besluit art. 3.14 via S33).</summary>
public static class ZRouteUren
{
    public static ZRouteUrennorm NormFor(Doelgroep doelgroep, Wi2021Normen? normen = null)
    {
        var n = normen ?? Wi2021Normen.Default;
        return new ZRouteUrennorm(n.ZRouteCursusUren, doelgroep.IsAsiel() ? n.ZRouteParticipatieUrenAsiel : 0);
    }

    public static ZRouteVoortgang Progress(Doelgroep doelgroep, double cursusGevolgd, double participatieGevolgd, Wi2021Normen? normen = null)
    {
        if (cursusGevolgd < 0 || participatieGevolgd < 0 || double.IsNaN(cursusGevolgd) || double.IsNaN(participatieGevolgd))
            throw new ArgumentOutOfRangeException(nameof(cursusGevolgd), "Gevolgde uren kunnen niet negatief zijn.");

        var norm = NormFor(doelgroep, normen);
        var cursusTelt = Math.Min(cursusGevolgd, norm.CursusUren);
        var participatieTelt = Math.Min(participatieGevolgd, norm.ParticipatieUren);
        var cursusRest = norm.CursusUren - cursusTelt;
        var participatieRest = norm.ParticipatieUren - participatieTelt;
        var percentage = norm.Totaal == 0 ? 100 : Math.Round(100 * (cursusTelt + participatieTelt) / norm.Totaal, 1);
        var complete = cursusRest <= 0 && participatieRest <= 0;

        var participatieDeel = norm.ParticipatieUren > 0
            ? string.Create(Dates.Nl, $" en {participatieRest:0.#} participatie-uren")
            : string.Empty;
        var reason = complete
            ? string.Create(Dates.Nl, $"De uren van de Z-route zijn gehaald ({norm.CursusUren} cursusuren{(norm.ParticipatieUren > 0 ? $" en {norm.ParticipatieUren} participatie-uren" : string.Empty)}); plan het eindgesprek.")
            : string.Create(Dates.Nl, $"Nog {cursusRest:0.#} cursusuren{participatieDeel} te gaan ({percentage:0.#}% van {norm.Totaal} uur).");

        return new ZRouteVoortgang(norm, cursusGevolgd, participatieGevolgd, cursusRest, participatieRest, percentage, complete, reason);
    }
}
