using System.Text.Json.Nodes;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Activities.Tests.Infrastructure;

namespace Inburgering.Activities.Tests.Duo;

public sealed class DuoNotificatieMappingTests
{
    private static readonly byte[] Secret = "mapping-test-secret-0123456789abcdef"u8.ToArray();

    private static readonly string[] Starters = ["SS101", "SS128", "SS139", "SS129", "SS120", "SS121", "SS130"];

    private static string Referentie(string bsn) => PersoonReferentie.Compute(Secret, bsn);

    public static TheoryData<string> AllGebeurtenissen() => new(DuoNotificatieMapping.Catalogus.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Catalogus_HoldsEveryGebeurtenisOfDuosCatalogueAndTheAttentiesignalen()
    {
        string[] expected =
        [
            "SS101", "SS128", "SS139", "SS129", "SS120", "SS121", "SS124", "SS125", "SS109", "SS110", "SS111",
            "SS106", "SS107", "SS108", "SS137", "SS131", "SS102", "SS199", "SS103", "SS104", "SS130",
            "SS113", "SS114", "SS115", "SS116", "SS117", "SS118", "SS119",
            "SS112", "SS122", "SS123", "SS126", "SS127", "SS132", "SS133", "SS135", "SS136", "SS140", "SS141", "SS142",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), DuoNotificatieMapping.Catalogus.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllGebeurtenissen))]
    public void Map_EveryGebeurtenis_GivesAStableAsciiMessageCorrelatedByPersoonReferentie(string gebeurtenisId)
    {
        var bsn = TestBsn.Next();
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(1)), gebeurtenisId, bsn), Referentie);

        Assert.Equal("duo." + gebeurtenisId.ToLowerInvariant(), message.MessageName);
        Assert.True(message.MessageName.All(c => char.IsAscii(c) && !char.IsWhiteSpace(c)));
        Assert.True(message.Known);
        Assert.Equal(Starters.Contains(gebeurtenisId), message.MayStartTraject);
        Assert.Equal(Referentie(bsn), message.CorrelationKey);
        Assert.DoesNotContain(bsn, message.CorrelationKey!, StringComparison.Ordinal);
        Assert.Equal(message.CorrelationKey, message.Variables["persoonReferentie"]!.GetValue<string>());
        Assert.Equal(gebeurtenisId, message.Variables["duoGebeurtenisId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(message.Variables["duoGebeurtenis"]!.GetValue<string>()));
        Assert.Equal("2026-03-02T10:15:00+01:00", message.Variables["duoRegistratieDatumTijd"]!.GetValue<string>());
        var holdingBsn = message.Variables.Where(v => v.Value is JsonValue j && j.ToJsonString().Contains(bsn, StringComparison.Ordinal)).Select(v => v.Key);
        Assert.Equal(["bsn"], holdingBsn);
    }

    [Theory]
    [InlineData("SS101", "inburgeringsplichtVastgesteld", true)]
    [InlineData("SS128", "aowLeeftijdBinnenZesMaanden", true)]
    [InlineData("SS139", "pipTermijnGestart", true)]
    [InlineData("SS129", "tijdelijkeVrijstellingIngetrokken", true)]
    [InlineData("SS120", "pipVorigeGemeente", false)]
    [InlineData("SS121", "pipVorigeGemeente", true)]
    [InlineData("SS124", "asielstatushouder", false)]
    [InlineData("SS125", "asielstatushouder", true)]
    [InlineData("SS109", "tijdelijkeVrijstelling", true)]
    [InlineData("SS110", "inburgeringsplichtBeeindigd", true)]
    [InlineData("SS111", "overleden", true)]
    [InlineData("SS106", "inburgeringsplichtVoldaan", true)]
    [InlineData("SS107", "inburgeringsplichtVoldaan", true)]
    [InlineData("SS108", "inburgeringsplichtVoldaan", true)]
    [InlineData("SS137", "leerbaarheidstoetsAangemeld", true)]
    [InlineData("SS131", "leerbaarheidstoetsUitslagBekend", true)]
    [InlineData("SS102", "termijnGestart", true)]
    [InlineData("SS103", "termijnVerlengdOpVerzoek", false)]
    [InlineData("SS104", "termijnVerlengdOpVerzoek", true)]
    [InlineData("SS130", "inburgeringsplichtHervat", true)]
    [InlineData("SS199", "examenUitslagBekend", true)]
    [InlineData("SS113", "verzoekToegekend", false)]
    [InlineData("SS117", "verzoekToegekend", true)]
    [InlineData("SS119", "verzoekToegekend", true)]
    public void Map_SetsTheFlagAGatewayTests(string gebeurtenisId, string flag, bool value)
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(DateTimeOffset.UnixEpoch, gebeurtenisId, TestBsn.Next()), Referentie);

        Assert.Equal(value, message.Variables[flag]!.GetValue<bool>());
    }

    [Fact]
    public void Map_Ss139_CarriesTheStartOfTheTenWeeks()
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), "SS139", TestBsn.Next()), Referentie);

        Assert.Equal("2026-04-01", message.Variables["pipTermijnStartdatum"]!.GetValue<string>());
        Assert.Contains("duo.inburgeringsplicht-raadplegen", message.Variables["duoTeRaadplegen"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SS120")]
    [InlineData("SS121")]
    public void Map_MoveToAGemeente_StartsTheNewGemeentesTenWeeksOnTheNotice(string gebeurtenisId)
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(new DateTimeOffset(2026, 9, 14, 8, 0, 0, TimeSpan.Zero), gebeurtenisId, TestBsn.Next()), Referentie);

        Assert.Equal("2026-09-14", message.Variables["pipTermijnStartdatum"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("SS112")]
    [InlineData("SS126")]
    [InlineData("SS141")]
    public void Map_AnAttentiesignaal_IsMarkedAsSuch(string gebeurtenisId)
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(DateTimeOffset.UnixEpoch, gebeurtenisId, TestBsn.Next()), Referentie);

        Assert.True(message.Variables["duoAttentiesignaal"]!.GetValue<bool>());
        Assert.Equal("attentiesignaal", message.Variables["duoGebeurtenisCategorie"]!.GetValue<string>());
    }

    [Fact]
    public void Map_AnIdOutsideTheCatalogue_GoesToTheCatchAllMessage()
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(DateTimeOffset.UnixEpoch, "SS998", TestBsn.Next()), Referentie);

        Assert.Equal(DuoNotificatieMapping.UnknownMessageName, message.MessageName);
        Assert.False(message.Known);
        Assert.False(message.MayStartTraject);
        Assert.Equal("SS998", message.Variables["duoGebeurtenisId"]!.GetValue<string>());
    }

    [Fact]
    public void Map_WithoutABsn_HasNoCorrelationKeyButKeepsTheVNummer()
    {
        var message = DuoNotificatieMapping.Map(new DuoNotificatie(DateTimeOffset.UnixEpoch, "SS101", null, 1234567890), Referentie);

        Assert.Null(message.CorrelationKey);
        Assert.Equal(1234567890, message.Variables["vNummer"]!.GetValue<long>());
        Assert.False(message.Variables.ContainsKey("bsn"));
    }
}
