using CsKpi.Core.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Data;

/// <summary>
/// The one database: KPI records, import history, targets, the users who sign in (ASP.NET Core Identity) and the
/// data-protection key ring (so a restart or a second instance keeps everyone signed in).
/// </summary>
public class KpiDbContext(DbContextOptions<KpiDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<DimensionRating> DimensionRatings => Set<DimensionRating>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ListedChannel> Channels => Set<ListedChannel>();
    public DbSet<DimensionName> DimensionNames => Set<DimensionName>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<SavedMapping> SavedMappings => Set<SavedMapping>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KpiDbContext).Assembly);
        // Created and kept by the CustomerDates migration's SQL and triggers.
        builder.Entity<CustomerDates>().HasNoKey().ToTable("customer_dates", t => t.ExcludeFromMigrations());
        builder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.DateTrunc))!).HasName("date_trunc").IsBuiltIn();
        builder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.Lower))!).HasName("lower").IsBuiltIn();
        builder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.Upper))!).HasName("upper").IsBuiltIn();
        // Created by the KpiFunctions migration.
        builder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.PercentileCont))!)
            .HasName("cskpi_percentile_cont").HasSchema("public");
        // Created by the ExactMeanFirstResponse migration.
        builder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.Microseconds))!)
            .HasName("cskpi_microseconds").HasSchema("public");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their CSV codes ('in_person', 'nps'), readable in SQL and stable when members are
        // reordered.
        configurationBuilder.Properties<Channel>().HaveConversion<ChannelConverter>()
            .HaveMaxLength(Core.Model.Channels.MaxCodeLength);
        configurationBuilder.Properties<SurveyKind>().HaveConversion<SurveyKindConverter>().HaveMaxLength(8);
        configurationBuilder.Properties<TicketPriority>().HaveConversion<TicketPriorityConverter>().HaveMaxLength(8);
        configurationBuilder.Properties<ImportResult>().HaveConversion<string>().HaveMaxLength(16);
    }
}
