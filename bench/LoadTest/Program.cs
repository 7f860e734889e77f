// A load tester in the spirit of llmapibenchmark: against any OpenAI-compatible URL, sweeps concurrency and reports
// requests/s, prompt and generation tokens/s, time to first token and latency (p50/p95) and errors per level — a
// console table (with a live progress bar while it runs), CSV, JSON and Markdown.
//   dotnet run -c Release --project bench/LoadTest -- --fabric                      (the local fabric: Router vs the Simulator behind it)
//   dotnet run -c Release --project bench/LoadTest -- --target appliance http://host:30801 sk-hi-… auto
using System.Text.Json;
using HybridInference.LoadTest;

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or JsonException or KeyNotFoundException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var results = new List<LevelResult>();
// Targets take turns level by level, so a slow phase of the shared machine hits both alike.
var runners = options.Targets.Select(t => new LevelRunner(t, options)).ToList();
foreach (var runner in runners)
{
    await runner.WarmUpAsync(stop.Token);
}
foreach (var concurrency in options.Concurrency)
{
    foreach (var runner in runners)
    {
        results.Add(await runner.RunAsync(concurrency, stop.Token));
    }
}

var ordered = results.OrderBy(r => options.Targets.FindIndex(t => t.Label == r.Target)).ThenBy(r => r.Concurrency).ToList();
Console.WriteLine();
Console.Write(ResultTable.Console(ordered));
Directory.CreateDirectory(options.OutputDirectory);
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.csv"), ResultTable.Csv(ordered));
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"),
    JsonSerializer.Serialize(ordered, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.md"), ResultTable.Markdown(ordered, options));
Console.WriteLine($"CSV, JSON and Markdown in {options.OutputDirectory}");
return ordered.Any(r => r.Errors > 0) ? 1 : 0;
