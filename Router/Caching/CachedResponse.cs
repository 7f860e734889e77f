using System.Text;

namespace HybridInference.Router.Caching;

/// <summary>An answer kept by the cache: the bytes the client got (JSON body or whole SSE events), and what metering needs.</summary>
/// <param name="ServedModel">The catalog model that produced it.</param>
/// <param name="Id">The response's id, replaced by a fresh one on every replay.</param>
/// <param name="Stream">Server-sent events (else a JSON body).</param>
/// <param name="PromptTokens">Prompt tokens the original answer used.</param>
/// <param name="CompletionTokens">Completion tokens the original answer used.</param>
/// <param name="Body">The bytes as sent.</param>
internal sealed record CachedResponse(string ServedModel, string? Id, bool Stream, int PromptTokens, int CompletionTokens, byte[] Body)
{
    private const byte FormatVersion = 1;

    /// <summary>The form kept in Redis.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream(Body.Length + 128);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(ServedModel);
            writer.Write(Id ?? "");
            writer.Write(Stream);
            writer.Write(PromptTokens);
            writer.Write(CompletionTokens);
            writer.Write(Body.Length);
            writer.Write(Body);
        }
        return stream.ToArray();
    }

    /// <summary>Reads <see cref="ToBytes"/>; null for anything else (an older format, a torn value).</summary>
    public static CachedResponse? FromBytes(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }
            var model = reader.ReadString();
            var id = reader.ReadString();
            var stream = reader.ReadBoolean();
            var prompt = reader.ReadInt32();
            var completion = reader.ReadInt32();
            var body = reader.ReadBytes(reader.ReadInt32());
            return new CachedResponse(model, id.Length == 0 ? null : id, stream, prompt, completion, body);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
