using System.Net;
using CsKpi.Core.Accounts;
using CsKpi.Core.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>Users and signed-in clients for page tests: through the real sign-in form, antiforgery included.</summary>
public static class SignIn
{
    /// <summary>
    /// Creates a user with a role (an agent user linked to <paramref name="agentId"/>) and returns its email and
    /// password.
    /// </summary>
    public static async Task<(string Email, string Password)> CreateUserAsync(
        this WebApplicationFactory<Program> factory, string role, string? agentId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await using var scope = factory.Services.CreateAsyncScope();
        var password = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, role, agentId);
        return (email, password);
    }

    /// <summary>A client signed in as a new user with <paramref name="role"/>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(
        this WebApplicationFactory<Program> factory, string role, string? agentId = null)
    {
        var (email, password) = await factory.CreateUserAsync(role, agentId);
        var client = factory.CreateClient();
        var response = await client.SignInAsync(email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the sign-in form accepts the new user");
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/SignIn");
        return await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
            ["Email"] = email,
            ["Password"] = password,
        }));
    }
}
