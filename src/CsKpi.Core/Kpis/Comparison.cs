namespace CsKpi.Core.Kpis;

/// <summary>What a period is compared with: the one before it (kpis.md) or the same dates a year earlier.</summary>
public enum Comparison
{
    /// <summary>The period of the same length that ends where this one starts.</summary>
    Previous,

    /// <summary>The same calendar dates a year earlier.</summary>
    YearEarlier,
}

public static class Comparisons
{
    /// <summary>The code in a URL: previous or year.</summary>
    public static string Code(this Comparison comparison) => comparison switch
    {
        Comparison.Previous => "previous",
        Comparison.YearEarlier => "year",
    };

    public static bool TryParse(string? code, out Comparison comparison)
    {
        foreach (var candidate in Enum.GetValues<Comparison>())
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                comparison = candidate;
                return true;
            }
        }
        comparison = Comparison.Previous;
        return false;
    }
}
