using Inburgering.Simulators.Keten;

namespace Inburgering.Server.Tests.Keten;

/// <summary>The golden journal's canonical order: the engine's path kept, the database's order of simultaneous steps not.</summary>
public sealed class GoldenJournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(1));

    private static KetenJournalEntry E(int minute, string type, string? element = null) => new(0, T0.AddMinutes(minute), type, element, null);

    [Fact]
    public void Canonical_TwoTimersDueTogether_GiveTheSameLinesWhicheverFiredFirst()
    {
        KetenJournalEntry[] uren = [E(0, "timer-fired", "Timer_Uren"), E(0, "element-left", "Timer_Uren"), E(0, "element-entered", "Svc_Uren")];
        KetenJournalEntry[] bijstand = [E(0, "timer-fired", "Timer_Oz"), E(0, "element-left", "Timer_Oz"), E(0, "element-entered", "Svc_Oz")];

        Assert.Equal(GoldenJournal.Canonical([.. uren, .. bijstand]), GoldenJournal.Canonical([.. bijstand, .. uren]));
    }

    [Fact]
    public void Canonical_StepsAtDifferentMoments_KeepTheirOrder()
    {
        var lines = GoldenJournal.Canonical([E(0, "timer-fired", "Timer_B"), E(1, "timer-fired", "Timer_A")]).ToList();

        Assert.Equal(["timer-fired Timer_B", "timer-fired Timer_A"], lines);
    }

    [Fact]
    public void Canonical_KeepsTheOrderWithinAStep_ButSortsTheCancellationsOfATerminatedScope()
    {
        var lines = GoldenJournal.Canonical(
        [
            E(0, "message-correlated", "Bnd_Einde"), E(0, "element-cancelled", "Timer_Z"), E(0, "element-cancelled", "Timer_A"),
            E(0, "element-left", "Bnd_Einde"), E(0, "element-entered", "End"),
        ]).ToList();

        Assert.Equal(["message-correlated Bnd_Einde", "element-cancelled Timer_A", "element-cancelled Timer_Z", "element-left Bnd_Einde", "element-entered End"], lines);
    }

    [Fact]
    public void Canonical_ADifferentPath_GivesDifferentLines()
    {
        KetenJournalEntry[] viaB1 = [E(0, "element-entered", "Gw_Route"), E(0, "element-left", "Gw_Route"), E(0, "element-entered", "User_Map")];
        KetenJournalEntry[] viaO = [E(0, "element-entered", "Gw_Route"), E(0, "element-left", "Gw_Route"), E(0, "element-entered", "User_Pvt")];

        Assert.NotEqual(GoldenJournal.Canonical(viaB1), GoldenJournal.Canonical(viaO));
    }
}
