using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Data;

// Two classes write the same source id at the same time: each sees exactly its own row, so fixtures are isolated.
public class IsolationTestsA(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public Task Each_fixture_has_its_own_database() => IsolationCheck.WriteAndReadOwnRowAsync(database, "A");
}

public class IsolationTestsB(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public Task Each_fixture_has_its_own_database() => IsolationCheck.WriteAndReadOwnRowAsync(database, "B");
}

internal static class IsolationCheck
{
    public static async Task WriteAndReadOwnRowAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        db.Agents.Add(new Agent { SourceId = "same-id", Name = name });
        await db.SaveChangesAsync();
        await Task.Delay(200); // overlap with the other class
        (await db.Agents.Select(a => a.Name).ToListAsync()).Should().Equal(name);
    }
}
