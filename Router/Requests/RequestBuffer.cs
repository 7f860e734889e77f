using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace HybridInference.Router.Requests;

/// <summary>
/// The request body read once into a pooled array that this object alone owns: every attempt replays these bytes,
/// and <see cref="Dispose"/> is the one place the array goes back to the pool.
/// </summary>
internal sealed class RequestBuffer : IDisposable
{
    private byte[]? _array;
    private int _length;

    private RequestBuffer(byte[] array) => _array = array;

    public ArraySegment<byte> Bytes => new(_array ?? throw new ObjectDisposedException(nameof(RequestBuffer)), 0, _length);

    /// <summary>Reads the whole body, or says why not (too large, empty, truncated); null refusal and buffer when the client left.</summary>
    public static async ValueTask<(RequestBuffer? Buffer, Refusal? Refusal)> ReadAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, OpenAiErrors.TooLarge(maxBytes));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The Router enforces its own (OpenAI-shaped) limit below.
            sizeFeature.MaxRequestBodySize = null;
        }
        var buffer = new RequestBuffer(ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1));
        var refusal = await buffer.FillAsync(context, maxBytes);
        if (refusal is not null || context.RequestAborted.IsCancellationRequested)
        {
            buffer.Dispose();
            return (null, refusal);
        }
        return (buffer, null);
    }

    private async ValueTask<Refusal?> FillAsync(HttpContext context, int maxBytes)
    {
        try
        {
            while (true)
            {
                if (_length == _array!.Length)
                {
                    if (_length > maxBytes)
                    {
                        return OpenAiErrors.TooLarge(maxBytes);
                    }
                    Grow(Math.Min(_array.Length * 2, maxBytes + 1));
                }
                var read = await context.Request.Body.ReadAsync(_array.AsMemory(_length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }
                _length += read;
                if (_length > maxBytes)
                {
                    return OpenAiErrors.TooLarge(maxBytes);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // Truncated or aborted upload.
            return context.RequestAborted.IsCancellationRequested ? null : Refusal.BadRequest("The request body could not be read completely.");
        }
        return _length == 0 ? Refusal.BadRequest("The request body is empty; send a JSON object.") : null;
    }

    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _length).CopyTo(larger);
        Return();
        _array = larger;
    }

    private void Return()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    public void Dispose() => Return();
}
