using HybridInference.Contracts.Configuration;
using HybridInference.Contracts.Keys;
using HybridInference.Router.Configuration;
using HybridInference.Router.Keys;
using HybridInference.Router.Requests;

namespace HybridInference.Router.OpenAi;

/// <summary>The OpenAI-compatible surface: chat completions, completions, embeddings, responses and the model list.</summary>
internal static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder endpoints)
    {
        // Plain request delegates on the singleton pipeline: no per-request service scope, no generated parameter binding.
        var pipeline = endpoints.ServiceProvider.GetRequiredService<ProxyPipeline>();
        endpoints.MapPost("/v1/chat/completions", context => pipeline.HandleAsync(context, ApiKind.ChatCompletions));
        endpoints.MapPost("/v1/completions", context => pipeline.HandleAsync(context, ApiKind.Completions));
        endpoints.MapPost("/v1/embeddings", context => pipeline.HandleAsync(context, ApiKind.Embeddings));
        endpoints.MapPost("/v1/responses", context => pipeline.HandleAsync(context, ApiKind.Responses));
        endpoints.MapGet("/v1/models", ListModelsAsync);
        endpoints.MapGet("/v1/models/{**id}", GetModelAsync);
        return endpoints;
    }

    private static async Task ListModelsAsync(HttpContext context, KeyAuthenticator keys, RouterConfigStore config)
    {
        if (await AuthenticateAsync(context, keys) is not { } policy)
        {
            return;
        }
        var table = config.Current;
        var data = new List<ModelObject>(table.PublicNames.Count);
        foreach (var name in table.PublicNames)
        {
            if (policy.Allows(name))
            {
                data.Add(Describe(table, name));
            }
        }
        await context.Response.WriteAsJsonAsync(new ModelList(data), RouterJsonContext.Default.ModelList);
    }

    private static async Task GetModelAsync(HttpContext context, string id, KeyAuthenticator keys, RouterConfigStore config)
    {
        if (await AuthenticateAsync(context, keys) is not { } policy)
        {
            return;
        }
        // Aliases contain '/', which clients send escaped and routing leaves escaped.
        id = Uri.UnescapeDataString(id);
        var table = config.Current;
        if (!table.IsKnown(id))
        {
            await OpenAiErrors.WriteAsync(context, OpenAiErrors.ModelNotFound(id));
            return;
        }
        if (!policy.Allows(id))
        {
            await OpenAiErrors.WriteAsync(context, OpenAiErrors.Forbidden(id));
            return;
        }
        await context.Response.WriteAsJsonAsync(Describe(table, id), RouterJsonContext.Default.ModelObject);
    }

    private static async Task<KeyPolicy?> AuthenticateAsync(HttpContext context, KeyAuthenticator keys)
    {
        var check = await keys.AuthenticateAsync(context);
        if (check.Policy is null)
        {
            await OpenAiErrors.WriteAsync(context, check.Refusal!);
        }
        return check.Policy;
    }

    private static ModelObject Describe(RoutingTable table, string name)
    {
        if (name == RouterConfigValidator.AutoModel)
        {
            return new ModelObject(name, "model", 0, "hybrid-inference", "auto", null, null, null);
        }
        var candidates = table.Route(name)!.Candidates;
        var isModel = candidates.Length == 1 && candidates[0].Id == name;
        var ids = new string[candidates.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = candidates[i].Id;
        }
        var config = candidates[0].Config;
        return new ModelObject(name, "model", 0, "hybrid-inference", isModel ? config.Kind : "route",
            isModel ? config.ContextLength : null, isModel ? config.Name : null, isModel ? null : ids);
    }
}

/// <summary>OpenAI's model object, with the Router's extras (kind, context length, a route's candidates).</summary>
internal sealed record ModelObject(
    string Id, string Object, long Created, string OwnedBy, string Kind, int? ContextLength, string? Name, string[]? Candidates);

/// <summary>OpenAI's model list.</summary>
internal sealed record ModelList(IReadOnlyList<ModelObject> Data)
{
    public string Object => "list";
}
