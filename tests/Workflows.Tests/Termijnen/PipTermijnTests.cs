using Inburgering.Workflows.Termijnen;
using static Inburgering.Workflows.Tests.TestDates;

namespace Inburgering.Workflows.Tests.Termijnen;

public class PipTermijnTests
{
    [Fact]
    public void Uiterlijk_TenWeeksAfterDuosKennisgeving()
    {
        var deadline = PipTermijn.Uiterlijk(D("2022-03-01"));

        Assert.Equal(D("2022-05-10"), deadline.Date);
        Assert.Contains("kennisgeving van DUO", deadline.Reason);
    }

    [Fact]
    public void Uiterlijk_BrpRegistrationLater_CountsFromBrp()
    {
        var deadline = PipTermijn.Uiterlijk(D("2022-03-01"), D("2022-04-15"));

        Assert.Equal(D("2022-06-24"), deadline.Date);
        Assert.Contains("BRP", deadline.Reason);
    }

    [Fact]
    public void Uiterlijk_BrpRegistrationEarlier_CountsFromKennisgeving() =>
        Assert.Equal(D("2022-05-10"), PipTermijn.Uiterlijk(D("2022-03-01"), D("2022-01-10")).Date);

    [Fact]
    public void Uiterlijk_AcrossLeapDay_IsSeventyDays() =>
        Assert.Equal(D("2024-03-11"), PipTermijn.Uiterlijk(D("2024-01-01")).Date);

    [Fact]
    public void UiterlijkMetDerden_InformationArrivesLate_IsTwoWeeksAfterIt()
    {
        var uiterlijk = PipTermijn.Uiterlijk(D("2022-03-01"));

        var metDerden = PipTermijn.UiterlijkMetDerden(uiterlijk, D("2022-05-09"));

        Assert.Equal(D("2022-05-23"), metDerden.Date);
    }

    [Fact]
    public void UiterlijkMetDerden_InformationArrivesEarly_KeepsTheNormalDeadline()
    {
        var uiterlijk = PipTermijn.Uiterlijk(D("2022-03-01"));

        var metDerden = PipTermijn.UiterlijkMetDerden(uiterlijk, D("2022-04-01"));

        Assert.Equal(D("2022-05-10"), metDerden.Date);
    }





    [Fact]
    public void Uiterlijk_WithConfiguredLength_UsesIt()
    {
        var normen = Wi2021Normen.Default with { PipTermijn = Period.OfWeeks(12) };

        Assert.Equal(D("2022-05-24"), PipTermijn.Uiterlijk(D("2022-03-01"), null, normen).Date);
    }
}
