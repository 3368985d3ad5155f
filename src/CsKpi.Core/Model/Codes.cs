namespace CsKpi.Core.Model;

/// <summary>Values stored and written as codes (<c>nps</c>, <c>urgent</c>): found by their code, any case.</summary>
internal static class Codes
{
    public static bool TryFind<T>(IReadOnlyList<T> all, Func<T, string> code, string? text, out T value)
        where T : struct
    {
        var normalized = text?.Trim().ToLowerInvariant();
        foreach (var candidate in all)
        {
            if (code(candidate) == normalized)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
