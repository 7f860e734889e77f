namespace HybridInference.Router.Caching;

/// <summary>A bounded least-recently-used cache of answers in this process, with expiry on the injected clock.</summary>
internal sealed class InProcessResponseStore(TimeProvider time) : IResponseStore
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<CachedResponse?> GetAsync(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return ValueTask.FromResult<CachedResponse?>(null);
            }
            if (node.Value.ExpiresAt <= now)
            {
                Remove(node);
                return ValueTask.FromResult<CachedResponse?>(null);
            }
            _order.Remove(node);
            _order.AddFirst(node);
            return ValueTask.FromResult<CachedResponse?>(node.Value.Response);
        }
    }

    public void Set(string key, CachedResponse response, TimeSpan ttl, int maxEntries)
    {
        var entry = new Entry(key, response, time.GetUtcNow() + ttl);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }
            _entries[key] = _order.AddFirst(entry);
            while (_entries.Count > maxEntries)
            {
                Remove(_order.Last!);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _order.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(string Key, CachedResponse Response, DateTimeOffset ExpiresAt);
}
