using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Demo;

public sealed record DemoUser(string Email, string Role, string Password);

/// <summary>
/// One user per role on demo data, each with a fresh random password (no default password ships). The agent user
/// is linked to demo agent A001 through the email the demo agents file gives it. Users that exist already, or that
/// cannot be linked, are skipped.
/// </summary>
public static class DemoUsers
{
    private static readonly (string Email, string Role)[] Users =
    [
        ("admin@demo.cskpi.local", Roles.Admin),
        ("manager@demo.cskpi.local", Roles.Manager),
        ("agent001@demo.cskpi.local", Roles.Agent),
    ];

    /// <summary>When the demo users were created (and their passwords printed); null: there are none.</summary>
    public static async Task<DateTime?> CreatedAtAsync(KpiDbContext db, CancellationToken cancellationToken = default)
    {
        var emails = Users.Select(u => u.Email.ToUpperInvariant()).ToArray();
        return await db.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .MinAsync(u => (DateTime?)u.CreatedAt, cancellationToken);
    }

    public static async Task<IReadOnlyList<DemoUser>> CreateAsync(UserAccounts accounts,
        CancellationToken cancellationToken = default)
    {
        var created = new List<DemoUser>();
        foreach (var (email, role) in Users)
        {
            try
            {
                var password = await accounts.CreateAsync(email, role, agentId: null,
                    cancellationToken: cancellationToken);
                created.Add(new DemoUser(email, role, password));
            }
            catch (AccountException)
            {
                // Already there, or (not demo data) no agent with that email: the others are still worth creating.
            }
        }
        return created;
    }
}
