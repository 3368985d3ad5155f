using CsKpi.Core.Import;

namespace CsKpi.Web.Uploads;

/// <summary>Settings under "Import".</summary>
public sealed class UploadOptions
{
    /// <summary>The largest file an admin may upload (default 200 MB).</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The largest upload request: the file and its multipart envelope.</summary>
    public long MaxRequestBytes => MaxUploadBytes + 1024 * 1024;

    /// <summary>The longest record a file may have (default 1 MB): a longer one is an error on its line.</summary>
    public int MaxLineBytes { get; set; } = ImportOptions.DefaultMaxLineBytes;

    /// <summary>Where uploads wait for their import (default data/uploads under the app's folder); made 0700.</summary>
    public string StagingFolder { get; set; } = "";
}
