using System.Buffers.Binary;
using CsKpi.Core.Model;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The README's screenshot is taken in every test run, so it shows the overview as it is: docs/screenshots/overview.png
/// in the repository this test was built from (a plain file write; commit it when it changed).
/// </summary>
public class ReadmeScreenshotTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public static string ReadmeScreenshot { get; } =
        Path.Combine(Repository.Root, "docs", "screenshots", "overview.png");

    [Fact]
    public async Task The_readme_screenshot_is_the_managers_overview_taken_now()
    {
        var (page, errors) = await app.OpenAsync(Roles.Manager);
        await page.GotoAsync("/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var size = await page.EvaluateAsync<int[]>(
            "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        var started = DateTime.UtcNow.AddSeconds(-1);

        Directory.CreateDirectory(Path.GetDirectoryName(ReadmeScreenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ReadmeScreenshot, FullPage = true });

        File.GetLastWriteTimeUtc(ReadmeScreenshot).Should().BeOnOrAfter(started);
        PngSize(await File.ReadAllBytesAsync(ReadmeScreenshot)).Should().Be((size[0], size[1]),
            "the whole page at a laptop's width");
        errors.Should().BeEmpty();
    }

    /// <summary>A PNG's width and height: the first chunk (IHDR) after the 8-byte signature, big-endian.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
