using Microsoft.AspNetCore.Identity;

namespace CsKpi.Core.Model;

/// <summary>A person who signs in. Exactly one role; an agent user is linked to an agent record.</summary>
public class AppUser : IdentityUser
{
    /// <summary>
    /// The linked agent's source id (csv <c>agent_id</c>). Not a foreign key: the agent may be imported after the
    /// user is created. When empty, an agent user is linked by email (agents.csv <c>email</c>) at sign-in.
    /// </summary>
    public string? AgentId { get; set; }

    /// <summary>A deactivated user cannot sign in, and their open sessions stop at their next request.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
