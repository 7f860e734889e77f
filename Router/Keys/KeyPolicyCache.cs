using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HybridInference.Contracts;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Configuration;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Keys;

/// <summary>
/// Key policies from Control by key hash, cached for the TTL Control names (unknown keys briefly too), dropped on a
/// change notice. A cached policy outlives its TTL while Control is unreachable, so a Control outage does not lock
/// clients out.
/// </summary>
internal sealed partial class KeyPolicyCache(
    IHttpClientFactory httpClients, ControlEndpoints control, IOptions<RouterOptions> options, TimeProvider time, ILogger<KeyPolicyCache> logger)
{
    private static readonly TimeSpan UnknownKeyTtl = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<Entry?>> _lookups = new(StringComparer.Ordinal);

    /// <summary>The policy of the key with this hash; null when Control does not know it. Throws when Control cannot answer and nothing is cached.</summary>
    public ValueTask<KeyPolicy?> GetAsync(string hash, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(hash, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            return ValueTask.FromResult(entry.Policy);
        }
        return LookUpAsync(hash, entry);
    }

    public void Invalidate(string hash) => _entries.TryRemove(hash, out _);

    private async ValueTask<KeyPolicy?> LookUpAsync(string hash, Entry? stale)
    {
        // Concurrent misses for one key share one call to Control.
        var lookup = _lookups.GetOrAdd(hash, FetchAsync);
        try
        {
            var fresh = await lookup;
            if (fresh is not null)
            {
                return fresh.Policy;
            }
            if (stale is not null)
            {
                return stale.Policy;
            }
            throw new KeyServiceUnavailableException();
        }
        finally
        {
            _lookups.TryRemove(new KeyValuePair<string, Task<Entry?>>(hash, lookup));
        }
    }

    private async Task<Entry?> FetchAsync(string hash)
    {
        if (!control.HasControl)
        {
            return Store(hash, null, UnknownKeyTtl);
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://control/v1/internal/keys/{hash}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.InternalToken);
            using var response = await httpClients.CreateClient(ControlEndpoints.ControlClient).SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Store(hash, null, UnknownKeyTtl);
            }
            response.EnsureSuccessStatusCode();
            var policy = await response.Content.ReadFromJsonAsync(ContractJsonContext.Default.KeyPolicy);
            return Store(hash, policy, TimeSpan.FromSeconds(Math.Max(0, policy?.CacheSeconds ?? 0)));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            Log.LookupFailed(logger, ex.Message);
            return null;
        }
    }

    private Entry Store(string hash, KeyPolicy? policy, TimeSpan ttl)
    {
        var entry = new Entry(policy, time.GetUtcNow() + ttl);
        _entries[hash] = entry;
        return entry;
    }

    private sealed record Entry(KeyPolicy? Policy, DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Key lookup at Control failed: {Reason}")]
        public static partial void LookupFailed(ILogger logger, string reason);
    }
}

/// <summary>Control could not be asked about a key and none was cached.</summary>
internal sealed class KeyServiceUnavailableException() : Exception("The key service is unavailable.");
