using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Inburgering.Tests;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

namespace Inburgering.Web.Tests;

/// <summary>
/// Issue 11: the Hangfire Dashboard at <c>/hangfire</c> (real time: partner calls on Hangfire) is for beheerders only — 401
/// without sign-in, 403 for a consulent, whether by the development headers or HTTP Basic — and renders in chromium for a
/// beheerder under the service's Content-Security-Policy (<c>script-src 'self'</c>): its scripts run, none is refused.
/// </summary>
public sealed class HangfireDashboardTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Dashboard_IsForBeheerdersOnly_AndRendersUnderTheCsp(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await ServerProcess.StartAsync(
            [
                "--Inburgering:Database", database.Provider,
                "--ConnectionStrings:Inburgering", database.ConnectionString,
                "--Inburgering:DevelopmentSignIn=true",
            ],
            Directory.CreateTempSubdirectory("inburgering-web-hangfire-").FullName);
        await server.WaitReadyAsync(ServerProcess.ReadyLimit);

        using (var http = new HttpClient { BaseAddress = server.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, null));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, r => Headers(r, "carla", "consulent")));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, r => r.Headers.Authorization = Basic("carla")));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, r => Headers(r, "henk", "beheerder")));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, r => r.Headers.Authorization = Basic("henk")));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            HttpCredentials = new HttpCredentials { Username = "henk", Password = "-" },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));");

        foreach (var path in new[] { "hangfire", "hangfire/jobs/scheduled", "hangfire/servers" })
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(200, response!.Status);
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Inburgering · partneraanroepen"));
            await Assertions.Expect(page.Locator("#hangfireConfig")).ToHaveCountAsync(1);

            // Its scripts ran: Hangfire's own object exists, and nothing was refused by the policy.
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Hangfire === 'object' && window.Hangfire !== null"), $"{path}: the dashboard's script did not run.");
            var refused = await page.EvaluateAsync<string[]>("() => window.__csp");
            Assert.True(refused.Length == 0, $"{path}: refused by the Content-Security-Policy: {string.Join("; ", refused)}");
        }

        await Assertions.Expect(page.GetByText("partner-calls").First).ToBeVisibleAsync();
        Assert.True(problems.Count == 0, "Browser errors: " + string.Join("; ", problems));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Action<HttpRequestMessage>? sign)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        sign?.Invoke(request);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static void Headers(HttpRequestMessage request, string user, string roles)
    {
        request.Headers.Add("X-User", user);
        request.Headers.Add("X-Roles", roles);
        request.Headers.Add("X-Gemeenten", "0632,1901,0335,0589");
    }

    private static AuthenticationHeaderValue Basic(string user) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":-")));
}
