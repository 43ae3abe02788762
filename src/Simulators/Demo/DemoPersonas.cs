using System.Globalization;

namespace Inburgering.Simulators.Demo;

/// <summary>The routes a demo persona takes through the keten (each one a scenario the keten tests also run).</summary>
public enum DemoRoute
{
    /// <summary>Asielstatushouder (SS101, not yet housed): voorbereiden, four-eyes intake, B1-route, ontzorgen, PVT, MAP, diploma.</summary>
    AsielB1,

    /// <summary>Asielstatushouder already housed (SS139) on the Z-route: participatie, hours, eindgesprek.</summary>
    AsielZRoute,

    /// <summary>A young asielstatushouder on the onderwijsroute (no MAP).</summary>
    AsielOnderwijs,

    /// <summary>Gezinsmigrant on the B1-route: no maatschappelijke begeleiding, no ontzorging, no four eyes.</summary>
    GezinB1,

    /// <summary>Plicht from before 2022: Wet inburgering 2013, refused with the reason.</summary>
    Wi2013,

    /// <summary>Does not come to the brede intake once: an intervention, then comes.</summary>
    NoShow,

    /// <summary>Does not come twice: interventions, then a handhavingsbesluit.</summary>
    NoShowBoete,

    /// <summary>The consulent is late with the intake: PIP escalation before and at the deadline.</summary>
    PipTeLaat,

    /// <summary>DUO grants an ontheffing (SS108) in year one: schakel 5 ends the traject.</summary>
    Ontheffing,

    /// <summary>Moves to another Ferm Werk gemeente (SS121) after the PIP: a new traject there, the same termijn.</summary>
    Verhuizing,
}

/// <summary>One demo inburgeraar: who, where, which route, and the week (from the demo's start) DUO first notifies.</summary>
public sealed record DemoPersona(int Number, string Bsn, string Gemeente, DemoRoute Route, int StartWeek)
{
    /// <summary>How many weeks a consulent lets an ordinary task of this persona wait before doing it (1 or 2).</summary>
    public int Tempo => 1 + (Number % 2);
}

/// <summary>The cast: about thirty personas over the four Ferm Werk gemeenten, their starts spread over the demo's months.</summary>
public static class DemoPersonas
{
    public static readonly string[] Gemeenten = ["0632", "1901", "0335", "0589"];

    /// <summary>The routes in the order their personas start, oldest first: the early ones finish, the late ones are in schakel 1–3 today.</summary>
    private static readonly DemoRoute[] Cast =
    [
        DemoRoute.AsielB1, DemoRoute.GezinB1, DemoRoute.AsielZRoute, DemoRoute.AsielB1, DemoRoute.AsielOnderwijs,
        DemoRoute.GezinB1, DemoRoute.Ontheffing, DemoRoute.AsielB1, DemoRoute.Verhuizing, DemoRoute.AsielZRoute,
        DemoRoute.GezinB1, DemoRoute.NoShow, DemoRoute.AsielB1, DemoRoute.Wi2013, DemoRoute.GezinB1,
        DemoRoute.AsielB1, DemoRoute.NoShowBoete, DemoRoute.AsielZRoute, DemoRoute.GezinB1, DemoRoute.AsielB1,
        DemoRoute.PipTeLaat, DemoRoute.AsielOnderwijs, DemoRoute.GezinB1, DemoRoute.AsielB1, DemoRoute.GezinB1,
        DemoRoute.AsielZRoute, DemoRoute.AsielB1, DemoRoute.NoShow, DemoRoute.GezinB1, DemoRoute.AsielB1,
    ];

    /// <summary>
    /// <paramref name="count"/> personas (the cast in turn), their first notifications spread evenly over <paramref name="startWeeks"/>
    /// weeks: in the demo up to a few weeks before today, so the late ones are in schakel 1–3 today.
    /// </summary>
    public static IReadOnlyList<DemoPersona> For(int count, int startWeeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(startWeeks);
        return Enumerable.Range(0, count).Select(i => new DemoPersona(
                i + 1,
                BsnFor(i + 1),
                Gemeenten[i % Gemeenten.Length],
                Cast[i % Cast.Length],
                count == 1 ? 0 : (int)Math.Round(startWeeks * (double)i / (count - 1))))
            .ToList();
    }

    private static readonly string[] Voornamen =
    [
        "Amal", "Yonas", "Oksana", "Mehmet", "Fatima", "Tesfay", "Nour", "Ahmad", "Lina", "Dawit", "Samira", "Omar", "Mariam",
        "Hamid", "Iryna", "Yusuf", "Rahel", "Khaled", "Aziza", "Bilal", "Sara", "Mustafa", "Hana", "Tarek", "Selam", "Ali",
        "Leyla", "Robel", "Zainab", "Karim", "Dilan",
    ];

    private static readonly string[] Achternamen =
    [
        "Haddad", "Tesfaye", "Kovalenko", "Yilmaz", "Rahimi", "Gebremedhin", "Al-Hassan", "Sultani", "Mansour", "Bekele",
        "El Idrissi", "Nasser", "Hosseini", "Shevchenko", "Demir", "Habte", "Karimi", "Saleh", "Ahmadi", "Tekle", "Aziz",
        "Bondarenko", "Kaya", "Berhane", "Khalil", "Najafi", "Mohammadi", "Asfaw", "Darwish",
    ];

    /// <summary>The persona's made-up name (as the BRP would give it).</summary>
    public static string NaamFor(int number) =>
        $"{Voornamen[(number - 1) % Voornamen.Length]} {Achternamen[(number * 7 + 3) % Achternamen.Length]}";

    /// <summary>A made-up BSN that passes the elfproef: 99, then six digits from the persona's number (below 100,000), then the check digit.</summary>
    public static string BsnFor(int number)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, 100_000);
        for (var candidate = number * 10; ; candidate++)
        {
            var bsn = "99" + candidate.ToString("D6", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (bsn[i] - '0');
            }

            // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11) with d9 a single digit.
            var check = sum % 11;
            if (check <= 9)
            {
                return bsn + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
