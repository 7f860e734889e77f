using System.Text;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Classification;
using HybridInference.Router.Classification;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Routing;

/// <summary>Replaces personal data in a request body with typed placeholders (<c>[EMAIL]</c>) before it goes remote.</summary>
internal static class PiiRedactor
{
    public static byte[] Redact(RequestBody body, PromptTexts prompt, IReadOnlyList<PiiSpan>?[] spans)
    {
        var (whole, items) = body.Api == ApiKind.Responses ? ("input", "input") : ("prompt", "messages");
        // A node over the body's parsed document: only what is replaced is materialised, nothing is parsed again.
        var root = JsonObject.Create(body.Root)!;
        for (var i = 0; i < prompt.Texts.Length; i++)
        {
            if (spans[i] is not { Count: > 0 } found)
            {
                continue;
            }
            var redacted = RedactText(prompt.Texts[i], found);
            if (prompt.MessageIndexes[i] < 0)
            {
                root[whole] = redacted;
            }
            else
            {
                root[items]![prompt.MessageIndexes[i]]!["content"] = redacted;
            }
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static string RedactText(string text, IReadOnlyList<PiiSpan> spans)
    {
        var ordered = spans.OrderBy(s => s.Start).ToArray();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in ordered)
        {
            var start = Math.Clamp(span.Start, position, text.Length);
            var end = Math.Clamp(span.End, start, text.Length);
            builder.Append(text, position, start - position).Append('[').Append(span.Type.ToUpperInvariant()).Append(']');
            position = end;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }
}
