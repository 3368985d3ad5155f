using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Data;

public class KpiDbContext(DbContextOptions<KpiDbContext> options) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<DimensionRating> DimensionRatings => Set<DimensionRating>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KpiDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.DateTrunc))!).HasName("date_trunc").IsBuiltIn();
        // Created by the KpiFunctions migration.
        modelBuilder.HasDbFunction(typeof(KpiSql).GetMethod(nameof(KpiSql.PercentileCont))!).HasName("cskpi_percentile_cont").HasSchema("public");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their CSV codes ('in_person', 'nps'), readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Channel>().HaveConversion<ChannelConverter>().HaveMaxLength(16);
        configurationBuilder.Properties<SurveyKind>().HaveConversion<SurveyKindConverter>().HaveMaxLength(8);
        configurationBuilder.Properties<ImportResult>().HaveConversion<string>().HaveMaxLength(16);
    }
}
