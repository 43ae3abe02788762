using Microsoft.Playwright;

namespace Inburgering.Web.Tests.Support;

/// <summary>
/// Screenshots of the pages: always in tests/Web.Tests/TestResults/screenshots, and in docs/screenshots (shown in the README)
/// when INBURGERING_UPDATE_SCREENSHOTS=1, from the SQLite run.
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name, string database)
    {
        var root = Inburgering.Tests.ServerProcess.RepositoryRoot();
        var results = Path.Combine(root, "tests", "Web.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(results);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Animations = ScreenshotAnimations.Disabled });
        await File.WriteAllBytesAsync(Path.Combine(results, $"{name}-{database}.png"), bytes);
        if (database == "Sqlite" && Environment.GetEnvironmentVariable("INBURGERING_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, $"{name}.png"), bytes);
        }
    }
}
