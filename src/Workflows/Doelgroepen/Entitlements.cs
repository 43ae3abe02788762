namespace Inburgering.Workflows.Doelgroepen;

/// <summary>
/// What the gemeente offers a Doelgroep. Every inburgeringsplichtige gets a BredeIntake, a Pip, begeleiding,
/// the PVT and (B1Route/ZRoute) the MAP. Only asielstatushouders get maatschappelijke begeleiding, Ontzorging
/// (when on bijstand) and a leerroute bought and paid by the gemeente; gezins- and overige migranten arrange and
/// pay their own taalonderwijs (DUO loan). Sources: facts §3 [H] (S2, S3, S8), Ferm Werk memo (seed 001, note 4).
/// </summary>
public sealed record Entitlements(
    Doelgroep Doelgroep,
    bool BredeIntake,
    bool Pip,
    bool Begeleiding,
    bool Pvt,
    bool MaatschappelijkeBegeleiding,
    bool OntzorgingWhenOnBijstand,
    bool TaalonderwijsByGemeente,
    bool GeschatteIntensiteitB1Route,
    bool ZRouteParticipatiecomponent)
{
    public static Entitlements For(Doelgroep doelgroep)
    {
        var asiel = doelgroep.IsAsiel();
        return new Entitlements(
            doelgroep,
            BredeIntake: true,
            Pip: true,
            Begeleiding: true,
            Pvt: true,
            MaatschappelijkeBegeleiding: asiel,
            OntzorgingWhenOnBijstand: asiel,
            TaalonderwijsByGemeente: asiel,
            GeschatteIntensiteitB1Route: asiel,
            ZRouteParticipatiecomponent: asiel);
    }

    /// <summary>Maatschappelijke begeleiding: a right of the asielstatushouder (Besluit ch. 5; DUO zakelijk, S24).</summary>
    public static Decision MaatschappelijkeBegeleidingFor(Doelgroep doelgroep) => doelgroep.IsAsiel()
        ? Decision.Allow("MB-ASIEL", "Asielstatushouders hebben recht op maatschappelijke begeleiding.")
        : Decision.Refuse("MB-GEEN-ASIEL", $"Een {doelgroep.DutchName()} heeft geen recht op maatschappelijke begeleiding; die is alleen voor asielstatushouders.");

    /// <summary>Ontzorging: asielstatushouders with a right to bijstand (Participatiewet art. 56a, facts §2 [H]).</summary>
    public static Decision OntzorgingFor(Doelgroep doelgroep, bool hasRightToBijstand)
    {
        if (!doelgroep.IsAsiel())
            return Decision.Refuse("ONTZORGING-GEEN-ASIEL", $"Financieel ontzorgen (Participatiewet art. 56a) geldt niet voor een {doelgroep.DutchName()}; alleen voor inburgeringsplichtige asielstatushouders.");
        if (!hasRightToBijstand)
            return Decision.Refuse("ONTZORGING-GEEN-BIJSTAND", "Financieel ontzorgen geldt alleen voor asielstatushouders met recht op bijstand; deze persoon heeft (nog) geen recht op bijstand.");
        return Decision.Allow("ONTZORGING-VAN-TOEPASSING", "Asielstatushouder met recht op bijstand: financieel ontzorgen is verplicht (Participatiewet art. 56a).");
    }

    /// <summary>Who arranges and pays the leerroute's taalonderwijs.</summary>
    public static Decision TaalonderwijsByGemeenteFor(Doelgroep doelgroep) => doelgroep.IsAsiel()
        ? Decision.Allow("TAAL-GEMEENTE", "De gemeente koopt de leerroute in en betaalt die voor asielstatushouders.")
        : Decision.Refuse("TAAL-ZELF", $"Een {doelgroep.DutchName()} regelt en betaalt het taalonderwijs zelf (eventueel met een lening van DUO); de gemeente biedt wel brede intake, PIP, begeleiding, PVT en MAP.");
}
