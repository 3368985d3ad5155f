using System.Reflection;

namespace CsKpi.Core.Data;

/// <summary>
/// The current definition of each PostgreSQL function and its triggers: one file in Data/Sql each (embedded), written
/// with CREATE OR REPLACE so applying a file again changes nothing. Migrations apply them; a change to a file comes
/// with a new migration that applies it (<see cref="All"/> or by name), since older migrations are history.
/// </summary>
public static class SqlFiles
{
    private const string Prefix = "CsKpi.Sql.";

    /// <summary>The file names (e.g. <c>cskpi_repeat_contact.sql</c>), in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(SqlFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The text of one file.</summary>
    public static string Read(string name)
    {
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException($"No SQL file {name} in Data/Sql.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Every file, in name order. plpgsql bodies bind their tables and functions when first run, so the order only
    /// matters for SQL-language functions, which refer to built-in functions only.
    /// </summary>
    public static string All() => string.Join("\n", Names.Select(Read));
}
