using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Inburgering.Tests;
using Inburgering.Web.Tests.Support;
using Microsoft.Playwright;

/// <summary>
/// The werkvoorraad in a real browser on the demo data, as the README's run command serves it (SQLite, demo data,
/// development sign-in): the JavaScript the page loads (gzip) and the time from navigation until the task list shows its
/// rows (the page is usable), cold (first visit, empty cache) and warm (again, as a consulent comes back to it).
/// </summary>
internal static class WebBench
{
    private const string User = "carla";

    public static async Task RunAsync(int navigations)
    {
        Console.WriteLine($"# Werkvoorraad in chromium on the demo data: {navigations} navigations, {Environment.ProcessorCount} cores, load {Load()}");
        var work = Directory.CreateTempSubdirectory("inburgering-web-bench-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(
                [
                    "--Inburgering:Database", "Sqlite",
                    "--ConnectionStrings:Inburgering", $"Data Source={Path.Combine(work, "bench.sqlite")}",
                    "--Inburgering:SimulationClock=true",
                    "--Inburgering:DevelopmentSignIn=true",
                    "--Inburgering:DemoData=true",
                ],
                work);
            var demo = Stopwatch.StartNew();
            await server.WaitReadyAsync(ServerProcess.ReadyLimit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo data ready after {demo.Elapsed.TotalSeconds:0} s."));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), Locale = "nl-NL" });
            var page = await context.NewPageAsync();

            // Sign in (development sign-in keeps the session in the tab), then leave the application.
            await page.GotoAsync("/");
            await page.Locator($"button[data-user='{User}']").ClickAsync();
            await page.Locator("[data-testid='gebruiker']").WaitForAsync();
            await page.GotoAsync("about:blank");

            // Cold: the first visit to /werkvoorraad after clearing the cache, counting every script it loads.
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.clearBrowserCache");
            var scripts = new List<(string Url, int Bytes, int Gzip)>();
            var pending = new List<Task>();
            void OnResponse(object? sender, IResponse response)
            {
                if (response.Request.ResourceType == "script")
                {
                    pending.Add(Task.Run(async () =>
                    {
                        var body = await response.BodyAsync();
                        lock (scripts)
                        {
                            scripts.Add((new Uri(response.Url).AbsolutePath, body.Length, GzipLength(body)));
                        }
                    }));
                }
            }

            page.Response += OnResponse;
            var cold = await UsableAsync(page);
            page.Response -= OnResponse;
            await Task.WhenAll(pending);

            var warm = new List<double>();
            for (var i = 0; i < navigations; i++)
            {
                await page.GotoAsync("about:blank");
                warm.Add(await UsableAsync(page));
            }

            warm.Sort();
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| usable after navigation, cold (empty cache) | {cold:0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| usable after navigation, warm p50 | {Percentile(warm, 0.50):0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| usable after navigation, warm p95 | {Percentile(warm, 0.95):0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| JavaScript loaded by the werkvoorraad ({scripts.Count} files) | {scripts.Sum(s => s.Bytes) / 1024.0:0} kB, {scripts.Sum(s => s.Gzip) / 1024.0:0} kB gzip |"));
            Console.WriteLine();
            foreach (var script in scripts.OrderByDescending(s => s.Gzip))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {script.Url}: {script.Bytes / 1024.0:0} kB, {script.Gzip / 1024.0:0.0} kB gzip"));
            }

            var bpmn = scripts.Where(s => s.Url.Contains("bpmn", StringComparison.OrdinalIgnoreCase)).ToList();
            Console.WriteLine(bpmn.Count == 0 ? "No bpmn-js chunk is loaded by the werkvoorraad." : $"bpmn-js chunks loaded: {string.Join(", ", bpmn.Select(b => b.Url))}");
            Console.WriteLine("Usable = the browser's own clock (performance.now(), from the start of the navigation) when the first task row of the list is in the page.");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Navigates to the werkvoorraad and answers, in ms from the navigation's start, when its first task row is shown.</summary>
    private static async Task<double> UsableAsync(IPage page)
    {
        await page.GotoAsync("/werkvoorraad?tab=alle", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("tbody tr[data-task-id]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        return await page.EvaluateAsync<double>("() => performance.now()");
    }

    private static int GzipLength(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return (int)buffer.Length;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
