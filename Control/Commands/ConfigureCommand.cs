using HybridInference.Contracts.Configuration;
using HybridInference.Control.Database;
using HybridInference.Control.RouterConfiguration;
using Microsoft.Extensions.Options;

namespace HybridInference.Control.Commands;

/// <summary>
/// <c>configure --endpoint &lt;url&gt; --api-key &lt;key&gt; --model-coding &lt;id&gt; --model-general &lt;id&gt;</c>: the
/// appliance's <c>configure-router</c> step. Points the remote backend at the endpoint (with or without <c>/v1</c>),
/// routes the coding and general domains of <c>auto</c> to the named models (adding them to the catalog, served by that
/// backend, when unknown) and stores a new config version — only once the version validates and the endpoint answers
/// <c>/v1/models</c> with the key and lists the models it is to serve. The key goes to the Router's secrets folder
/// (or, with <c>--no-key-file</c>, is left to the caller), never into the config. Missing values are asked for when a
/// terminal is attached; <c>--print</c> alone shows the effective config.
/// </summary>
internal sealed class ConfigureCommand(
    ControlDb db, RouterConfigStore store, RemoteModelsProbe probe, TimeProvider time, IOptions<ControlOptions> options)
{
    /// <summary>The secret the remote backend's key is stored as: the name the appliance's manifests mount.</summary>
    public const string DefaultApiKeySecret = "REMOTE_API_KEY";

    /// <summary>Name of the remote backend created when the config has none.</summary>
    public const string DefaultBackend = "remote";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        if (!ConfigureArguments.TryParse(args, out var arguments, out var problem))
        {
            await output.WriteLineAsync(problem);
            return 2;
        }
        if (arguments.Print && arguments.Values.Count == 0)
        {
            return await PrintAsync(output, cancellationToken);
        }
        foreach (var name in ConfigureArguments.Required.Where(n => !arguments.Values.ContainsKey(n)))
        {
            if (!interactive)
            {
                await output.WriteLineAsync($"--{name} is required; {ConfigureArguments.Usage}");
                return 2;
            }
            await output.WriteAsync($"{name}: ");
            arguments.Values[name] = (await input.ReadLineAsync(cancellationToken))?.Trim() ?? "";
        }

        var endpoint = RemoteEndpoint.Normalise(arguments["endpoint"]);
        var current = await RouterConfigStore.AssembleAsync(db, time.GetUtcNow(), cancellationToken);
        var backendName = arguments.Values.GetValueOrDefault("backend")
            ?? current.Backends.FirstOrDefault(b => b.Locality == BackendLocality.Remote)?.Name ?? DefaultBackend;
        var secretName = arguments.Values.GetValueOrDefault("api-key-secret") ?? DefaultApiKeySecret;
        var (coding, general) = (arguments["model-coding"], arguments["model-general"]);
        RouterConfig Edit(RouterConfig config) => Configured(config, backendName, endpoint, secretName, coding, general);

        // Everything is checked before anything is written: the version as the store will check it, then the endpoint.
        var next = Edit(current);
        var errors = ConfigLimits.Check(next).Concat(RouterConfigValidator.Validate(next)).ToList();
        if (errors.Count == 0 && !arguments.SkipProbe)
        {
            var served = new[] { coding, general }.Distinct()
                .Where(id => next.Models.Any(m => m.Id == id && m.Targets.Any(t => t.Backend == backendName))).ToList();
            if (await probe.FindProblemAsync(endpoint, arguments["api-key"], served, cancellationToken) is { } unreachable)
            {
                errors.Add(unreachable);
            }
        }
        if (errors.Count > 0)
        {
            return await RefuseAsync(output, errors);
        }

        // The key is in place before the version that names it is announced, so the Router never applies one without the other.
        var secrets = new SecretFolder(options.Value.SecretsDirectory);
        var replaced = arguments.SkipKeyFile ? null : await secrets.ReplaceAsync(secretName, arguments["api-key"], cancellationToken);
        var change = await store.ChangeAsync(db, "configure", "configure", "config", backendName, Edit, cancellationToken,
            comment: $"configure: {backendName} at {endpoint}, coding {coding}, general {general}");
        if (!change.Accepted)
        {
            if (!arguments.SkipKeyFile)
            {
                await secrets.RestoreAsync(secretName, replaced, cancellationToken);
            }
            return await RefuseAsync(output, change.Errors);
        }
        var keyNote = arguments.SkipKeyFile ? $"API key to be stored by the caller as secret {secretName}" : $"API key written to {secrets.PathOf(secretName)}";
        await output.WriteLineAsync($"Stored router config version {change.Version} ({backendName} at {endpoint}); {keyNote}");
        return arguments.Print ? await PrintAsync(output, cancellationToken) : 0;
    }

    private static RouterConfig Configured(RouterConfig config, string backendName, string endpoint, string secretName, string coding, string general)
    {
        var existing = config.Backends.FirstOrDefault(b => b.Name == backendName);
        var backend = (existing ?? new BackendConfig { Name = backendName, Url = endpoint, Kind = "openai" }) with
        {
            Url = endpoint, Locality = BackendLocality.Remote, ApiKeySecret = secretName,
        };
        var models = config.Models.ToList();
        foreach (var id in new[] { coding, general }.Distinct().Where(id => models.All(m => m.Id != id)))
        {
            models.Add(new ModelConfig { Id = id, Name = id, Targets = [new ModelTarget { Backend = backendName }] });
        }
        var domains = new Dictionary<string, string>(config.Auto.Domains) { ["coding"] = coding, ["general"] = general };
        return config with
        {
            Backends = existing is null ? [.. config.Backends, backend] : [.. config.Backends.Select(b => b.Name == backendName ? backend : b)],
            Models = models,
            Auto = config.Auto with { Domains = domains },
        };
    }

    private static async Task<int> RefuseAsync(TextWriter output, IEnumerable<string> errors)
    {
        await output.WriteLineAsync("Refused, nothing written:");
        foreach (var error in errors)
        {
            await output.WriteLineAsync("  " + error);
        }
        return 1;
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
}
