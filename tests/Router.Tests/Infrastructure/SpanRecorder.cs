using System.Collections.Concurrent;
using System.Diagnostics;
using HybridInference.Router.Observability;

namespace HybridInference.Router.Tests.Infrastructure;

/// <summary>
/// Records every finished span of the Router's source and of ASP.NET Core's request spans (the parent that ties the
/// Router's spans into one trace, as under OpenTelemetry). Other tests' routers run in parallel: filter by request.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RouterTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Spans => _spans;

    /// <summary>The <c>route</c> span of the request the Router gave <paramref name="requestId"/>.</summary>
    public Activity RouteOf(string? requestId) =>
        _spans.Single(s => s.OperationName == "route" && (string?)s.GetTagItem("hybrid.request_id") == requestId);

    public void Dispose() => _listener.Dispose();
}
