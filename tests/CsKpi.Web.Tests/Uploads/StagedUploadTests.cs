using System.Net;
using System.Runtime.Versioning;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>Staged uploads: for the app's user only, gone when their step ends or in an hour; big posts.</summary>
public partial class UploadPageTests
{
    private const UnixFileMode OwnerOnlyFolder =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_staged_upload_is_for_the_apps_user_only_and_goes_when_the_mapping_is_cancelled_or_imported()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Path, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute); // left world-readable by an older version
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("Import:StagingFolder", folder.Path));
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var (_, mappingPage) = await PostUploadAsync(client, "agents", "export.csv", "Agent;Name\nX7;Eva Jansen\n");
        var staged = Directory.GetFiles(folder.Path).Should().ContainSingle().Subject;
        File.GetUnixFileMode(folder.Path).Should().Be(OwnerOnlyFolder);
        File.GetUnixFileMode(staged).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(mappingPage),
            ["Kind"] = "agents",
            ["Upload"] = UploadId(mappingPage),
            ["Step"] = "cancel",
        };
        var cancel = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));
        cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Directory.GetFiles(folder.Path).Should().BeEmpty("a cancelled mapping step leaves nothing behind");

        await FinishedPageAsync(client, await UploadAsync(client, "agents", "agents.csv", "agent_id,name\nA1,Anna\n"));
        Directory.GetFiles(folder.Path).Should().BeEmpty("an import deletes its file when it ends");
        var rejectedJob = await UploadAsync(client, "agents", "agents.csv", "agent_id,name\nA1,\n");
        var rejected = await FinishedPageAsync(client, rejectedJob);
        rejected.Should().Contain("Nothing was imported");
        Directory.GetFiles(folder.Path).Should().BeEmpty("a rejected import too");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Staged_files_older_than_an_hour_are_swept_and_younger_ones_kept()
    {
        using var folder = new TemporaryFolder();
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var options = Options.Create(new UploadOptions { StagingFolder = folder.Path });
        var uploads = new StagedUploads(options, new FixedClock(now));
        Directory.CreateDirectory(folder.Path);
        string Staged(string name, TimeSpan age)
        {
            var path = Path.Combine(folder.Path, name);
            File.WriteAllText(path, "agent_id,name\n");
            File.SetLastWriteTimeUtc(path, (now - age).UtcDateTime);
            return path;
        }
        var abandoned = Staged("abandoned.csv", TimeSpan.FromMinutes(61));
        var waiting = Staged("waiting.csv", TimeSpan.FromMinutes(59));
        var other = Staged("notes.txt", TimeSpan.FromDays(2));

        uploads.Sweep().Should().Be(1);

        File.Exists(abandoned).Should().BeFalse();
        File.Exists(waiting).Should().BeTrue("its mapping step may still be under way");
        File.Exists(other).Should().BeTrue("only staged uploads are swept");
        File.GetUnixFileMode(folder.Path).Should().Be(OwnerOnlyFolder);
    }

    [Fact]
    public async Task An_upload_over_the_request_limit_gets_the_limit_in_the_pages_language_not_a_bare_400()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadBytes", "2000"));
        var client = await factory.SignedInClientAsync(Roles.Admin);
        client.DefaultRequestHeaders.Add("Accept-Language", "it");

        // 1.5 MB: over the file limit and over the request's (the file limit and a 1 MB multipart envelope).
        var csv = "agent_id,name\n" + new string('x', 1536 * 1024);
        var response = await SendUploadAsync(client, "agents", "big.csv", csv);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location));
        page.Should().Contain("Questo caricamento è di 1.5 MB: i caricamenti sono limitati a 2 kB.");
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } =
            System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cskpi-test-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
