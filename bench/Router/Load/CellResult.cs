namespace HybridInference.Bench.Load;

/// <summary>One target measured at one concurrency in one mode.</summary>
internal sealed record CellResult(
    string Target,
    ResponseMode Mode,
    int Concurrency,
    WrkResult Wrk,
    TimeSpan Cpu,
    FirstByteResult? FirstByte)
{
    // A run that completed nothing has no latency to speak of.
    public double P50Ms => Wrk.Requests == 0 ? double.NaN : Wrk.P50Us / 1000.0;
    public double P99Ms => Wrk.Requests == 0 ? double.NaN : Wrk.P99Us / 1000.0;

    /// <summary>CPU time of the measured process per completed request, in microseconds.</summary>
    public double CpuUsPerRequest => Wrk.Requests == 0 ? double.NaN : Cpu.TotalMicroseconds / Wrk.Requests;
}
