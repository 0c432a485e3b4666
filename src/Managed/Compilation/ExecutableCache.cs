using System.Collections.Concurrent;

namespace Axle;

/// <summary>
/// The process-wide cache of compiled programs, keyed by (owner, signature): the owner is a
/// jitted function (by identity) or an eager primitive application (by value). Counters are
/// for tests and diagnostics.
/// </summary>
internal static class ExecutableCache
{
    private static readonly ConcurrentDictionary<Key, Lazy<CompiledGraph>> Entries = new();
    private static long _hits;
    private static long _misses;

    /// <summary>A cache key; <paramref name="Owner"/> must have the equality the cache should use.</summary>
    public sealed record Key(object Owner, Signature Signature);

    /// <summary>Lookups served from the cache.</summary>
    public static long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that had to build a program.</summary>
    public static long Misses => Interlocked.Read(ref _misses);

    /// <summary>Counts a lookup that a caller's own front cache (a jitted function's recent signatures) served.</summary>
    public static void CountHit() => Interlocked.Increment(ref _hits);

    /// <summary>
    /// The compiled program for <paramref name="key"/>, building it with <paramref name="build"/>
    /// (trace + lower + compile) on the first request; concurrent first requests build once.
    /// </summary>
    public static CompiledGraph GetOrCompile(Key key, Func<(Graph Graph, string Name)> build)
    {
        if (Entries.TryGetValue(key, out var hit))
        {
            Interlocked.Increment(ref _hits);
            return hit.Value;
        }
        var created = new Lazy<CompiledGraph>(() =>
        {
            var (graph, name) = build();
            return CompiledGraph.Compile(graph, name);
        });
        var entry = Entries.GetOrAdd(key, created);
        Interlocked.Increment(ref entry == created ? ref _misses : ref _hits);
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed build is not cached: the next call reports the error afresh.
            Entries.TryRemove(new KeyValuePair<Key, Lazy<CompiledGraph>>(key, entry));
            throw;
        }
    }
}
