using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HybridInference.Bench.Load;

/// <summary>What wrk's <c>done</c> hook reports for one run.</summary>
internal sealed record WrkResult(
    long Requests,
    long DurationUs,
    long P50Us,
    long P90Us,
    long P99Us,
    long ErrorsConnect,
    long ErrorsRead,
    long ErrorsWrite,
    long ErrorsStatus,
    long ErrorsTimeout)
{
    public double RequestsPerSecond => Requests / (DurationUs / 1e6);
    public long Errors => ErrorsConnect + ErrorsRead + ErrorsWrite + ErrorsStatus + ErrorsTimeout;
}

/// <summary>Runs wrk (one thread, so the load costs the proxies as little CPU as possible) with a generated Lua script.</summary>
internal sealed class Wrk(string workDirectory)
{
    private int _runs;

    public async Task<WrkResult> RunAsync(BenchTarget target, ResponseMode mode, int connections, int seconds, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        var resultPath = Path.Combine(workDirectory, $"wrk-{run}-{target.Name}-{mode}-{connections}.json");
        var scriptPath = Path.ChangeExtension(resultPath, ".lua");
        await File.WriteAllTextAsync(scriptPath, Script(target, mode, resultPath), cancellationToken);

        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", scriptPath, target.Url + Workload.Path })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}) for {target.Name}: {await errors}{await output}");
        }
        return JsonSerializer.Deserialize<WrkResult>(await File.ReadAllTextAsync(resultPath, cancellationToken), BenchPlan.Json)
            ?? throw new InvalidDataException(resultPath);
    }

    private static string Script(BenchTarget target, ResponseMode mode, string resultPath)
    {
        var script = new StringBuilder();
        script.AppendLine("wrk.method = \"POST\"");
        if (target.UniquePrompts)
        {
            // The run number keeps prompts of the warm-up and the measured run apart.
            var parts = Workload.Body(target.Model, mode, $"run {Path.GetFileNameWithoutExtension(resultPath)} request @").Split('@');
            script.AppendLine("local sent = 0");
            script.AppendLine("request = function()");
            script.AppendLine("  sent = sent + 1");
            script.AppendLine($"  return wrk.format(nil, nil, nil, {LuaString(parts[0])} .. sent .. {LuaString(parts[1])})");
            script.AppendLine("end");
        }
        else
        {
            script.AppendLine($"wrk.body = {LuaString(Workload.Body(target.Model, mode))}");
        }
        script.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        foreach (var (name, value) in target.Headers)
        {
            script.AppendLine($"wrk.headers[ {LuaString(name)} ] = {LuaString(value)}");
        }
        script.AppendLine("done = function(summary, latency, requests)");
        script.AppendLine($"  local file = io.open({LuaString(resultPath)}, \"w\")");
        script.AppendLine("  local e = summary.errors");
        script.AppendLine("  file:write(string.format('{\"requests\":%d,\"duration_us\":%d,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d," +
            "\"errors_connect\":%d,\"errors_read\":%d,\"errors_write\":%d,\"errors_status\":%d,\"errors_timeout\":%d}',");
        script.AppendLine("    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),");
        script.AppendLine("    e.connect, e.read, e.write, e.status, e.timeout))");
        script.AppendLine("  file:close()");
        script.AppendLine("end");
        return script.ToString();
    }

    // A long bracket string needs no escaping as long as its level does not occur inside.
    private static string LuaString(string value) => "[==[" + value + "]==]";
}
