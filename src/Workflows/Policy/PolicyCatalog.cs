using System.Text.Json;
using System.Text.RegularExpressions;
using Inburgering.Workflows.Handhaving;
using Inburgering.Workflows.Leerroutes;
using Inburgering.Workflows.Personen;

namespace Inburgering.Workflows.Policy;

/// <summary>The outcome of loading a folder of policy files: a catalog when there were no problems.</summary>
public sealed record PolicyLoadResult(PolicyCatalog? Catalog, IReadOnlyList<PolicyProblem> Problems)
{
    public bool IsValid => Catalog is not null && Problems.Count == 0;
}

/// <summary>
/// The policy of every Gemeente, loaded from one JSON file per organisation (workflow-definitions/gemeenten/*.json).
/// Loading validates everything and reports every problem with file, JSON path and a Dutch reason; a gemeente code
/// must be 4 digits and may appear in only one file.
/// </summary>
public sealed partial class PolicyCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private const string UnreadableFile = "Het bestand is geen geldig beleidsbestand";

    private readonly Dictionary<string, Gemeentebeleid> _byCode;

    private PolicyCatalog(IReadOnlyList<Organisatiebeleid> organisaties)
    {
        Organisaties = organisaties;
        _byCode = organisaties.SelectMany(o => o.Gemeenten).ToDictionary(g => g.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Organisatiebeleid> Organisaties { get; }

    public IEnumerable<Gemeentebeleid> Gemeenten => Organisaties.SelectMany(o => o.Gemeenten);

    /// <summary>The policy for a gemeente code (4 digits, CBS).</summary>
    public Gemeentebeleid For(string gemeenteCode) =>
        _byCode.TryGetValue(gemeenteCode, out var beleid)
            ? beleid
            : throw new KeyNotFoundException($"Geen beleid gevonden voor gemeentecode '{gemeenteCode}'. Bekend: {string.Join(", ", _byCode.Keys.Order(StringComparer.Ordinal))}.");

    public bool TryFor(string gemeenteCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Gemeentebeleid? beleid) => _byCode.TryGetValue(gemeenteCode, out beleid);

    /// <summary>Loads every *.json in <paramref name="folder"/> (sorted by name) and validates across files.</summary>
    public static PolicyLoadResult Load(string folder)
    {
        if (!Directory.Exists(folder))
            return new(null, [new PolicyProblem(folder, "$", "De map met beleidsbestanden bestaat niet.")]);
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        return LoadFrom(files);
    }

    /// <summary>Like <see cref="Load"/>, but throws a <see cref="PolicyException"/> listing every problem.</summary>
    public static PolicyCatalog LoadOrThrow(string folder)
    {
        var result = Load(folder);
        return result.IsValid ? result.Catalog! : throw new PolicyException(result.Problems);
    }

    /// <summary>Loads from (file name, JSON text) pairs; the file name is only used in problem reports.</summary>
    public static PolicyLoadResult LoadFrom(IEnumerable<(string File, string Json)> files)
    {
        var problems = new List<PolicyProblem>();
        var organisaties = new List<Organisatiebeleid>();
        var fileList = files.ToList();
        if (fileList.Count == 0)
            problems.Add(new("(geen)", "$", "Er zijn geen beleidsbestanden (*.json) gevonden."));

        foreach (var (file, json) in fileList)
        {
            // First the schema (gemeentebeleid.schema.json), then the rules; a path the rules explain (naming the gemeente)
            // is not reported twice.
            var schemaProblems = PolicySchema.Validate(file, json);
            var before = problems.Count;
            var organisatie = ParseFile(file, json, problems);
            if (schemaProblems.Count > 0)
            {
                // The schema names an unknown field or a wrong type at its path; the deserializer's generic refusal adds nothing.
                var generic = problems.Skip(before).Where(p => p.Reason.StartsWith(UnreadableFile, StringComparison.Ordinal)).ToList();
                foreach (var g in generic)
                    problems.Remove(g);
            }
            var explained = problems.Skip(before).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(schemaProblems.Where(p => !explained.Contains(p.Path)));
            if (organisatie is not null && schemaProblems.Count == 0)
                organisaties.Add(organisatie);
        }

        var seenCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organisatie in organisaties)
        {
            if (!seenIds.TryAdd(organisatie.Id, organisatie.Bestand))
                problems.Add(new(organisatie.Bestand, "$.organisatie.id", $"Organisatie-id '{organisatie.Id}' komt ook voor in {seenIds[organisatie.Id]}; elk bestand beschrijft een andere organisatie."));
            for (var i = 0; i < organisatie.Gemeenten.Count; i++)
            {
                var g = organisatie.Gemeenten[i];
                if (!seenCodes.TryAdd(g.Code, organisatie.Bestand))
                {
                    problems.Add(new(organisatie.Bestand, $"$.gemeenten[{i}].code",
                        seenCodes[g.Code] == organisatie.Bestand
                            ? $"Gemeentecode {g.Code} ({g.Naam}) staat twee keer in dit bestand."
                            : $"Gemeentecode {g.Code} ({g.Naam}) staat ook in {seenCodes[g.Code]}; een gemeente hoort bij één organisatie."));
                }
            }
        }

        return problems.Count == 0 ? new(new PolicyCatalog(organisaties), problems) : new(null, problems);
    }

    private static Organisatiebeleid? ParseFile(string file, string json, List<PolicyProblem> problems)
    {
        PolicyFile? dto;
        try
        {
            dto = JsonSerializer.Deserialize<PolicyFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (regel {line + 1}, positie {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            problems.Add(new(file, ex.Path ?? "$", $"{UnreadableFile}{where}: onleesbare JSON, een onbekend veld of een waarde van het verkeerde type. Detail: {ex.Message}"));
            return null;
        }

        if (dto is null)
        {
            problems.Add(new(file, "$", "Het bestand is leeg (null)."));
            return null;
        }

        var before = problems.Count;
        var p = new Reporter(file, problems);
        var id = p.Required(dto.Organisatie?.Id, "$.organisatie.id", "het organisatie-id ontbreekt");
        if (id is not null && !IdPattern().IsMatch(id))
            p.Add("$.organisatie.id", $"Het organisatie-id '{id}' mag alleen kleine letters, cijfers en '-' bevatten.");
        var naam = p.Required(dto.Organisatie?.Naam, "$.organisatie.naam", "de naam van de organisatie ontbreekt");

        var gemeenten = new List<Gemeentebeleid>();
        if (dto.Gemeenten is not { Count: > 0 })
        {
            p.Add("$.gemeenten", "Er staan geen gemeenten in het bestand.");
        }
        else
        {
            for (var i = 0; i < dto.Gemeenten.Count; i++)
            {
                var g = ResolveGemeente(dto.Gemeenten[i], $"$.gemeenten[{i}]", dto.Standaard, id ?? "?", naam ?? "?", p);
                if (g is not null)
                    gemeenten.Add(g);
            }
        }

        return problems.Count > before || id is null || naam is null
            ? null
            : new Organisatiebeleid(id, naam, dto.Organisatie?.Beschrijving ?? string.Empty, file, dto.OpenPunten ?? [], gemeenten);
    }

    private static Gemeentebeleid? ResolveGemeente(GemeenteDto g, string path, BeleidDto? standaard, string orgId, string orgNaam, Reporter p)
    {
        var before = p.Count;
        var code = p.Required(g.Code, $"{path}.code", "de gemeentecode ontbreekt");
        if (code is not null)
        {
            if (Gemeentecode.TryParse(code, out var parsed, out var codeError))
                code = parsed.Value;
            else
                p.Add($"{path}.code", codeError);
        }
        var naam = p.Required(g.Naam, $"{path}.naam", "de naam van de gemeente ontbreekt") ?? "?";
        var regio = p.Required(g.Arbeidsmarktregio, $"{path}.arbeidsmarktregio", $"de arbeidsmarktregio van {naam} ontbreekt");
        var oin = ValidateOin(g.DuoOin, g.DuoOinIsPlaceholder ?? false, $"{path}.duoOin", naam, p);

        var afw = g.Afwijkingen;
        var a = $"{path}.afwijkingen";
        const string s = "$.standaard";

        T? Pick<T>(Func<BeleidDto, T?> get, string name, out string at) where T : class
        {
            if (afw is not null && get(afw) is { } local) { at = $"{a}.{name}"; return local; }
            at = $"{s}.{name}";
            return standaard is null ? null : get(standaard);
        }

        TV? PickValue<TV>(Func<BeleidDto, TV?> get, string name, out string at) where TV : struct
        {
            if (afw is not null && get(afw) is { } local) { at = $"{a}.{name}"; return local; }
            at = $"{s}.{name}";
            return standaard is null ? null : get(standaard);
        }

        string Missing(string what) => $"{what} ontbreekt voor {naam}: geef het op in \"standaard\" of in de afwijkingen van de gemeente.";

        // Voortgangsgesprek
        var vg = Pick(b => b.Voortgangsgesprek, "voortgangsgesprek", out var vgAt);
        int interval = 0, marge = 0, vgVoorloop = Gemeentebeleid.StandaardVoortgangsgesprekVoorlooptijdWeken;
        if (vg is null)
        {
            p.Add(vgAt, Missing("Het beleid voor voortgangsgesprekken"));
        }
        else
        {
            if (vg.IntervalMaanden is not { } im) p.Add($"{vgAt}.intervalMaanden", Missing("Het interval van voortgangsgesprekken"));
            else if (im is < 1 or > 24) p.Add($"{vgAt}.intervalMaanden", $"Het interval van voortgangsgesprekken moet tussen 1 en 24 maanden liggen; {im} is ongeldig.");
            else interval = im;
            if (vg.MargeDagen is { } md)
            {
                if (md is < 0 or > 92) p.Add($"{vgAt}.margeDagen", $"De marge voor voortgangsgesprekken moet tussen 0 en 92 dagen liggen; {md} is ongeldig.");
                else marge = md;
            }

            if (vg.VoorlooptijdWeken is { } vw)
            {
                if (vw < 0 || (interval > 0 && vw * 7 >= interval * 28)) p.Add($"{vgAt}.voorlooptijdWeken", $"Het voortgangsgesprek kan niet {vw} weken vooraf komen: kies 0 of meer weken, korter dan het interval van de gesprekken.");
                else vgVoorloop = vw;
            }
        }

        // Casuïstiekoverleg
        var co = Pick(b => b.Casuistiekoverleg, "casuistiekoverleg", out var coAt);
        Casuistiekoverleg? casuistiek = null;
        if (co is null)
        {
            p.Add(coAt, Missing("De vorm van het casuïstiekoverleg"));
        }
        else
        {
            switch (co.Vorm)
            {
                case "periodiek" when co.IntervalWeken is { } w && w is >= 1 and <= 52:
                    casuistiek = new(Casuistiekoverlegvorm.Periodiek, w);
                    break;
                case "periodiek":
                    p.Add($"{coAt}.intervalWeken", "Bij een periodiek casuïstiekoverleg hoort een interval van 1 tot 52 weken.");
                    break;
                case "adHoc" when co.IntervalWeken is not null:
                    p.Add($"{coAt}.intervalWeken", "Een ad hoc casuïstiekoverleg heeft geen vast interval; laat intervalWeken weg.");
                    break;
                case "adHoc":
                    casuistiek = new(Casuistiekoverlegvorm.AdHoc, null);
                    break;
                default:
                    p.Add($"{coAt}.vorm", $"De vorm van het casuïstiekoverleg moet \"periodiek\" of \"adHoc\" zijn, niet \"{co.Vorm}\".");
                    break;
            }
        }

        // Taalaanbieders per leerroute
        var ta = Pick(b => b.Taalaanbieders, "taalaanbieders", out var taAt);
        var taalaanbieders = new Dictionary<Leerroute, Ketenpartner>();
        if (ta is null)
        {
            p.Add(taAt, Missing("De taalaanbieders"));
        }
        else
        {
            foreach (var key in ta.Keys.Where(k => k is not ("B1Route" or "ZRoute" or "Onderwijsroute")))
                p.Add($"{taAt}.{key}", $"'{key}' is geen leerroute; gebruik B1Route, ZRoute of Onderwijsroute.");
            foreach (var route in Enum.GetValues<Leerroute>())
            {
                if (!ta.TryGetValue(route.ToString(), out var dto))
                    p.Add($"{taAt}.{route}", $"De taalaanbieder voor de {route.DutchName()} ontbreekt voor {naam}.");
                else if (Partner(dto, $"{taAt}.{route}", $"de taalaanbieder voor de {route.DutchName()}", p, instellingVoor: naam) is { } partner)
                    taalaanbieders[route] = partner;
            }
        }

        var mb = Pick(b => b.MaatschappelijkeBegeleiding, "maatschappelijkeBegeleiding", out var mbAt);
        var maatschappelijk = mb is null ? Fail(p, mbAt, Missing("Wie de maatschappelijke begeleiding doet")) : Partner(mb, mbAt, "de partner voor maatschappelijke begeleiding", p);
        var fz = Pick(b => b.FinancieleZelfredzaamheid, "financieleZelfredzaamheid", out var fzAt);
        var financieel = fz is null ? Fail(p, fzAt, Missing("Wie de financiële zelfredzaamheid bevordert")) : Partner(fz, fzAt, "de partner voor financiële zelfredzaamheid", p);

        // Ontzorging
        var oz = Pick(b => b.Ontzorging, "ontzorging", out var ozAt);
        OntzorgingBeleid? ontzorging = null;
        if (oz is null)
        {
            p.Add(ozAt, Missing("Het ontzorgingsbeleid"));
        }
        else
        {
            var okBefore = p.Count;
            if (oz.Kostenposten is not { Count: > 0 } posten)
            {
                p.Add($"{ozAt}.kostenposten", "Noem ten minste één kostenpost die bij ontzorgen wordt doorbetaald (bijvoorbeeld huur, energie, water, zorgverzekering).");
                posten = [];
            }
            for (var i = 0; i < posten.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(posten[i]) || !KostenpostPattern().IsMatch(posten[i]))
                    p.Add($"{ozAt}.kostenposten[{i}]", $"Kostenpost '{posten[i]}' is ongeldig: gebruik een woord in kleine letters, zoals huur of zorgverzekering.");
                else if (posten.IndexOf(posten[i]) != i)
                    p.Add($"{ozAt}.kostenposten[{i}]", $"Kostenpost '{posten[i]}' staat er twee keer in.");
            }
            if (oz.DuurMaanden is not { } duur)
                p.Add($"{ozAt}.duurMaanden", Missing("De duur van ontzorgen"));
            else if (duur < 6)
                p.Add($"{ozAt}.duurMaanden", $"Ontzorgen duurt minimaal 6 maanden (Participatiewet art. 56a); {duur} is te kort.");
            else if (duur > 60)
                p.Add($"{ozAt}.duurMaanden", $"Een ontzorgingsduur van {duur} maanden is onwaarschijnlijk; verleng na evaluatie in plaats daarvan.");
            var voorloop = oz.EvaluatieVoorlooptijdWeken ?? OntzorgingBeleid.StandaardEvaluatieVoorlooptijdWeken;
            if (voorloop < 0 || (oz.DuurMaanden is { } maanden && voorloop * 7 >= maanden * 28))
                p.Add($"{ozAt}.evaluatieVoorlooptijdWeken", $"De evaluatie kan niet {voorloop} weken voor het einde komen: kies 0 of meer weken, korter dan de duur van het ontzorgen.");
            if (p.Count == okBefore)
                ontzorging = new OntzorgingBeleid(posten, oz.DuurMaanden!.Value, voorloop);
        }

        var vierOgen = PickValue(b => b.VierOgen, "vierOgen", out var voAt);
        if (vierOgen is null) p.Add(voAt, Missing("Of het vier-ogen-principe geldt (vierOgen)"));

        var noa = PickValue(b => b.NoaAssessment, "noaAssessment", out _) ?? false;

        var escalatie = PickValue(b => b.PipEscalatieWekenVooraf, "pipEscalatieWekenVooraf", out var esAt);
        if (escalatie is null) p.Add(esAt, Missing("Hoeveel weken voor de PIP-termijn wordt geëscaleerd (pipEscalatieWekenVooraf)"));
        else if (escalatie is < 0 or > 9) p.Add(esAt, $"De escalatie voor de PIP-termijn moet 0 tot 9 weken vooraf liggen (de termijn is 10 weken); {escalatie} is ongeldig.");

        var hh = Pick(b => b.Handhaving, "handhaving", out var hhAt);
        var zienswijze = hh?.ZienswijzeTermijnWeken ?? 2;
        if (zienswijze is < 1 or > 8) p.Add($"{hhAt}.zienswijzeTermijnWeken", $"De zienswijzetermijn voor een boete is 1 tot 8 weken (Awb 4:8 vraagt een redelijke termijn); {zienswijze} is ongeldig.");
        var handhaving = new HandhavingInstellingen(hh?.DuoResultaatboeteAsielstatushouders ?? false, zienswijze);

        // Who may vaststellen the PIP (a beschikking, Wi2021 art. 15) under the mandate of the college: a role of the service.
        var mandaat = Pick(b => b.Mandaat, "mandaat", out var mdAt);
        string? pipMandaat = null;
        if (mandaat?.PipVaststellen is not { Length: > 0 } mandaatRollen)
            p.Add($"{mdAt}.pipVaststellen", Missing("Wie het PIP in mandaat vaststelt (mandaat.pipVaststellen: consulent of beheerder)"));
        else if (mandaatRollen.Split(',').Any(r => r.Trim() is not ("consulent" or "beheerder")))
            p.Add($"{mdAt}.pipVaststellen", $"Het mandaat om het PIP vast te stellen noemt rollen van de dienst (consulent, beheerder), met komma's gescheiden; '{mandaatRollen}' kan niet.");
        else
            pipMandaat = string.Join(',', mandaatRollen.Split(',').Select(r => r.Trim()));

        // The contactpersoon for DUO: the schema checks the shapes (DUO's patterns); here only what is missing.
        var cp = Pick(b => b.DuoContactpersoon, "duoContactpersoon", out var cpAt);
        DuoContactpersoon? contactpersoon = null;
        if (cp is null)
        {
            p.Add(cpAt, Missing("De contactpersoon voor DUO (naam, email, telefoonnummer)"));
        }
        else
        {
            var cpNaam = p.Required(cp.Naam, $"{cpAt}.naam", "de naam van de contactpersoon voor DUO ontbreekt");
            var cpEmail = p.Required(cp.Email, $"{cpAt}.email", "het e-mailadres van de contactpersoon voor DUO ontbreekt");
            var cpTelefoon = p.Required(cp.Telefoonnummer, $"{cpAt}.telefoonnummer", "het telefoonnummer van de contactpersoon voor DUO ontbreekt");
            if (cp.DuoContactpersoonId is < 1)
                p.Add($"{cpAt}.duoContactpersoonId", $"Het DUO-id van de contactpersoon is een positief getal; {cp.DuoContactpersoonId} is ongeldig.");
            else if (cpNaam is not null && cpEmail is not null && cpTelefoon is not null)
                contactpersoon = new DuoContactpersoon(cpNaam, cpEmail, cpTelefoon, cp.DuoContactpersoonId, cp.IsPlaceholder ?? false);
        }

        // How often a running traject asks the BRP whether the person still lives here (the gemeente's own source for a move).
        var brpInterval = PickValue(b => b.BrpControleIntervalWeken, "brpControleIntervalWeken", out var brpAt) ?? 4;
        if (brpInterval is < 1 or > 13) p.Add(brpAt, $"De controle van de inschrijving in de BRP komt elke 1 tot 13 weken; {brpInterval} is ongeldig.");

        if (p.Count > before || code is null || regio is null || oin is null || casuistiek is null || maatschappelijk is null || financieel is null || ontzorging is null || contactpersoon is null || pipMandaat is null)
            return null;

        return new Gemeentebeleid(code, naam, orgId, orgNaam, regio, oin, interval, marge, casuistiek, taalaanbieders,
            maatschappelijk, financieel, ontzorging, vierOgen!.Value, escalatie!.Value, handhaving, contactpersoon, new Mandaat(pipMandaat), vgVoorloop, noa, brpInterval);
    }

    private static Ketenpartner? Fail(Reporter p, string path, string reason)
    {
        p.Add(path, reason);
        return null;
    }

    /// <param name="instellingVoor">For a taalaanbieder: the gemeente whose DUO inburgeringsaanbod needs its instellingsnummer.</param>
    private static Ketenpartner? Partner(KetenpartnerDto dto, string path, string what, Reporter p, string? instellingVoor = null)
    {
        var naam = p.Required(dto.Naam, $"{path}.naam", $"de naam van {what} ontbreekt");
        var id = p.Required(dto.PartnerId, $"{path}.partnerId", $"het partnerId van {what} ontbreekt");
        if (id is not null && !IdPattern().IsMatch(id))
            p.Add($"{path}.partnerId", $"PartnerId '{id}' mag alleen kleine letters, cijfers en '-' bevatten.");
        if (instellingVoor is not null && string.IsNullOrWhiteSpace(dto.DuoInstellingsnummer))
            p.Add($"{path}.duoInstellingsnummer", $"Het DUO-instellingsnummer van {what} ontbreekt voor {instellingVoor}: zonder dat nummer weigert DUO de melding van het inburgeringsaanbod (POST /personen/{{bsn}}/Inburgeringsaanbod/{{instellingsnummer}}) en stopt het traject.");
        else if (dto.DuoInstellingsnummer is { } nummer && (nummer.Length != 10 || !nummer.All(char.IsAsciiLetterOrDigit)))
            p.Add($"{path}.duoInstellingsnummer", $"Het DUO-instellingsnummer van {what} is 10 letters of cijfers; '{nummer}' is ongeldig.");
        return naam is null || id is null || !IdPattern().IsMatch(id) ? null : new Ketenpartner(naam, id, dto.Bevestigd ?? true, dto.DuoInstellingsnummer);
    }

    /// <summary>
    /// An OIN is 20 digits. A gemeente's OIN is "00000001" + its 9-digit RSIN + "000"; the RSIN passes the elfproef.
    /// A placeholder only needs the 20 digits, and is flagged so it cannot pass for the real one.
    /// </summary>
    internal static DuoOin? ValidateOin(string? oin, bool isPlaceholder, string path, string naam, IReporter p)
    {
        if (string.IsNullOrWhiteSpace(oin))
        {
            p.Add(path, $"Het OIN van {naam} ontbreekt; gebruik een duidelijk gemarkeerde placeholder (duoOinIsPlaceholder: true) als het echte OIN nog niet bekend is.");
            return null;
        }
        if (!OinPattern().IsMatch(oin))
        {
            p.Add(path, $"OIN '{oin}' is ongeldig: een OIN bestaat uit precies 20 cijfers.");
            return null;
        }
        if (isPlaceholder)
            return new DuoOin(oin, true);
        if (!oin.StartsWith("00000001", StringComparison.Ordinal) || !oin.EndsWith("000", StringComparison.Ordinal))
        {
            p.Add(path, $"OIN '{oin}' van {naam} heeft niet de vorm van een gemeente-OIN: \"00000001\" + RSIN (9 cijfers) + \"000\".");
            return null;
        }
        if (!Elfproef.Holds(oin.AsSpan(8, 9)))
        {
            p.Add(path, $"OIN '{oin}' van {naam} bevat geen geldig RSIN ({oin.Substring(8, 9)} voldoet niet aan de elfproef). Markeer een nog onbekend OIN als placeholder.");
            return null;
        }
        return new DuoOin(oin, false);
    }

    [GeneratedRegex(@"^\d{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OinPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-zA-Z]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KostenpostPattern();

    internal interface IReporter
    {
        void Add(string path, string reason);
    }

    private sealed class Reporter(string file, List<PolicyProblem> problems) : IReporter
    {
        public int Count => problems.Count;

        public void Add(string path, string reason) => problems.Add(new PolicyProblem(file, path, reason));

        public string? Required(string? value, string path, string what)
        {
            if (!string.IsNullOrWhiteSpace(value))
                return value;
            Add(path, char.ToUpperInvariant(what[0]) + what[1..] + ".");
            return null;
        }
    }
}
