using CsKpi.Core.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CsKpi.Core.Data.Configurations;

// One configuration per entity (eShop habit). Source ids are the source system's ids: text up to 64 chars, unique,
// compared bytewise (collation "C"): equality is the same, and building or probing their unique indexes on a
// million-row import skips locale-aware comparison.
// Indexes follow the KPI queries: every KPI places records in a period by one timestamp (kpis.md).

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(t => t.IsDemo).HasFilter("is_demo");
        b.Property(t => t.Name).HasMaxLength(200);
        b.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.Property(a => a.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(a => a.IsDemo).HasFilter("is_demo");
        b.Property(a => a.SourceId).HasMaxLength(64).UseCollation("C");
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Email).HasMaxLength(320);
        b.HasIndex(a => a.SourceId).IsUnique();
        b.HasIndex(a => a.TeamId);
        b.HasOne(a => a.Team).WithMany(t => t.Agents).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(c => c.IsDemo).HasFilter("is_demo");
        b.Property(c => c.SourceId).HasMaxLength(64).UseCollation("C");
        b.Property(c => c.Segment).HasMaxLength(200);
        b.HasIndex(c => c.SourceId).IsUnique();
        b.HasIndex(c => new { c.CustomerSince, c.CancelledOn });
    }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.Property(t => t.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(t => t.IsDemo).HasFilter("is_demo");
        b.Property(t => t.SourceId).HasMaxLength(64).UseCollation("C");
        b.Property(t => t.Category).HasMaxLength(100);
        b.HasIndex(t => t.SourceId).IsUnique();
        // Covering indexes: a month's report reads only the index (index-only scan), not 100k scattered heap rows.
        b.HasIndex(t => t.CreatedAt)
            .IncludeProperties(t => new
            {
                t.FirstResponseAt,
                t.Category,
                t.CustomerId,
                t.RepeatContact,
                t.Channel,
                t.AgentId,
                t.TeamId,
            });
        b.HasIndex(t => t.ResolvedAt).HasFilter("resolved_at IS NOT NULL")
            .IncludeProperties(t => new
            {
                t.CreatedAt,
                t.Reopened,
                t.InteractionCount,
                t.Channel,
                t.AgentId,
                t.Category,
                t.TeamId,
            });
        // Repeat contact looks back 7 days from each ticket of the same customer.
        b.HasIndex(t => new { t.CustomerId, t.CreatedAt });
        b.HasIndex(t => t.AgentId);
        b.HasOne(t => t.Customer).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Agent).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Team).WithMany().OnDelete(DeleteBehavior.Restrict);
        // Reports reach the team through the covering indexes above; this one serves deleting a team (demo removal),
        // and holds only the tickets that have a team of their own.
        b.HasIndex(t => t.TeamId).HasFilter("team_id IS NOT NULL");
        b.Property(t => t.Priority).HasDefaultValueSql("'normal'");
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_tickets_first_response_not_before_creation", "first_response_at >= created_at");
            t.HasCheckConstraint("ck_tickets_resolution_not_before_creation", "resolved_at >= created_at");
            t.HasCheckConstraint("ck_tickets_priority", "priority IN ('low', 'normal', 'high', 'urgent')");
            t.HasCheckConstraint("ck_tickets_interaction_count_not_negative", "interaction_count >= 0");
        });
        // Written by triggers only.
        b.Property(t => t.InteractionCount).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        b.Property(t => t.RepeatContact).HasDefaultValue(false).ValueGeneratedOnAddOrUpdate();
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.Property(i => i.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(i => i.IsDemo).HasFilter("is_demo");
        b.Property(i => i.SourceId).HasMaxLength(64).UseCollation("C");
        b.HasIndex(i => i.SourceId).IsUnique();
        b.HasIndex(i => i.StartedAt)
            .IncludeProperties(i => new
            {
                i.TalkSeconds,
                i.HoldSeconds,
                i.WrapSeconds,
                i.Channel,
                i.AgentId,
                i.TicketId,
            });
        b.HasIndex(i => i.TicketId);
        b.HasIndex(i => i.AgentId);
        b.HasOne(i => i.Ticket).WithMany().OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Agent).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_interactions_seconds_not_negative",
                "talk_seconds >= 0 AND hold_seconds >= 0 AND wrap_seconds >= 0");
        });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.Property(s => s.IsDemo).HasDefaultValue(false);
        // Finds demo rows (Admin → Upload asks on every visit) without reading the real ones: empty once removed.
        b.HasIndex(s => s.IsDemo).HasFilter("is_demo");
        b.Property(s => s.SourceId).HasMaxLength(64).UseCollation("C");
        b.HasIndex(s => s.SourceId).IsUnique();
        b.HasIndex(s => s.SubmittedAt).IncludeProperties(s => new { s.Kind, s.Score, s.AgentId, s.TicketId });
        b.HasIndex(s => s.TicketId);
        b.HasIndex(s => s.AgentId);
        b.HasOne(s => s.Ticket).WithMany().OnDelete(DeleteBehavior.SetNull);
        b.HasOne(s => s.Agent).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Customer).WithMany().OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Dimensions).WithOne().HasForeignKey(d => d.SurveyResponseId).OnDelete(DeleteBehavior.Cascade);
        var scales = string.Join(" OR ", SurveyKinds.All.Select(k =>
        {
            var (min, max) = k.Scale();
            return $"(kind = '{k.Code()}' AND score BETWEEN {min} AND {max})";
        }));
        b.ToTable(t => t.HasCheckConstraint("ck_survey_responses_score_within_scale", scales));
    }
}

internal sealed class DimensionRatingConfiguration : IEntityTypeConfiguration<DimensionRating>
{
    public void Configure(EntityTypeBuilder<DimensionRating> b)
    {
        b.HasKey(d => new { d.SurveyResponseId, d.Dimension });
        b.Property(d => d.Dimension).HasMaxLength(64);
        b.ToTable(t => t.HasCheckConstraint("ck_dimension_ratings_rating_1_to_5", "rating BETWEEN 1 AND 5"));
    }
}

internal sealed class DimensionNameConfiguration : IEntityTypeConfiguration<DimensionName>
{
    public void Configure(EntityTypeBuilder<DimensionName> b)
    {
        b.HasKey(d => d.Dimension);
        b.Property(d => d.Dimension).HasMaxLength(DimensionSettings.MaxCodeLength);
        foreach (var name in new[] { nameof(DimensionName.NameEn), nameof(DimensionName.NameIt),
                     nameof(DimensionName.NamePl), nameof(DimensionName.NameNl) })
            b.Property<string?>(name).HasMaxLength(DimensionSettings.MaxNameLength);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        b.Property(t => t.KpiKey).HasMaxLength(64);
        // One target per KPI and scope; NULLS NOT DISTINCT so there is one company-wide target, not many.
        b.HasIndex(t => new { t.KpiKey, t.TeamId, t.Channel }).IsUnique().AreNullsDistinct(false);
        b.HasOne(t => t.Team).WithMany().OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_targets_one_scope", "team_id IS NULL OR channel IS NULL"));
    }
}

internal sealed class ListedChannelConfiguration : IEntityTypeConfiguration<ListedChannel>
{
    public void Configure(EntityTypeBuilder<ListedChannel> b)
    {
        b.ToTable("channels");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(Channels.MaxCodeLength);
        foreach (var name in new[] { nameof(ListedChannel.NameEn), nameof(ListedChannel.NameIt),
                     nameof(ListedChannel.NamePl), nameof(ListedChannel.NameNl) })
            b.Property<string?>(name).HasMaxLength(ChannelSettings.MaxNameLength).IsRequired();
    }
}

internal sealed class SavedMappingConfiguration : IEntityTypeConfiguration<SavedMapping>
{
    public void Configure(EntityTypeBuilder<SavedMapping> b)
    {
        b.Property(m => m.Name).HasMaxLength(100);
        b.HasIndex(m => m.Name).IsUnique();
        b.Property(m => m.Definition).HasColumnType("jsonb");
        b.Property(m => m.UpdatedBy).HasMaxLength(320);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(i => i.Kind).HasMaxLength(64); // a mapped export feeding several kinds: "agents+tickets+surveys"
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.UserName).HasMaxLength(320);
        b.HasIndex(i => i.StartedAt);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        b.Property(u => u.AgentId).HasMaxLength(64);
        b.Property(u => u.IsActive).HasDefaultValue(true);
        b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    // The three roles exist in every database, with ids code can name (RoleIds).
    public void Configure(EntityTypeBuilder<IdentityRole> b)
    {
        b.ToTable("roles");
        b.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        b.HasData(
            Role(RoleIds.Admin, Roles.Admin, "ADMIN"),
            Role(RoleIds.Manager, Roles.Manager, "MANAGER"),
            Role(RoleIds.Agent, Roles.Agent, "AGENT"));
    }

    private static IdentityRole Role(string id, string name, string normalizedName) =>
        new() { Id = id, Name = name, NormalizedName = normalizedName, ConcurrencyStamp = id };
}

// Identity's other tables, snake_case like the rest of the schema (Identity names them AspNet… explicitly).
internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserRole<string>>, IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>, IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b) => b.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> b) => b.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> b) => b.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b) => b.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> b) => b.ToTable("role_claims");
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsRequired(); // as the table has always had it
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
