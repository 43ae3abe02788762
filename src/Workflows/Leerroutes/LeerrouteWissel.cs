namespace Inburgering.Workflows.Leerroutes;

/// <summary>
/// Switching leerroute (schakelen) and scaling down (afschalen), both PIP changes. Schakelen: only within 1.5 years from the
/// start of the Inburgeringstermijn, except onderwijsroute → B1-route, which is possible at any time ([M] S15; that the window
/// counts from termijn start is [L]). Afschalen B1 → A2: any time, only within the B1-route, after at least 600 lesson hours
/// (Wi2021 art. 17(3), Besluit inburgering 2021 art. 5.5; [H] S14, [M] S33).
/// </summary>
public static class LeerrouteWissel
{
    /// <summary>The first day on which a switch is no longer possible (exclusive end of the window).</summary>
    public static DateOnly WisselenTot(DateOnly termijnStart, Wi2021Normen? normen = null) =>
        (normen ?? Wi2021Normen.Default).LeerrouteWisselVenster.AddTo(termijnStart);

    /// <param name="termijnStart">Start of the Inburgeringstermijn (inclusive), or null when no PIP has started it yet.</param>
    /// <param name="dagtekeningWijziging">Dagtekening of the changed PIP that records the switch.</param>
    public static Decision Decide(Leerroute van, Leerroute naar, DateOnly? termijnStart, DateOnly dagtekeningWijziging, Wi2021Normen? normen = null)
    {
        if (van == naar)
            return Decision.Refuse("WISSEL-ZELFDE-ROUTE", $"De inburgeraar volgt de {van.DutchName()} al; er is niets te wisselen.");

        if (van == Leerroute.Onderwijsroute && naar == Leerroute.B1Route)
            return Decision.Allow("WISSEL-O-NAAR-B1", "Van de onderwijsroute naar de B1-route wisselen kan op elk moment.");

        if (termijnStart is not { } start)
            return Decision.Allow("WISSEL-VOOR-TERMIJN", $"De inburgeringstermijn is nog niet gestart; wisselen van de {van.DutchName()} naar de {naar.DutchName()} kan.");

        var tot = WisselenTot(start, normen);
        if (dagtekeningWijziging < tot)
        {
            return Decision.Allow("WISSEL-BINNEN-VENSTER",
                $"Wisselen van de {van.DutchName()} naar de {naar.DutchName()} kan: de wijziging ({Dates.Dutch(dagtekeningWijziging)}) valt binnen anderhalf jaar na de start van de termijn ({Dates.Dutch(start)}); dat kan tot {Dates.Dutch(tot)}.");
        }

        return Decision.Refuse("WISSEL-NA-VENSTER",
            $"Wisselen van de {van.DutchName()} naar de {naar.DutchName()} kan niet meer: de termijn startte op {Dates.Dutch(start)} en wisselen kon tot {Dates.Dutch(tot)}. Alleen van de onderwijsroute naar de B1-route kan nog op elk moment.");
    }

    /// <summary>Afschalen from B1 to A2 within the B1-route (Wi2021 art. 17(3)).</summary>
    public static Decision DecideAfschalen(Leerroute leerroute, Niveau huidigNiveau, double gevolgdeLesuren, Wi2021Normen? normen = null)
    {
        var minimum = (normen ?? Wi2021Normen.Default).AfschalenMinimumLesuren;
        if (leerroute != Leerroute.B1Route)
            return Decision.Refuse("AFSCHALEN-ALLEEN-B1", $"Afschalen naar A2 kan alleen binnen de B1-route, niet in de {leerroute.DutchName()}.");
        if (huidigNiveau != Niveau.B1)
            return Decision.Refuse("AFSCHALEN-NIET-B1", $"Afschalen kan alleen van B1 naar A2; het huidige niveau is {huidigNiveau}.");
        if (gevolgdeLesuren < minimum)
            return Decision.Refuse("AFSCHALEN-TE-WEINIG-UREN", string.Create(Dates.Nl, $"Afschalen naar A2 kan pas na minimaal {minimum} lesuren; er zijn er {gevolgdeLesuren:0.#} gevolgd."));
        return Decision.Allow("AFSCHALEN", string.Create(Dates.Nl, $"Afschalen naar A2 kan: {gevolgdeLesuren:0.#} lesuren gevolgd (minimaal {minimum}). Beoordeel ook of de inburgeraar zich voldoende heeft ingespannen."));
    }
}
