using HybridInference.Simulator.Protocol;

namespace HybridInference.Simulator.Faults;

/// <summary>Endpoint filters that make the API misbehave as the current <see cref="FaultSettings"/> say.</summary>
internal static class FaultFilters
{
    /// <summary><c>down</c>: the API answers 503 to everything.</summary>
    public static TBuilder RequireEngineUp<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var faults = context.ApplicationServices.GetRequiredService<FaultState>();
            return invocation => faults.Current.Down
                ? ValueTask.FromResult<object?>(OpenAiErrors.EngineDown())
                : next(invocation);
        });

    /// <summary><c>added_latency_ms</c> then <c>error_rate</c>, before a request is parsed or queued.</summary>
    public static TBuilder WithInjectedFaults<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var faults = context.ApplicationServices.GetRequiredService<FaultState>();
            var time = context.ApplicationServices.GetRequiredService<TimeProvider>();
            return async invocation =>
            {
                var latency = faults.Current.AddedLatencyMs;
                if (latency > 0)
                {
                    var aborted = invocation.HttpContext.RequestAborted;
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(latency), time, aborted);
                    }
                    catch (OperationCanceledException) when (aborted.IsCancellationRequested)
                    {
                        return TypedResults.Empty;
                    }
                }
                return faults.NextInjectedError() is { } status
                    ? OpenAiErrors.Injected(status)
                    : await next(invocation);
            };
        });
}
