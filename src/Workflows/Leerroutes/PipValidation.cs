using Inburgering.Workflows.Doelgroepen;

namespace Inburgering.Workflows.Leerroutes;

/// <summary>A PIP as we report it to DUO (PIP API, SDI014).</summary>
public sealed record PipMelding(
    DateOnly Dagtekening,
    Leerroute Leerroute,
    Niveau? Niveau = null,
    int? GeschatteIntensiteitB1Route = null);

/// <summary>
/// What DUO already knows when we report a PIP. <see cref="DagtekeningInitielePip"/> is the first PIP ever
/// registered for the person (at any gemeente); <see cref="DagtekeningActuelePip"/> the current one. Both empty:
/// this is the first PIP for the person. <see cref="LeerrouteActuelePip"/>: the leerroute of the current PIP (also one a
/// previous gemeente made, for a mover), which a new PIP keeps unless a switch is allowed (<see cref="LeerrouteWissel"/>)
/// counted from <see cref="TermijnStart"/>.
/// </summary>
public sealed record PipContext(
    Doelgroep Doelgroep,
    DateOnly StartInburgeringsplicht,
    DateOnly VestigingInGemeente,
    DateOnly? DagtekeningInitielePip = null,
    DateOnly? DagtekeningActuelePip = null,
    Leerroute? LeerrouteActuelePip = null,
    DateOnly? TermijnStart = null)
{
    public bool IsFirstPip => DagtekeningInitielePip is null && DagtekeningActuelePip is null;
}

/// <summary>
/// The checks DUO applies before it registers a PIP (shared/duo-m2m/README.md, "Het aanleveren van een PIP"),
/// run before we send so a consulent can fix the PIP instead of reading a rejection later.
/// </summary>
public static class PipValidation
{
    public const string DagtekeningVoorPlicht = "PIP-DAGTEKENING-VOOR-PLICHT";
    public const string DagtekeningVoorInitielePip = "PIP-DAGTEKENING-VOOR-INITIELE-PIP";
    public const string DagtekeningVoorActuelePip = "PIP-DAGTEKENING-VOOR-ACTUELE-PIP";
    public const string DagtekeningVoorVestiging = "PIP-DAGTEKENING-VOOR-VESTIGING";
    public const string A2MetOnderwijsroute = "PIP-A2-ONDERWIJSROUTE";
    public const string B1MetZRoute = "PIP-B1-ZROUTE";
    public const string A2OpEersteB1Pip = "PIP-A2-EERSTE-B1-PIP";
    public const string NiveauNietMeldbaar = "PIP-NIVEAU-NIET-MELDBAAR";
    public const string IntensiteitAlleenB1Route = "PIP-INTENSITEIT-ALLEEN-B1";
    public const string IntensiteitAlleenAsiel = "PIP-INTENSITEIT-ALLEEN-ASIEL";
    public const string IntensiteitBuitenBereik = "PIP-INTENSITEIT-BEREIK";
    public const string VerwijderenNaTermijn = "PIP-VERWIJDEREN-TERMIJN";
    public const string VerwijderenNaUren = "PIP-VERWIJDEREN-UREN";
    public const string LeerrouteWisselNietToegestaan = "PIP-LEERROUTE-WISSEL";

    /// <summary>Every DUO rule for a PIP: the ones on the PIP itself (<see cref="ValidateMelding"/>) and the ones that need DUO's data.</summary>
    public static ValidationResult Validate(PipMelding pip, PipContext context)
    {
        var violations = new List<Violation>();
        var dag = pip.Dagtekening;

        if (dag < context.StartInburgeringsplicht)
        {
            violations.Add(new(DagtekeningVoorPlicht,
                $"De dagtekening van het PIP ({Dates.Dutch(dag)}) ligt voor de start van de inburgeringsplicht ({Dates.Dutch(context.StartInburgeringsplicht)})."));
        }

        if (context.DagtekeningInitielePip is { } initieel && dag < initieel)
        {
            violations.Add(new(DagtekeningVoorInitielePip,
                $"Bij een gewijzigd PIP mag de dagtekening ({Dates.Dutch(dag)}) niet voor de dagtekening van het eerste PIP ({Dates.Dutch(initieel)}) liggen."));
        }

        if (context.DagtekeningActuelePip is { } actueel && dag < actueel)
        {
            violations.Add(new(DagtekeningVoorActuelePip,
                $"Bij een gewijzigd PIP mag de dagtekening ({Dates.Dutch(dag)}) niet voor de dagtekening van het actuele PIP ({Dates.Dutch(actueel)}) liggen."));
        }

        if (dag < context.VestigingInGemeente)
        {
            violations.Add(new(DagtekeningVoorVestiging,
                $"De dagtekening van het PIP ({Dates.Dutch(dag)}) ligt voor de vestiging van de inburgeraar in de gemeente ({Dates.Dutch(context.VestigingInGemeente)})."));
        }

        violations.AddRange(ValidateMelding(pip).Violations);

        if (pip.Niveau == Niveau.A2 && pip.Leerroute == Leerroute.B1Route && context.IsFirstPip)
        {
            violations.Add(new(A2OpEersteB1Pip,
                "Niveau A2 mag niet met de B1-route worden gemeld in het eerste PIP van deze persoon (bij welke gemeente ook). Afschalen naar A2 kan pas bij een wijziging van het PIP."));
        }

        // A PIP with another leerroute than the actuele PIP (of this or, after a move, a previous gemeente) is a switch: only
        // within one and a half years of the termijn's start, or from the onderwijsroute to the B1-route at any time.
        if (context.LeerrouteActuelePip is { } actueleRoute && actueleRoute != pip.Leerroute
            && LeerrouteWissel.Decide(actueleRoute, pip.Leerroute, context.TermijnStart, dag) is { IsAllowed: false } wissel)
        {
            violations.Add(new(LeerrouteWisselNietToegestaan,
                $"Het actuele PIP bij DUO heeft de {actueleRoute.DutchName()}; die leerroute blijft. {wissel.Reason}"));
        }

        if (pip.GeschatteIntensiteitB1Route is not null && !context.Doelgroep.IsAsiel())
        {
            violations.Add(new(IntensiteitAlleenAsiel,
                $"De geschatte intensiteit B1-route mag alleen voor asielstatushouders worden gemeld, niet voor een {context.Doelgroep.DutchName()}."));
        }

        return violations.Count == 0 ? ValidationResult.Valid : new ValidationResult(violations);
    }

    /// <summary>
    /// DUO's rules on the PIP alone (niveau with leerroute, the geschatte intensiteit's route and range): what a sender can
    /// check before the PIP leaves the house, without DUO's data on the person.
    /// </summary>
    public static ValidationResult ValidateMelding(PipMelding pip)
    {
        var violations = new List<Violation>();
        if (pip.Niveau is Niveau.A1 or Niveau.B2)
        {
            violations.Add(new(NiveauNietMeldbaar,
                $"Niveau {pip.Niveau} kan niet in het PIP aan DUO worden gemeld; DUO kent alleen A2 en B1 (of geen niveau)."));
        }

        if (pip.Niveau == Niveau.A2 && pip.Leerroute == Leerroute.Onderwijsroute)
            violations.Add(new(A2MetOnderwijsroute, "Niveau A2 mag niet in combinatie met de onderwijsroute worden gemeld."));

        if (pip.Niveau == Niveau.B1 && pip.Leerroute == Leerroute.ZRoute)
            violations.Add(new(B1MetZRoute, "Niveau B1 mag niet in combinatie met de Z-route worden gemeld."));

        if (pip.GeschatteIntensiteitB1Route is { } uren)
        {
            if (pip.Leerroute != Leerroute.B1Route)
            {
                violations.Add(new(IntensiteitAlleenB1Route,
                    $"De geschatte intensiteit mag alleen bij de B1-route worden gemeld, niet bij de {pip.Leerroute.DutchName()}."));
            }

            if (uren is < 1 or > 9999)
            {
                violations.Add(new(IntensiteitBuitenBereik,
                    $"De geschatte intensiteit moet tussen 1 en 9999 uur liggen; {uren} is niet toegestaan."));
            }
        }

        return violations.Count == 0 ? ValidationResult.Valid : new ValidationResult(violations);
    }

    /// <summary>
    /// The level DUO records: when none is sent, DUO sets B1 for the B1-route and the onderwijsroute; the Z-route
    /// then has no level.
    /// </summary>
    public static Niveau? EffectiveNiveau(Leerroute leerroute, Niveau? niveau) =>
        niveau ?? (leerroute == Leerroute.ZRoute ? null : Niveau.B1);

    /// <summary>DUO deletes a PIP only while no termijn has been set and no course hours are registered.</summary>
    public static Decision MayDelete(bool inburgeringstermijnVastgesteld, bool cursusurenGeregistreerd)
    {
        if (inburgeringstermijnVastgesteld)
            return Decision.Refuse(VerwijderenNaTermijn, "Het PIP kan niet meer worden verwijderd: DUO heeft de inburgeringstermijn al vastgesteld. Wijzig het PIP in plaats daarvan.");
        if (cursusurenGeregistreerd)
            return Decision.Refuse(VerwijderenNaUren, "Het PIP kan niet meer worden verwijderd: er zijn al cursusuren bij het inburgeringsaanbod geregistreerd.");
        return Decision.Allow("PIP-VERWIJDEREN", "Het PIP kan worden verwijderd: er is nog geen termijn vastgesteld en er zijn geen cursusuren geregistreerd.");
    }
}
