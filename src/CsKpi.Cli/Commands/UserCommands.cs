using System.CommandLine;
using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Cli.Commands;

internal static class UserCommands
{
    public static Command Create(CliContext context)
    {
        var email = new Argument<string>("EMAIL")
        {
            Description = "The user's email, which is also their sign-in name.",
        };
        var role = new Option<string>("--role") { Description = "admin, manager or agent.", Required = true };
        role.AcceptOnlyFromAmong("admin", "manager", "agent", "Admin", "Manager", "Agent");
        var agentId = new Option<string?>("--agent-id")
        {
            Description = "For an agent user: the agent_id of their agent record (default: the agent with this email).",
        };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input instead of generating one.",
        };

        var add = new Command("add", "Create a user. Prints the generated password once.")
        {
            email, role, agentId, passwordStdin,
        };
        add.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var password = parsed.GetValue(passwordStdin)
                ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim()
                : null;
            await Database.MigrateAsync(connection, cancellationToken);
            await using var services = IdentitySetup.AccountServices(connection);
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            string created;
            try
            {
                created = await accounts.CreateAsync(parsed.GetValue(email)!, parsed.GetValue(role)!,
                    parsed.GetValue(agentId), password, cancellationToken);
            }
            catch (AccountException e)
            {
                await context.Error.WriteLineAsync(e.Message);
                return CliApp.Rejected;
            }
            var name = Roles.Parse(parsed.GetValue(role))!;
            await context.Output.WriteLineAsync($"Created {name.ToLowerInvariant()} {parsed.GetValue(email)!.Trim()}.");
            if (password is null)
                await context.Output.WriteLineAsync($"Password (shown once): {created}");
            return CliApp.Success;
        }, cancellationToken));

        return new Command("users", "Sign-in accounts.") { add };
    }
}
