using HybridInference.Bench.Load;

// Usage: Load <plan.json>. run.sh starts the targets and writes the plan; this measures them and writes the report.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Load <plan.json>");
    return 2;
}

var plan = BenchPlan.Load(args[0]);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var startedAt = DateTimeOffset.UtcNow;
var loadBefore = LoadAverage();
using var client = new TargetClient();
var runner = new BenchRunner(plan, new Wrk(plan.WorkDirectory), client, Console.Out);
var cells = await runner.RunAsync(cancellation.Token);

// Other work on the machine shows in the tails: say how busy it was.
plan = plan with { Setup = [.. plan.Setup, $"Load average (1 min) at the start and the end of the run: {loadBefore} and {LoadAverage()}."] };
var report = new Report(plan, cells, startedAt);
report.WriteInto(plan.ResultsFile);
Console.WriteLine(report.Render());
return 0;

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
