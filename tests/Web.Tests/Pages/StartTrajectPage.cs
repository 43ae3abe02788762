using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Pages;

/// <summary>Starting a traject by hand from a melding.</summary>
public sealed partial class StartTrajectPage(IPage page)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"/trajecten/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\?|$)")]
    private static partial System.Text.RegularExpressions.Regex DossierUrl();

    public IPage Page => page;

    public async Task OpenAsync()
    {
        await page.GotoAsync("/trajecten/nieuw");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe melding: traject starten" }).WaitForAsync();
    }

    /// <summary>Fills in the melding and starts; returns the new traject's id (from the dossier's URL).</summary>
    public async Task<Guid> StartAsync(string bsn, string naam, string gemeente, string gebeurtenis)
    {
        await page.GetByLabel("BSN").FillAsync(bsn);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(naam);
        await page.GetByLabel("Gemeente").SelectOptionAsync(gemeente);
        await page.GetByLabel("Wat is er gemeld?").SelectOptionAsync(gebeurtenis);
        // The dossier opens, or the page says in place why not. Either way the test learns what happened: a refusal, a
        // client-side error or no answer fails with the server's status and the page's messages instead of a bare timeout.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/v1/trajecten", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Traject starten" }).ClickAsync();
        // Polled, not a navigation event: the dossier opens by a client-side navigation that can come before a waiter for its
        // event is in place (CI once saw the dossier and its "Traject gestart" message while WaitForURLAsync waited on).
        var opened = Assertions.Expect(page).ToHaveURLAsync(DossierUrl(), new() { Timeout = 90_000 });
        var refused = page.Locator(".utrecht-alert--error, .utrecht-alert--info").First.WaitForAsync(new() { Timeout = 90_000 });
        await Task.WhenAny(opened, refused);
        if (!opened.IsCompletedSuccessfully)
        {
            var status = answer.IsCompletedSuccessfully ? answer.Result.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "geen antwoord";
            var shown = await page.Locator(".utrecht-alert").AllInnerTextsAsync();
            throw new InvalidOperationException(
                $"Het traject startte niet na {started.Elapsed.TotalSeconds:0.0} s (POST /api/v1/trajecten: {status}; pagina {page.Url}); de pagina toont: {string.Join(" | ", shown)}");
        }

        return Guid.Parse(page.Url.Split('/').Last().Split('?')[0]);
    }
}
