using Inburgering.Activities.Duo;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Workflows.Personen;
using Inburgering.Workflows.Termijnen;

namespace Inburgering.Simulators.Duo;

/// <summary>What an emitted gebeurtenis does to the simulated person before DUO notifies it.</summary>
public static class DuoSimulatorEffects
{
    /// <summary>
    /// Applies the gebeurtenis and queues its notificatie (not for SS141, which DUO does not send as one). False when the
    /// person is unknown.
    /// </summary>
    public static bool Emit(this DuoSimulatorState state, DuoSimGebeurtenisRequest request)
    {
        lock (state.Gate)
        {
            if (!state.Personen.TryGetValue(request.Bsn, out var p))
            {
                return false;
            }

            var today = state.Today;
            if (request.AlleenMelding)
            {
                state.Enqueue(p, request.GebeurtenisId);
                return true;
            }

            switch (request.GebeurtenisId)
            {
                case "SS103" when p.TermijnEind is { } eind:
                    Extend(p, eind, Verlenging.Automatisch(), "AMB", "Ambtshalve verlenging met zes maanden", today);
                    break;
                case "SS104" when p.TermijnEind is { } eind:
                    var verlenging = request.Weken is { } weken ? Verlenging.Overig(Period.OfWeeks(weken)) : Verlenging.Bevalling();
                    Extend(p, eind, verlenging, "ZWA", "Verlenging op verzoek", today);
                    break;
                case "SS106":
                    End(p, "Inburgeringsplicht voldaan", today);
                    break;
                case "SS107":
                    End(p, "Volledige vrijstelling", today);
                    p.Vrijstellingen.Add(new DuoVrijstelling(GeheleVrijstelling: new DuoGeheleVrijstelling("Toekenning", "DIP", today)));
                    break;
                case "SS108":
                    End(p, "Volledige ontheffing", today);
                    p.Ontheffingen.Add(new DuoOntheffing(GeheleOntheffing: new DuoGeheleOntheffing("Toekenning", today, "MED")));
                    break;
                case "SS109":
                    End(p, "Tijdelijke vrijstelling", today);
                    p.Vrijstellingen.Add(new DuoVrijstelling(TijdelijkeVrijstelling: new DuoTijdelijkeVrijstelling("Toekenning", "OPL", today, today, today.AddYears(1))));
                    break;
                case "SS110":
                    End(p, "Overig", today);
                    break;
                case "SS111":
                    End(p, "Overlijden", today);
                    break;
                case "SS130" when !p.Inburgeringsplichtig:
                    // The tijdelijke vrijstelling is withdrawn: the earlier plicht resumes with its PIP. The termijn moves by the
                    // time it was suspended (the simulator's assumption; DUO's Inburgeringstermijn API is the authority).
                    if (p.TermijnEind is { } termijnEind && p.InburgeringsplichtEinddatum is { } geschorst && geschorst < today)
                    {
                        p.TermijnEind = termijnEind.AddDays(today.DayNumber - geschorst.DayNumber);
                        p.TermijnWijzigingsdatum = today;
                    }

                    p.Inburgeringsplichtig = true;
                    p.InburgeringsplichtEinddatum = null;
                    p.RedenGeenInburgeringsplicht = null;
                    p.InburgeringsplichtWijzigingsdatum = today;
                    break;
                case "SS124":
                    ChangeDoelgroep(p, "Gezinsmigrant en overige migrant", "Overig", today);
                    break;
                case "SS125":
                    ChangeDoelgroep(p, "Asielstatushouder", "Asielstatushouder", today);
                    break;
                case "SS141":
                    // Voldaan via de Z-route: DUO records it, but SS141 is an attentiesignaal through the attentiesignaal API
                    // (SDI008), "voorlopig nog niet relevant" (duo-m2m Attentiesignalen.md), not a notificatie. The gemeente
                    // reads it from the Inburgeringsplicht API (no plicht, reden "Inburgeringsplicht voldaan").
                    p.VoldaanViaZroute = true;
                    End(p, "Inburgeringsplicht voldaan", today);
                    return true;
                case "SS120" or "SS121" when Gemeentecode.Normalize(request.Gemeentecode) is { } nieuw:
                    // No SS122 to the gemeente the person left: DUO lists it among the attentiesignalen, sent through the
                    // attentiesignaal API (SDI008) and "voorlopig nog niet relevant" (duo-m2m Attentiesignalen.md), not as a
                    // notificatie. The old gemeente learns of the move from the BRP (the simulated BRP follows this registry).
                    p.Gemeentecode = nieuw;
                    p.DatumVestiging = today;
                    break;
            }

            state.Enqueue(p, request.GebeurtenisId);
            return true;
        }
    }

    /// <summary>DUO's extension (Wi2021's lengths from <see cref="Verlenging"/>) added to the current end.</summary>
    private static void Extend(DuoSimPersoon p, DateOnly eind, Verlenging verlenging, string code, string omschrijving, DateOnly today)
    {
        p.TermijnEind = verlenging.Duur.AddTo(eind);
        p.Verlengingsgrondcode = code;
        p.Verlengingsgrondomschrijving = omschrijving;
        p.TermijnWijzigingsdatum = today;
    }

    private static void End(DuoSimPersoon p, string reden, DateOnly today)
    {
        p.Inburgeringsplichtig = false;
        p.InburgeringsplichtEinddatum = today;
        p.InburgeringsplichtWijzigingsdatum = today;
        p.RedenGeenInburgeringsplicht = reden;
    }

    private static void ChangeDoelgroep(DuoSimPersoon p, string indeling, string gedetailleerd, DateOnly today)
    {
        p.Doelgroep = indeling;
        p.GedetailleerdeDoelgroep = gedetailleerd;
        p.DoelgroepBegindatum = today;
    }
}
