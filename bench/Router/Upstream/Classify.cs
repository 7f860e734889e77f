using System.Text;
using System.Text.Json;

namespace HybridInference.Bench.Upstream;

/// <summary>
/// The fake Classifier: one fixed verdict (general, benign, no personal data) per text of <c>input</c>, so a Router
/// that coalesces several prompts into one call gets as many results as it sent texts.
/// </summary>
internal static class Classify
{
    private static readonly byte[] Head = "{\"results\":["u8.ToArray();
    private static readonly byte[] Verdict = "{\"domain\":{\"label\":\"general\",\"score\":0.97},\"guard\":{\"label\":\"benign\",\"score\":0.99},\"pii\":[]}"u8.ToArray();
    private static readonly byte[] Tail = Encoding.UTF8.GetBytes("],\"models\":{\"domain\":\"bench\",\"guard\":\"bench\",\"pii\":\"bench\"}}");

    public static async Task HandleAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var input = request.RootElement.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.Array ? input.GetArrayLength() : 1;

        var body = new byte[Head.Length + texts * Verdict.Length + Math.Max(0, texts - 1) + Tail.Length];
        var span = body.AsSpan();
        Head.CopyTo(span);
        var at = Head.Length;
        for (var i = 0; i < texts; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }
            Verdict.CopyTo(span[at..]);
            at += Verdict.Length;
        }
        Tail.CopyTo(span[at..]);
        await FixedResponses.WriteJsonAsync(context, body);
    }
}
