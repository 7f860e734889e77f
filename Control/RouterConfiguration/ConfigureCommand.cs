using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.RouterConfiguration;

/// <summary>
/// <c>configure --endpoint &lt;url&gt; --api-key &lt;key&gt; --model-coding &lt;id&gt; --model-general &lt;id&gt; [--backend &lt;name&gt;] [--print]</c>:
/// the appliance's <c>configure-router</c> step. Points the remote backend at the endpoint, routes the coding and general
/// domains of <c>auto</c> to the named models (adding them to the catalog, served by that backend, when unknown), validates
/// and stores a new config version, then writes the API key to the secrets folder, never into the config. Missing
/// flags are asked for when a terminal is attached; <c>--print</c> alone shows the effective config.
/// </summary>
internal sealed class ConfigureCommand(ControlDb db, RouterConfigStore store, TimeProvider time, IOptions<ControlOptions> options)
{
    private static readonly string[] Flags = ["endpoint", "api-key", "model-coding", "model-general", "backend"];

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var values, out var print, out var problem))
        {
            await output.WriteLineAsync(problem);
            return 2;
        }
        if (print && values.Count == 0)
        {
            return await PrintAsync(output, cancellationToken);
        }
        foreach (var flag in Flags.Where(f => f != "backend" && !values.ContainsKey(f)))
        {
            if (!interactive)
            {
                await output.WriteLineAsync($"--{flag} is required");
                return 2;
            }
            await output.WriteAsync($"{flag}: ");
            values[flag] = (await input.ReadLineAsync(cancellationToken))?.Trim() ?? "";
        }

        var current = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken);
        var backendName = values.GetValueOrDefault("backend")
            ?? current.Backends.FirstOrDefault(b => b.Locality == BackendLocality.Remote)?.Name ?? "cloud";
        var existing = current.Backends.FirstOrDefault(b => b.Name == backendName);
        var secretName = existing?.ApiKeySecret ?? SecretName(backendName);
        var backend = (existing ?? new BackendConfig { Name = backendName, Url = values["endpoint"] }) with
        {
            Url = values["endpoint"], Kind = existing?.Kind ?? "openai", Locality = BackendLocality.Remote, ApiKeySecret = secretName,
        };
        var coding = values["model-coding"];
        var general = values["model-general"];

        var change = await store.ChangeAsync(db, "configure", "configure", "config", backendName, c =>
        {
            var models = c.Models.ToList();
            foreach (var id in new[] { coding, general }.Distinct().Where(id => models.All(m => m.Id != id)))
            {
                models.Add(new ModelConfig { Id = id, Name = id, Targets = [new ModelTarget { Backend = backendName }] });
            }
            var domains = new Dictionary<string, string>(c.Auto.Domains) { ["coding"] = coding, ["general"] = general };
            return c with
            {
                Backends = c.Backends.Any(b => b.Name == backendName) ? [.. c.Backends.Select(b => b.Name == backendName ? backend : b)] : [.. c.Backends, backend],
                Models = models,
                Auto = c.Auto with { Domains = domains },
            };
        }, cancellationToken, comment: $"configure: {backendName} at {values["endpoint"]}, coding {coding}, general {general}");
        if (!change.Accepted)
        {
            await output.WriteLineAsync("Refused, nothing written:");
            foreach (var error in change.Errors)
            {
                await output.WriteLineAsync("  " + error);
            }
            return 1;
        }
        var secretFile = await WriteSecretAsync(secretName, values["api-key"], cancellationToken);
        await output.WriteLineAsync($"Stored router config version {change.Version}; API key written to {secretFile}");
        return print ? await PrintAsync(output, cancellationToken) : 0;
    }

    /// <summary><c>cloud</c> → <c>CLOUD_API_KEY</c>.</summary>
    public static string SecretName(string backend) => backend.ToUpperInvariant().Replace('-', '_').Replace('.', '_') + "_API_KEY";

    private async Task<string> WriteSecretAsync(string name, string value, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.SecretsDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new StreamWriter(path, System.Text.Encoding.UTF8, fileOptions))
        {
            await file.WriteAsync(value.AsMemory(), cancellationToken);
        }
        return path;
    }

    private async Task<int> PrintAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await RouterConfigStore.CurrentAsync(db, cancellationToken) is not { } current)
        {
            await output.WriteLineAsync("No router config stored yet.");
            return 1;
        }
        await output.WriteLineAsync($"# version {current.Version}, {current.CreatedAt:O} by {current.CreatedBy}");
        await output.WriteAsync(RouterConfigYaml.Write(RouterConfigStore.FromJson(current.Config)));
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> args, out Dictionary<string, string> values, out bool print, out string problem)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        print = false;
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--print")
            {
                print = true;
                continue;
            }
            var (name, value) = arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=')
                ? (arg[2..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..])
                : (arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : "", i + 1 < args.Count ? args[++i] : null);
            if (!Flags.Contains(name) || value is null)
            {
                problem = $"unknown or incomplete option '{arg}'; usage: configure --endpoint <url> --api-key <key> --model-coding <id> --model-general <id> [--backend <name>] [--print]";
                return false;
            }
            values[name] = value;
        }
        return true;
    }
}
