using System.Globalization;
using System.Text.RegularExpressions;

namespace Inburgering.Server.Privacy;

/// <summary>
/// The personal data the service keeps about an inburgeraar, in one place: which instance variables are personal
/// (<see cref="Variables"/>, erased when the retention period is over) and how long after a traject ends they are kept,
/// per gemeente (section <c>Inburgering:Privacy</c>).
/// </summary>
public sealed partial class PrivacySettings
{
    public const string Section = "Inburgering:Privacy";

    /// <summary>
    /// The personal variables of the keten: the BSN, names and contact details of the inburgeraar and of the people around
    /// them, and free text a consulent typed about the person. The PersoonReferentie (the business key, a keyed hash of the
    /// BSN) stays: it holds the traject's journal together for the statistics and cannot be turned back into a BSN without
    /// the secret.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultVariables =
    [
        "bsn", "inburgeraarNaam", "naam", "voornamen", "achternaam", "geboortedatum",
        "adres", "straat", "huisnummer", "postcode", "woonplaats", "telefoonnummer", "email",
        "contactpersoonNaam", "derdeNaam", "meldingToelichting",
    ];

    /// <summary>How long the personal variables are kept after a traject ends, unless the gemeente has its own period.</summary>
    public string Retention { get; set; } = "P5Y";

    /// <summary>Per CBS gemeentecode its own retention period (ISO 8601: P1Y, P18M, P90D).</summary>
    public Dictionary<string, string> Gemeenten { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables that are personal besides <see cref="DefaultVariables"/>.</summary>
    public IList<string> ExtraVariables { get; } = [];

    /// <summary>How often the retention job looks for trajecten whose period is over.</summary>
    public TimeSpan ErasureInterval { get; set; } = TimeSpan.FromHours(1);

    public IReadOnlySet<string> Variables => DefaultVariables.Concat(ExtraVariables).ToHashSet(StringComparer.Ordinal);

    public static PrivacySettings From(IConfiguration configuration)
    {
        var settings = new PrivacySettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }

    /// <summary>The problems of the settings (a start-up refusal names them); empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!TryParsePeriod(Retention, out _))
        {
            problems.Add($"{Section}:Retention '{Retention}' is geen bewaartermijn (ISO 8601 in jaren, maanden, weken of dagen, zoals P5Y of P18M).");
        }

        foreach (var (gemeente, period) in Gemeenten)
        {
            if (!Auth.Gemeentecodes.IsValid(gemeente))
            {
                problems.Add($"{Section}:Gemeenten:{gemeente} is geen CBS-gemeentecode (vier cijfers).");
            }
            else if (!TryParsePeriod(period, out _))
            {
                problems.Add($"{Section}:Gemeenten:{gemeente} '{period}' is geen bewaartermijn (zoals P5Y of P18M).");
            }
        }

        if (ErasureInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:ErasureInterval moet groter zijn dan nul.");
        }

        return problems;
    }

    /// <summary>The retention period of a gemeente.</summary>
    public Period RetentionOf(string gemeente) =>
        TryParsePeriod(Gemeenten.TryGetValue(gemeente, out var own) ? own : Retention, out var period) ? period : throw new InvalidOperationException($"Invalid retention for {gemeente}.");

    /// <summary>A calendar period: years, months and days (weeks count as seven days).</summary>
    public readonly record struct Period(int Years, int Months, int Days)
    {
        /// <summary>The moment that lies this period before <paramref name="moment"/>.</summary>
        public DateTimeOffset Before(DateTimeOffset moment) => moment.AddYears(-Years).AddMonths(-Months).AddDays(-Days);

        public override string ToString() => $"P{(Years > 0 ? $"{Years}Y" : "")}{(Months > 0 ? $"{Months}M" : "")}{(Days > 0 || Years + Months == 0 ? $"{Days}D" : "")}";
    }

    public static bool TryParsePeriod(string? text, out Period period)
    {
        period = default;
        var match = PeriodPattern().Match(text?.Trim() ?? "");
        if (!match.Success || match.Groups.Values.Skip(1).All(g => !g.Success))
        {
            return false;
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        period = new Period(Part("y"), Part("m"), (Part("w") * 7) + Part("d"));
        return period.Years <= 100 && period.Months <= 1200 && period.Days <= 36500;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d{1,3})Y)?(?:(?<m>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}

/// <summary>Registers the privacy settings and the retention job.</summary>
public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = PrivacySettings.From(configuration);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("De privacy-instellingen zijn niet in orde: " + string.Join(" ", problems));
        }

        services.AddSingleton(settings);
        services.AddSingleton<RetentionService>();

        // The partners' APIs put the BSN in their paths (DUO: /personen/{bsn}/...); the HTTP client's own log lines name
        // every request URI at Information level. A BSN never goes in a log line: those lines are off for every client.
        services.ConfigureHttpClientDefaults(client => client.RemoveAllLoggers());
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
