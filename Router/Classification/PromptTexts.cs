using System.Text;
using System.Text.Json;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Classification;

/// <summary>
/// The texts of a request the Classifier looks at, with roles: each chat message's or Responses input item's content,
/// or the prompt (a Responses <c>input</c> string) as one user text. <see cref="MessageIndexes"/> says where each sits
/// (-1: the whole prompt).
/// </summary>
internal sealed record PromptTexts(string[] Texts, string[] Roles, int[] MessageIndexes)
{
    /// <summary>Index of the text that decides the domain: the last user message, else the last text.</summary>
    public int DomainIndex
    {
        get
        {
            for (var i = Roles.Length - 1; i >= 0; i--)
            {
                if (Roles[i] == "user")
                {
                    return i;
                }
            }
            return Texts.Length - 1;
        }
    }

    public static PromptTexts Extract(RequestBody body)
    {
        var api = body.Api;
        var texts = new List<string>();
        var roles = new List<string>();
        var indexes = new List<int>();
        var root = body.Root;
        if ((api == ApiKind.ChatCompletions && root.TryGetProperty("messages", out var messages))
            || (api == ApiKind.Responses && root.TryGetProperty("input", out messages) && messages.ValueKind == JsonValueKind.Array))
        {
            var index = -1;
            foreach (var message in messages.EnumerateArray())
            {
                index++;
                if (message.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "user";
                if (message.TryGetProperty("content", out var content) && ContentText(content) is { Length: > 0 } text)
                {
                    texts.Add(text);
                    roles.Add(role);
                    indexes.Add(index);
                }
            }
        }
        else if (root.TryGetProperty("prompt", out var prompt) || root.TryGetProperty("input", out prompt))
        {
            if (ContentText(prompt) is { Length: > 0 } text)
            {
                texts.Add(text);
                roles.Add("user");
                indexes.Add(-1);
            }
        }
        return new PromptTexts([.. texts], [.. roles], [.. indexes]);
    }

    /// <summary>A content value as text: a string, or the text parts of an array joined by newlines.</summary>
    public static string? ContentText(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                var builder = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    var text = part.ValueKind == JsonValueKind.String ? part.GetString()
                        : part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                        : null;
                    if (text is not null)
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append('\n');
                        }
                        builder.Append(text);
                    }
                }
                return builder.ToString();
            default:
                return null;
        }
    }
}
