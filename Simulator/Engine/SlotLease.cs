namespace HybridInference.Simulator.Engine;

/// <summary>A running slot held by one request; disposing it hands the slot to the next waiting request.</summary>
internal readonly struct SlotLease(RequestScheduler scheduler, int model) : IDisposable
{
    public void Dispose() => scheduler.Release(model);
}
