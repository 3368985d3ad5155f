using System.Text;
using CsKpi.Core.Model;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>An admin uploads a Windows-1252 export: the mapping step says so, and another encoding re-reads it.
/// </summary>
public class UploadEncodingBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_mapping_step_shows_the_detected_encoding_and_reads_the_file_again_in_a_chosen_one()
    {
        var (page, errors) = await app.OpenAsync(Roles.Admin);
        await page.GotoAsync("/Admin/Uploads");
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!
            .GetBytes("Agent Code,Full Name,Group\nX1,José Muñoz,Señales\nX2,Zoë Brontë,Café\n");

        await page.GetByLabel("What the file holds").SelectOptionAsync("agents");
        await page.Locator("#CsvFile").SetInputFilesAsync(new FilePayload
        {
            Name = "agents.csv",
            MimeType = "text/csv",
            Buffer = bytes,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var status = page.Locator("#encoding-status");
        await Assertions.Expect(status).ToHaveTextAsync("Encoding: Windows-1252 (detected)");
        await Assertions.Expect(page.Locator(".mapping table").Last).ToContainTextAsync("José Muñoz");
        await BrowserApp.ScreenshotAsync(page, "upload-encoding-detected");

        await page.GetByLabel("Read the file as").SelectOptionAsync("iso-8859-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Read again" }).ClickAsync();

        await Assertions.Expect(status).ToHaveTextAsync("Encoding: ISO-8859-2 (chosen; detected: Windows-1252)");
        await Assertions.Expect(page.Locator(".mapping table").Last).ToContainTextAsync("José Muńoz");
        await BrowserApp.ScreenshotAsync(page, "upload-encoding-chosen");
        errors.Should().BeEmpty();
    }
}
