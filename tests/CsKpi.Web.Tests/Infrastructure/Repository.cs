namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder above the test assembly that holds CsKpi.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CsKpi.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("CsKpi.sln not found above the test assembly.");
    }
}
