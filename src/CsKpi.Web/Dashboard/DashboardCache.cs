using System.Buffers;
using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// The dashboard's in-process cache (HybridCache without a distributed level): concurrent requests for the same
/// missing entry share one computation instead of each running the query (stampede protection).
/// </summary>
public sealed class DashboardCache(HybridCache cache, IOptions<DashboardOptions> options)
{
    // In this process only: an entry is never written to, or read from, a distributed cache another app configured.
    private const HybridCacheEntryFlags InProcess = HybridCacheEntryFlags.DisableDistributedCache;

    /// <summary>Whether the overview's numbers are cached (0 minutes: every request computes them).</summary>
    public bool Enabled => options.Value.CacheMinutes > 0;

    /// <summary>
    /// The entry for <paramref name="key"/>, computed once for all who ask while it is missing, kept for
    /// <see cref="DashboardOptions.CacheMinutes"/>.
    /// </summary>
    public ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> create,
        CancellationToken cancellationToken) =>
        GetOrCreateAsync(key, TimeSpan.FromMinutes(options.Value.CacheMinutes), create, cancellationToken);

    /// <summary>The same, kept for <paramref name="lifetime"/>.</summary>
    public ValueTask<T> GetOrCreateAsync<T>(string key, TimeSpan lifetime,
        Func<CancellationToken, ValueTask<T>> create, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(key, create, static (create, token) => create(token),
            new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime, Flags = InProcess },
            cancellationToken: cancellationToken);
}

/// <summary>
/// The "serializer" of an immutable value that lives in this process only. HybridCache keeps an immutable
/// (<see cref="ImmutableObjectAttribute"/>, sealed) value as the object itself, but this version still serializes it
/// once to measure its size; the overview's numbers (periods that compute their previous period, time zones) are not
/// a JSON shape, and no distributed cache ever needs their bytes.
/// </summary>
public sealed class InProcessOnly<T> : IHybridCacheSerializer<T>
{
    public T Deserialize(ReadOnlySequence<byte> source) =>
        throw new NotSupportedException($"{typeof(T).Name} is cached in this process only, never as bytes.");

    public void Serialize(T value, IBufferWriter<byte> target)
    {
        // Nothing to write: the size HybridCache reads from this is only used for a size limit, which is not set.
    }
}
