namespace HybridInference.Contracts.Configuration;

/// <summary>
/// Checks a <see cref="RouterConfig"/> hangs together: names unique, every reference resolves, numbers in range.
/// The Router refuses an invalid config (keeping the last good one) and Control refuses to store one.
/// </summary>
public static class RouterConfigValidator
{
    /// <summary>The reserved model name that asks the classifier to choose.</summary>
    public const string AutoModel = "auto";

    /// <summary>Every problem found, empty when the config is valid.</summary>
    public static IReadOnlyList<string> Validate(RouterConfig config)
    {
        var errors = new List<string>();
        // An empty config (an empty or half-written file, say) would route nothing: never a valid replacement.
        if (config.Backends.Count == 0)
        {
            errors.Add("no backends are defined");
        }
        if (config.Models.Count == 0)
        {
            errors.Add("no models are defined");
        }
        var backends = UniqueNames(config.Backends.Select(b => b.Name), "backend", errors);
        foreach (var backend in config.Backends)
        {
            if (!Uri.TryCreate(backend.Url, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
            {
                errors.Add($"backend '{backend.Name}': url '{backend.Url}' is not an absolute http(s) URL");
            }
            if (backend.MaxConcurrency < 1)
            {
                errors.Add($"backend '{backend.Name}': max_concurrency must be at least 1");
            }
            if (backend.Weight < 1)
            {
                errors.Add($"backend '{backend.Name}': weight must be at least 1");
            }
        }

        var models = UniqueNames(config.Models.Select(m => m.Id), "model", errors);
        foreach (var model in config.Models)
        {
            if (model.Targets.Count == 0)
            {
                errors.Add($"model '{model.Id}': has no targets");
            }
            foreach (var target in model.Targets.Where(t => !backends.Contains(t.Backend)))
            {
                errors.Add($"model '{model.Id}': target backend '{target.Backend}' is not defined");
            }
            if (model.ContextLength < 1 || model.MaxOutputLength < 1)
            {
                errors.Add($"model '{model.Id}': context_length and max_output_length must be positive");
            }
            if (model.Locality == BackendLocality.Local && !model.Targets.Any(t => IsLocal(config, t.Backend)))
            {
                errors.Add($"model '{model.Id}': locality is local but it has no local target");
            }
            var p = model.Pricing;
            if (p.Prompt < 0 || p.Completion < 0 || p.Request < 0 || p.Image < 0 || p.InputCacheRead < 0 || p.InputCacheWrite < 0)
            {
                errors.Add($"model '{model.Id}': prices must not be negative");
            }
        }

        var routes = UniqueNames(config.Routes.Select(r => r.Name), "route", errors);
        foreach (var route in config.Routes)
        {
            if (models.Contains(route.Name) || route.Name == AutoModel)
            {
                errors.Add($"route '{route.Name}': name clashes with a model id or 'auto'");
            }
            if (route.Candidates.Count == 0)
            {
                errors.Add($"route '{route.Name}': has no candidates");
            }
            foreach (var candidate in route.Candidates.Where(c => !models.Contains(c)))
            {
                errors.Add($"route '{route.Name}': candidate '{candidate}' is not a catalog model");
            }
            if (IsLocalRoute(route) && !route.Candidates.Any(c => config.Models.Any(m => m.Id == c && m.Targets.Any(t => IsLocal(config, t.Backend)))))
            {
                errors.Add($"route '{route.Name}': it is local but none of its candidates has a local target");
            }
        }

        bool Routable(string name) => models.Contains(name) || routes.Contains(name);
        if (!Routable(config.Auto.DefaultRoute))
        {
            errors.Add($"auto: default_route '{config.Auto.DefaultRoute}' is neither a route nor a model");
        }
        foreach (var (domain, route) in config.Auto.Domains.Where(d => !Routable(d.Value)))
        {
            errors.Add($"auto: domain '{domain}' maps to '{route}', which is neither a route nor a model");
        }
        if (config.Auto.ClassifierTimeoutMs < 1)
        {
            errors.Add("auto: classifier_timeout_ms must be at least 1");
        }
        if (config.Guard.JailbreakThreshold is < 0 or > 1)
        {
            errors.Add("guard: jailbreak_threshold must be between 0 and 1");
        }
        var cache = config.Cache;
        if (cache.TtlSeconds < 1 || cache.MaxEntries < 1 || cache.MaxEntryBytes < 1)
        {
            errors.Add("cache: ttl_seconds, max_entries and max_entry_bytes must be positive");
        }
        if (cache.HitPrice < 0)
        {
            errors.Add("cache: hit_price must not be negative");
        }
        return errors;
    }

    /// <summary>Whether a route keeps its requests on local backends: marked so, or one of the legacy <c>local/…</c> aliases.</summary>
    public static bool IsLocalRoute(RouteConfig route) =>
        route.Locality == BackendLocality.Local || route.Name.StartsWith("local/", StringComparison.Ordinal);

    private static bool IsLocal(RouterConfig config, string backend) =>
        config.Backends.Any(b => b.Name == backend && b.Locality == BackendLocality.Local);

    private static HashSet<string> UniqueNames(IEnumerable<string> names, string kind, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"a {kind} has no name");
            }
            else if (!seen.Add(name))
            {
                errors.Add($"{kind} '{name}' is defined twice");
            }
        }
        return seen;
    }
}
