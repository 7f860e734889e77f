namespace HybridInference.Router.Requests;

/// <summary>The OpenAI APIs the Router forwards.</summary>
internal enum ApiKind
{
    ChatCompletions,
    Completions,
    Embeddings,
    Responses,
}
