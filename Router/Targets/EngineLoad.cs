namespace HybridInference.Router.Targets;

/// <summary>What an engine says about its own load on <c>/metrics</c> (vLLM names), as last scraped.</summary>
/// <param name="WaitingRequests">Requests queued in the engine (<c>vllm:num_requests_waiting</c>).</param>
/// <param name="RunningRequests">Requests being generated (<c>vllm:num_requests_running</c>).</param>
/// <param name="KvCacheUsage">KV-cache usage 0..1 (<c>vllm:kv_cache_usage_perc</c> or <c>vllm:gpu_cache_usage_perc</c>).</param>
/// <param name="TimeToFirstTokenSeconds">Mean time to first token since the previous scrape, when it moved.</param>
internal sealed record EngineLoad(double WaitingRequests, double RunningRequests, double KvCacheUsage, double? TimeToFirstTokenSeconds);
