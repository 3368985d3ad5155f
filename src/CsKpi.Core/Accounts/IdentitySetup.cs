using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Core.Accounts;

public static class IdentitySetup
{
    /// <summary>
    /// Identity over KpiDbContext with CsKpi's policy, for the web app and the command line alike. Passwords: at
    /// least 12 characters and 5 different ones, no composition rules (NIST SP 800-63B: length beats
    /// complexity). Lockout: 5 failed sign-ins lock the account for 15 minutes.
    /// </summary>
    public static IdentityBuilder AddCsKpiIdentityCore(this IServiceCollection services)
    {
        services.AddScoped<UserAccounts>();
        return services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KpiDbContext>();
    }

    /// <summary>
    /// User management outside the web app (the command line, tests): a provider with the database and Identity.
    /// </summary>
    public static ServiceProvider AccountServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<KpiDbContext>(o => o.UseCsKpiPostgres(connectionString));
        services.AddCsKpiIdentityCore();
        return services.BuildServiceProvider();
    }
}
