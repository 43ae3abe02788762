using System.Globalization;
using System.Text.Json.Nodes;
using Inburgering.Engine.Queries;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Dossier;

/// <summary>
/// The dates a consulent steers by, each with what set or moved it: the PIP deadline (ten weeks from DUO's notice or the
/// BRP registration, moved by information from third parties), the inburgeringstermijn (from the first PIP, extended by
/// DUO), the ontzorging period and the next voortgangsgesprek (the gemeente's cycle).
/// </summary>
public static class KeyDates
{
    /// <summary>
    /// One key date. <see cref="State"/>: done (reached its purpose), passed, overdue (passed while still open), soon (within
    /// two weeks) or upcoming. <see cref="Date"/> is a calendar date (yyyy-MM-dd) or, for a timer, an instant.
    /// </summary>
    public sealed record KeyDate(string Key, string Label, string? Date, string State, string Explanation);

    public static IReadOnlyList<KeyDate> From(JsonObject v, IReadOnlyList<InstanceView> instances, string gemeente, PolicyCatalog? policy, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);
        var dates = new List<KeyDate>();

        var eerstePip = Day(v, "dagtekeningEerstePip") ?? Day(v, "pipDagtekening");
        if (Day(v, "pipUiterlijk") is { } uiterlijk)
        {
            var kennisgeving = Day(v, "pipKennisgeving") ?? Day(v, "plichtKennisgeving");
            var why = kennisgeving is { } k ? $"Tien weken na de kennisgeving van DUO ({Text(k)})" : "Tien weken na de kennisgeving van DUO";
            if (Day(v, "brpInschrijving") is { } brp && (kennisgeving is null || brp > kennisgeving))
            {
                why += $", of na de inschrijving in de BRP ({Text(brp)}) als die later is";
            }

            if (Day(v, "informatieDerdenOntvangen") is { } derden)
            {
                why += $"; verschoven: informatie van derden ontvangen op {Text(derden)} (het PIP uiterlijk twee weken daarna)";
            }

            if (Bool(v, "pipTermijnOverschreden") == true)
            {
                why += "; de termijn is overschreden en geëscaleerd";
            }

            dates.Add(new KeyDate("pip-uiterlijk", "PIP uiterlijk vastgesteld", Iso(uiterlijk), eerstePip is { } vastgesteld ? "done" : StateOf(uiterlijk, today, open: true),
                eerstePip is { } d ? $"{why}. Vastgesteld op {Text(d)}." : why + "."));
        }

        if (Day(v, "termijnStart") is { } start)
        {
            dates.Add(new KeyDate("termijn-start", "Inburgeringstermijn start", Iso(start), StateOf(start, today, open: false),
                eerstePip is { } d ? $"De dag na de dagtekening van het eerste PIP ({Text(d)}); een later gewijzigd PIP verschuift haar niet." : "De dag na de dagtekening van het eerste PIP."));
        }

        if (Day(v, "termijnEinde") is { } einde)
        {
            var why = "Drie jaar na de start, zoals DUO haar vaststelt";
            if (Bool(v, "termijnVerlengd") == true)
            {
                why += DossierEndpoints.Text(v, "verlengingsgrond") is { } grond ? $"; verlengd door DUO ({grond})" : "; verlengd door DUO";
            }

            var voldaan = DossierEndpoints.Text(v, "afrondingReden");
            dates.Add(new KeyDate("termijn-einde", "Inburgeringstermijn einde", Iso(einde), voldaan is null ? StateOf(einde, today, open: true) : "done",
                why + (voldaan is null ? "." : $". Afgerond: {voldaan}.")));
        }

        if (Day(v, "bijstandIngangsdatum") is { } bijstand && (Bool(v, "ontzorgingActief") is not null || Day(v, "ontzorgingEinde") is not null))
        {
            var duur = policy is not null && policy.TryFor(gemeente, out var beleid) ? beleid.Ontzorging.DuurMaanden : 6;
            var gestopt = Day(v, "ontzorgingGestoptOp");
            dates.Add(new KeyDate("ontzorging-start", "Ontzorging start", Iso(bijstand), "passed", "De ingangsdatum van de bijstand."));
            if (Day(v, "ontzorgingEinde") is { } ozEinde)
            {
                dates.Add(new KeyDate("ontzorging-evaluatie", "Ontzorging evalueren", Iso(ozEinde), gestopt is null ? StateOf(ozEinde, today, open: true) : "done",
                    $"Minstens {duur} maanden na de start (beleid van de gemeente); dan stoppen of verlengen"
                    + (gestopt is { } g ? $". Gestopt op {Text(g)}." : Bool(v, "bijstandActief") == false ? "; stopt eerder als de bijstand eindigt." : ".")));
            }
        }

        var interval = policy is not null && policy.TryFor(gemeente, out var b) ? b.VoortgangsgesprekIntervalMaanden : (int?)null;
        var volgend = instances.SelectMany(i => i.Timers).Where(t => t.ElementId == "Timer_Vg").OrderBy(t => t.DueAt).FirstOrDefault();
        if (volgend is not null || Day(v, "laatsteVoortgangsgesprek") is not null)
        {
            var laatste = Day(v, "laatsteVoortgangsgesprek");
            var why = (interval is { } m ? $"Elke {m} maanden (beleid van de gemeente)" : "Volgens het beleid van de gemeente")
                + (laatste is { } l ? $", gerekend vanaf het laatste gesprek ({Text(l)})" : ", gerekend vanaf het PIP") + ".";
            dates.Add(new KeyDate("voortgangsgesprek", "Volgend voortgangsgesprek", volgend?.DueAt.ToString("O", CultureInfo.InvariantCulture),
                volgend is null ? "done" : volgend.DueAt < now ? "overdue" : volgend.DueAt < now.AddDays(14) ? "soon" : "upcoming", why));
        }

        return dates;
    }

    private static string StateOf(DateOnly date, DateOnly today, bool open) =>
        date < today ? (open ? "overdue" : "passed") : date.DayNumber - today.DayNumber <= 14 ? "soon" : "upcoming";

    private static DateOnly? Day(JsonObject v, string name) =>
        DossierEndpoints.Text(v, name) is { Length: >= 10 } s && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static bool? Bool(JsonObject v, string name) => v[name] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(DateOnly date) => DossierEndpoints.Date(date);
}
