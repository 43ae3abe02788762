using Inburgering.Engine.Activities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inburgering.Activities.Tests;

/// <summary>What the engine and the designer learn from the registrations.</summary>
public sealed class ActivityCatalogueTests
{
    private static readonly string[] ExpectedTypes =
    [
        "brp.verblijfplaats-raadplegen",
        "duo.contactpersoon-melden", "duo.examen-raadplegen", "duo.gevolgde-uren-melden", "duo.inburgeringsaanbod-melden",
        "duo.inburgeringsplicht-raadplegen", "duo.inburgeringstermijn-raadplegen", "duo.leerbaarheidstoets-examennummer-opvragen",
        "duo.leerbaarheidstoets-raadplegen", "duo.map-melden", "duo.ontheffing-raadplegen", "duo.pip-melden", "duo.pip-raadplegen", "duo.pvt-melden",
        "duo.vrijstelling-raadplegen", "duo.zroute-melden",
        "intake.leerbaarheidstoets-aanvragen", "intake.leerbaarheidstoets-annuleren", "intake.leerbaarheidstoets-uitslag-ophalen",
        "keten.casuistiekoverleg-agenda",
        "taalaanbieder.aanmelden", "taalaanbieder.aanmelding-status-ophalen", "taalaanbieder.gevolgde-uren-ophalen",
        "uitkering.bijstand-raadplegen", "uitkering.ontzorging-starten", "uitkering.ontzorging-stoppen",
    ];

    private static List<ActivityRegistration> Registrations()
    {
        var services = new ServiceCollection();
        services.AddInburgeringActivities(new ConfigurationBuilder().Build());
        return services.Where(d => d.ServiceType == typeof(ActivityRegistration)).Select(d => (ActivityRegistration)d.ImplementationInstance!).ToList();
    }

    [Fact]
    public void AddInburgeringActivities_RegistersEveryActivityOnceUnderItsStableKey() =>
        Assert.Equal(ExpectedTypes, Registrations().Select(r => r.Descriptor.Type).Order(StringComparer.Ordinal));

    [Fact]
    public void EveryTypeKey_IsLowercaseAscii() =>
        Assert.All(Registrations(), r => Assert.Matches("^[a-z]+\\.[a-z0-9-]+$", r.Descriptor.Type));

    [Fact]
    public void EveryInputAndOutput_IsDescribedForTheDesigner() =>
        Assert.All(Registrations().SelectMany(r => r.Descriptor.Inputs.Concat(r.Descriptor.Outputs).Select(p => (r.Descriptor.Type, p))), x =>
            Assert.False(string.IsNullOrWhiteSpace(x.p.Description), $"{x.Type}.{x.p.Name} has no description"));

    [Fact]
    public void EveryActivity_TakesTheBsnAsARequiredInputWhereItNeedsOne()
    {
        var withBsn = Registrations().Where(r => r.Descriptor.Inputs.Any(p => p.Name == "bsn")).ToList();
        Assert.All(withBsn, r => Assert.True(r.Descriptor.Inputs.Single(p => p.Name == "bsn").Required));
        Assert.Equal(20, withBsn.Count);
    }

    [Fact]
    public void EveryOutput_IsFlatForGateways() =>
        Assert.All(Registrations().SelectMany(r => r.Descriptor.Outputs.Select(p => (r.Descriptor.Type, p))).Where(x => !ListsForAForm.Contains($"{x.Type}.{x.p.Name}")),
            x => Assert.DoesNotContain(x.p.Type, new[] { "object", "array" }));

    /// <summary>Outputs that are a list on purpose: a form shows them row by row, no gateway reads them.</summary>
    private static readonly string[] ListsForAForm = ["keten.casuistiekoverleg-agenda.agenda"];

    [Fact]
    public void DuoReports_SurviveAMonthOfOutage()
    {
        var reports = Registrations().Where(r => r.Descriptor.Type.StartsWith("duo.", StringComparison.Ordinal) && r.Descriptor.Type.EndsWith("-melden", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, reports.Count);
        Assert.All(reports, r =>
        {
            var retry = r.Descriptor.Retry;
            var total = TimeSpan.Zero;
            var delay = retry.InitialDelay;
            for (var i = 1; i < retry.MaxAttempts; i++)
            {
                total += delay;
                delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * retry.Factor), retry.MaxDelay.Ticks));
            }

            Assert.True(total > TimeSpan.FromDays(31), $"{r.Descriptor.Type} gives up after {total}");
        });
    }

    [Fact]
    public void DuoActivities_DeclareTheirBpmnErrors() =>
        Assert.All(Registrations().Where(r => r.Descriptor.Type.StartsWith("duo.", StringComparison.Ordinal) && r.Descriptor.Type is not ("duo.inburgeringstermijn-raadplegen" or "duo.pip-raadplegen")), r =>
            Assert.Contains(r.Descriptor.ErrorCodes, e => e.Code == "DUO_NIET_GEVONDEN"));

    [Fact]
    public void DatesAndDateTimes_AreTypedApartForTheDesigner()
    {
        var aanvragen = Registrations().Single(r => r.Descriptor.Type == "intake.leerbaarheidstoets-aanvragen").Descriptor;
        Assert.Equal("date-time", aanvragen.Outputs.Single(p => p.Name == "afspraakDatumTijd").Type);
        Assert.Equal("date", aanvragen.Inputs.Single(p => p.Name == "vroegsteDatum").Type);
    }
}
