using System.Diagnostics;
using HybridInference.Control.Tests.Infrastructure;

namespace HybridInference.Control.Bench;

/// <summary>The Release build of Control as its own process on a free port.</summary>
internal sealed class ControlProcess : IAsyncDisposable
{
    public const string AdminToken = "bench-admin";
    public const string InternalToken = "bench-internal";
    private readonly Process _process;

    private ControlProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<ControlProcess> StartAsync(string dll, string connectionString)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__controldb"] = connectionString;
        info.Environment["Control__AdminToken"] = AdminToken;
        info.Environment["Control__InternalToken"] = InternalToken;
        info.Environment["Control__Invoicing__SchedulerEnabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("control: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var control = new ControlProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = control.BaseAddress };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return control;
                }
            }
            catch (HttpRequestException) when (attempt < 600 && !process.HasExited)
            {
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
