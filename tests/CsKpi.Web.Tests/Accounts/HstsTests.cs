using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Accounts;

public class HstsTests
{
    [Fact]
    public async Task Https_responses_carry_strict_transport_security_and_plain_http_responses_do_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        // Not localhost: the HSTS middleware leaves loopback names alone, a real host name gets the header.
        var https = factory.CreateClient(new() { BaseAddress = new Uri("https://cskpi.example") });
        var http = factory.CreateClient(new() { BaseAddress = new Uri("http://cskpi.example") });

        var secure = await https.GetAsync("/Account/SignIn");
        var plain = await http.GetAsync("/Account/SignIn");

        secure.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=2592000");
        plain.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}
