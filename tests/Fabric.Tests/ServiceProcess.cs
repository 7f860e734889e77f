using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using HybridInference.Tests.Shared;

namespace HybridInference.Fabric.Tests;

/// <summary>
/// One of the fabric's own programs started outside the fabric from its build output, as an operator would (a second
/// Simulator as a remote provider, Control's one-shot commands), or an operator's script. Killed (with its children) on dispose.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process) => _process = process;

    /// <summary>The address the program listens on (a port it chose itself).</summary>
    public string Url { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a web program on a port of its own choosing and waits until it says where it listens.</summary>
    public static async Task<ServiceProcess> StartAsync(IProjectMetadata project, IReadOnlyDictionary<string, string> environment)
    {
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ServiceProcess(Create(project, environment.Append(KeyValuePair.Create("ASPNETCORE_URLS", "http://127.0.0.1:0")), []));
        started._process.OutputDataReceived += (_, e) =>
        {
            started.Record(e.Data);
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        started._process.ErrorDataReceived += (_, e) => started.Record(e.Data);
        started._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("exited before listening:\n" + started.Output));
        started.Begin();
        try
        {
            started.Url = await listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
        return started;
    }

    /// <summary>Runs one of the fabric's commands to its end: exit code and everything it wrote.</summary>
    public static Task<(int Exit, string Output)> RunAsync(IProjectMetadata project, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Create(project, environment, args));

    /// <summary>Runs any program (e.g. an operator's script) to its end.</summary>
    public static Task<(int Exit, string Output)> RunAsync(string program, params string[] args) =>
        RunAsync(Create(program, args, [], RepositoryRoot.Path));

    private static async Task<(int Exit, string Output)> RunAsync(Process process)
    {
        await using var run = new ServiceProcess(process);
        run._process.OutputDataReceived += (_, e) => run.Record(e.Data);
        run._process.ErrorDataReceived += (_, e) => run.Record(e.Data);
        run.Begin();
        using var timeout = new CancellationTokenSource(StartTimeout * 3);
        await run._process.WaitForExitAsync(timeout.Token);
        return (run._process.ExitCode, run.Output);
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

    /// <summary>The program's build output beside its project, in the configuration these tests were built in.</summary>
    public static string AssemblyOf(IProjectMetadata project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var directory = Path.GetDirectoryName(project.ProjectPath)!;
        return Path.Combine(directory, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
    }

    private static Process Create(IProjectMetadata project, IEnumerable<KeyValuePair<string, string>> environment, string[] args)
    {
        var assembly = AssemblyOf(project);
        return Create("dotnet", [assembly, .. args], environment.Prepend(KeyValuePair.Create("DOTNET_ENVIRONMENT", "Production")),
            Path.GetDirectoryName(assembly)!);
    }

    private static Process Create(string program, string[] args, IEnumerable<KeyValuePair<string, string>> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return new Process { StartInfo = start, EnableRaisingEvents = true };
    }

    private void Begin()
    {
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
