using System.Text.Json.Serialization;

namespace Inburgering.Workflows.Policy;

// The JSON shape of workflow-definitions/gemeenten/*.json. Every value is optional here; the catalog reports what is
// missing with a Dutch reason. "afwijkingen" has the shape of "standaard": each property given there replaces the
// organisation default as a whole (so a gemeente in another arbeidsmarktregio gives all three taalaanbieders).

internal sealed class PolicyFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public OrganisatieDto? Organisatie { get; set; }

    public List<string>? Bronnen { get; set; }

    public List<string>? OpenPunten { get; set; }

    public BeleidDto? Standaard { get; set; }

    public List<GemeenteDto>? Gemeenten { get; set; }
}

internal sealed class OrganisatieDto
{
    public string? Id { get; set; }

    public string? Naam { get; set; }

    public string? Beschrijving { get; set; }
}

internal sealed class GemeenteDto
{
    public string? Code { get; set; }

    public string? Naam { get; set; }

    public string? Arbeidsmarktregio { get; set; }

    public string? DuoOin { get; set; }

    public bool? DuoOinIsPlaceholder { get; set; }

    public string? Toelichting { get; set; }

    public BeleidDto? Afwijkingen { get; set; }
}

internal sealed class BeleidDto
{
    public VoortgangsgesprekDto? Voortgangsgesprek { get; set; }

    public CasuistiekoverlegDto? Casuistiekoverleg { get; set; }

    public Dictionary<string, KetenpartnerDto>? Taalaanbieders { get; set; }

    public KetenpartnerDto? MaatschappelijkeBegeleiding { get; set; }

    public KetenpartnerDto? FinancieleZelfredzaamheid { get; set; }

    public OntzorgingDto? Ontzorging { get; set; }

    public bool? VierOgen { get; set; }

    public int? PipEscalatieWekenVooraf { get; set; }

    public HandhavingDto? Handhaving { get; set; }

    public MandaatDto? Mandaat { get; set; }

    public DuoContactpersoonDto? DuoContactpersoon { get; set; }

    public bool? NoaAssessment { get; set; }

    /// <summary>Every how many weeks a running traject asks the BRP where the person is registered (a move ends it). Default 4.</summary>
    public int? BrpControleIntervalWeken { get; set; }
}

internal sealed class DuoContactpersoonDto
{
    public string? Naam { get; set; }

    public string? Email { get; set; }

    public string? Telefoonnummer { get; set; }

    public int? DuoContactpersoonId { get; set; }

    public bool? IsPlaceholder { get; set; }
}

internal sealed class VoortgangsgesprekDto
{
    public int? IntervalMaanden { get; set; }

    public int? MargeDagen { get; set; }

    public int? VoorlooptijdWeken { get; set; }
}

internal sealed class CasuistiekoverlegDto
{
    public string? Vorm { get; set; }

    public int? IntervalWeken { get; set; }
}

internal sealed class KetenpartnerDto
{
    public string? Naam { get; set; }

    public string? PartnerId { get; set; }

    public bool? Bevestigd { get; set; }

    public string? DuoInstellingsnummer { get; set; }
}

internal sealed class OntzorgingDto
{
    public List<string>? Kostenposten { get; set; }

    public int? DuurMaanden { get; set; }

    public int? EvaluatieVoorlooptijdWeken { get; set; }
}

internal sealed class HandhavingDto
{
    public bool? DuoResultaatboeteAsielstatushouders { get; set; }

    public int? ZienswijzeTermijnWeken { get; set; }
}

internal sealed class MandaatDto
{
    public string? PipVaststellen { get; set; }
}
