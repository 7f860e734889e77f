using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Bench.Load;

/// <summary>What one run measures; written by <c>run.sh</c> as JSON.</summary>
internal sealed record BenchPlan
{
    /// <summary>Every target, the direct upstream first.</summary>
    public required IReadOnlyList<BenchTarget> Targets { get; init; }
    /// <summary>Open connections per cell; default 1, 16 and 64.</summary>
    public IReadOnlyList<int> Concurrencies { get; init; } = [1, 16, 64];
    /// <summary>Measured seconds per cell; default 5.</summary>
    public int DurationSeconds { get; init; } = 5;
    /// <summary>Unmeasured seconds of load before each cell; default 2.</summary>
    public int WarmupSeconds { get; init; } = 2;
    /// <summary>
    /// Unmeasured seconds of load per target and mode before the first cell (concurrency 16), so every target is
    /// measured in its steady state: .NET's tiered JIT and PGO take tens of seconds to settle, longer for the Router's
    /// code than for the bare forwarder's; default 20.
    /// </summary>
    public int PrewarmSeconds { get; init; } = 20;
    /// <summary>Seconds of the first-byte probe for stream cells; default 2.</summary>
    public int FirstByteSeconds { get; init; } = 2;
    /// <summary>The markdown file whose generated section is replaced.</summary>
    public required string ResultsFile { get; init; }
    /// <summary>Folder for wrk scripts and raw outputs.</summary>
    public required string WorkDirectory { get; init; }
    /// <summary>Versions and machine facts shown above the tables.</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];
    /// <summary>Why targets are missing, shown in the report (e.g. the Router did not build).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static BenchPlan Load(string path) =>
        JsonSerializer.Deserialize<BenchPlan>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}

/// <summary>One way to reach the upstream.</summary>
internal sealed record BenchTarget
{
    /// <summary>One of <see cref="TargetNames"/>.</summary>
    public required string Name { get; init; }
    /// <summary>Base URL, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public required string Url { get; init; }
    /// <summary>Process whose CPU time is charged to this target (the proxy; the upstream for the direct target).</summary>
    public required int Pid { get; init; }
    /// <summary>The <c>model</c> sent.</summary>
    public string Model { get; init; } = "bench-model";
    /// <summary>Extra request headers (credentials, Portkey's provider headers).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Whether every request carries a prompt never sent before, so answers cached by prompt (the Router's
    /// classification cache) do not hide the work behind them.</summary>
    public bool UniquePrompts { get; init; }
    /// <summary>A response header that must be present for a request to count as routed (e.g. <c>x-hybrid-model</c>).</summary>
    public string? RequiredHeader { get; init; }
}

/// <summary>The names the report knows.</summary>
internal static class TargetNames
{
    public const string Direct = "direct";
    public const string Nginx = "nginx";
    public const string Portkey = "portkey";
    public const string Yarp = "yarp";
    public const string Router = "router";
    public const string RouterAuto = "router-auto";
    /// <summary>The Router with the guard (a Classifier call) on an explicit model, every prompt new.</summary>
    public const string RouterGuard = "router-guard";
    /// <summary>The Router answering from its response cache (the same request again, <c>x-hybrid-cache: use</c>).</summary>
    public const string RouterCache = "router-cache";
    /// <summary>The Router published natively (the shipped build is JIT), explicit model only: their ratio in the same run.</summary>
    public const string RouterNative = "router-native";
}
