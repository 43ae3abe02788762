using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Support;

/// <summary>
/// Debian's chromium (no browser download is possible here): /usr/bin/chromium, or PLAYWRIGHT_CHROMIUM_EXECUTABLE. tests/run.sh
/// installs it when it is missing.
/// </summary>
public static class Chromium
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"Chromium is not installed at {Executable}: run `apt-get install -y chromium` (tests/run.sh does this).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }
}
