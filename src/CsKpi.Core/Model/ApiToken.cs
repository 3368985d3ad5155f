using System.Security.Cryptography;
using System.Text;

namespace CsKpi.Core.Model;

/// <summary>
/// A personal API token an admin issues to a user: the API answers it as it would the user's own sign-in. Only its
/// SHA-256 hash is stored; the token itself is shown once.
/// </summary>
public class ApiToken
{
    public const string Prefix = "cskpi_";

    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>What the token is for ("Power BI refresh"), so an admin can tell tokens apart.</summary>
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastUsedAt { get; set; }

    /// <summary>A new random token (256 bits) and its hash.</summary>
    public static (string Token, string Hash) Generate()
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
