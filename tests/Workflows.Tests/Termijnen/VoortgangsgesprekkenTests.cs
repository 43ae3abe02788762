using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

public class VoortgangsgesprekkenTests
{
    [Fact]
    public void Volgende_NoGesprekYet_IsOneIntervalAfterThePip()
    {
        var volgende = Voortgangsgesprekken.Volgende(D("2023-01-15"), null, 3);

        Assert.Equal(D("2023-04-15"), volgende.Date);
        Assert.Contains("dagtekening van het PIP", volgende.Reason);
    }

    [Fact]
    public void Volgende_AfterAGesprek_IsOneIntervalAfterThatGesprek()
    {
        var volgende = Voortgangsgesprekken.Volgende(D("2023-01-15"), D("2023-05-02"), 6);

        Assert.Equal(D("2023-11-02"), volgende.Date);
        Assert.Contains("laatste voortgangsgesprek", volgende.Reason);
    }

    [Fact]
    public void Volgende_GesprekBeforeTheCurrentPip_CountsFromThePip() =>
        Assert.Equal(D("2023-04-15"), Voortgangsgesprekken.Volgende(D("2023-01-15"), D("2022-12-01"), 3).Date);



    [Fact]
    public void Status_OnTheLastDayOfTheMarge_IsNotAchterstallig()
    {
        var status = Voortgangsgesprekken.Status(D("2023-01-15"), null, 3, 14, D("2023-04-29"));

        Assert.False(status.IsAchterstallig);
        Assert.Equal(D("2023-04-15"), status.Volgende);
        Assert.Equal(D("2023-04-29"), status.MargeTot);
    }

    [Fact]
    public void Status_TheDayAfterTheMarge_IsAchterstallig()
    {
        var status = Voortgangsgesprekken.Status(D("2023-01-15"), null, 3, 14, D("2023-04-30"));

        Assert.True(status.IsAchterstallig);
        Assert.Contains("achterstallig", status.Reason);
    }

    [Fact]
    public void Status_RecentGesprek_IsNotAchterstallig() =>
        Assert.False(Voortgangsgesprekken.Status(D("2023-01-15"), D("2023-04-20"), 3, 0, D("2023-06-01")).IsAchterstallig);

    [Fact]
    public void Status_NegativeMarge_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Voortgangsgesprekken.Status(D("2023-01-15"), null, 3, -1, D("2023-06-01")));

    [Fact]
    public void Volgende_IntervalBelowOneMonth_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Voortgangsgesprekken.Volgende(D("2023-01-15"), null, 0));
}
