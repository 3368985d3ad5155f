namespace CsKpi.Core.Model;

/// <summary>The three roles (issue #5): what each may see is decided in one place, the web app's policies.</summary>
public static class Roles
{
    /// <summary>Uploads, users, targets, everything.</summary>
    public const string Admin = "Admin";
    /// <summary>Every dashboard and export.</summary>
    public const string Manager = "Manager";
    /// <summary>Their own stats and their team's aggregate only.</summary>
    public const string Agent = "Agent";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Agent];

    /// <summary>
    /// The role for a name in any case (<c>admin</c>, <c>Manager</c>), or null when there is no such role.
    /// </summary>
    public static string? Parse(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Claims CsKpi adds to the sign-in cookie.</summary>
public static class CsKpiClaims
{
    /// <summary>The source id of the agent an agent user is linked to.</summary>
    public const string AgentId = "cskpi:agent";
}

/// <summary>The role rows, seeded by migration: ids that never change, so code can name them.</summary>
public static class RoleIds
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Agent = "agent";
}
