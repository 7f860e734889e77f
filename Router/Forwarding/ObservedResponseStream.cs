using System.Buffers;
using System.Diagnostics;
using HybridInference.Router.Requests;

namespace HybridInference.Router.Forwarding;

/// <summary>
/// Wraps an upstream response body on its way to the client and records <see cref="ResponseFacts"/>.
/// For server-sent events it hands over whole events only, as soon as each is complete, so a backend that dies
/// mid-event never leaves half an event at the client; the death is recorded (<see cref="ResponseFacts.Broken"/>) and
/// reported to the copier as a normal end, so the Router can continue the stream elsewhere. A Responses API stream
/// ends with its terminal event instead of <c>[DONE]</c>.
/// Other bodies pass straight through and are scanned for <c>usage</c> at the end. <paramref name="whole"/> is called
/// once, the moment the answer is complete (the stream's end event seen, or the body's last byte read: the
/// <paramref name="length"/> the upstream announced, else the end of the body), before the client has been handed
/// those last bytes.
/// </summary>
internal sealed class ObservedResponseStream(Stream inner, ResponseFacts facts, bool eventStream, ApiKind api, Action? whole = null, long? length = null) : Stream
{
    private const int MaxCapturedJson = 16 * 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(eventStream ? 16 * 1024 : 4 * 1024);
    private int _filled;        // bytes in _buffer
    private int _released;      // bytes already handed to the reader
    private int _complete;      // end of the last complete event
    private int _scanned;       // bytes already searched for event ends
    private bool _ended;
    private bool _captureOverflow;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        return eventStream ? await ReadEventsAsync(destination, cancellationToken) : await ReadJsonAsync(destination, cancellationToken);
    }

    private async ValueTask<int> ReadJsonAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(destination, cancellationToken);
        if (destination.IsEmpty)
        {
            // The copier's zero-byte read: it waits for data, it does not mean the end.
            return read;
        }
        if (read > 0)
        {
            if (facts.FirstByteAt == 0)
            {
                facts.FirstByteAt = Stopwatch.GetTimestamp();
            }
            if (!_captureOverflow)
            {
                if (_filled + read > MaxCapturedJson)
                {
                    _captureOverflow = true;
                    facts.Capture?.Overflow();
                }
                else
                {
                    Ensure(read);
                    destination.Span[..read].CopyTo(_buffer.AsSpan(_filled));
                    _filled += read;
                    if (_filled == length)
                    {
                        EndJson();
                    }
                }
            }
        }
        else
        {
            EndJson();
        }
        return read;
    }

    private void EndJson()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        if (!_captureOverflow)
        {
            Scan(_buffer.AsSpan(0, _filled));
            facts.Capture?.Append(_buffer.AsSpan(0, _filled));
            whole?.Invoke();
        }
    }

    private async ValueTask<int> ReadEventsAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_complete > _released)
            {
                var count = Math.Min(destination.Length, _complete - _released);
                _buffer.AsSpan(_released, count).CopyTo(destination.Span);
                _released += count;
                if (facts.FirstByteAt == 0)
                {
                    facts.FirstByteAt = Stopwatch.GetTimestamp();
                }
                return count;
            }
            if (_ended)
            {
                return 0;
            }
            Compact();
            Ensure(4096);
            int read;
            try
            {
                read = await inner.ReadAsync(_buffer.AsMemory(_filled), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                read = -1;
            }
            if (read <= 0)
            {
                _ended = true;
                // Whatever follows the last complete event is dropped: the client only ever sees whole events.
                facts.Broken = !facts.SawDone;
                continue;
            }
            _filled += read;
            FindEvents();
        }
    }

    private void FindEvents()
    {
        var span = _buffer.AsSpan(0, _filled);
        for (var i = Math.Max(_scanned, _complete + 1); i < span.Length; i++)
        {
            // An event ends at an empty line: "\n\n" or "\n\r\n".
            if (span[i] == (byte)'\n' && (span[i - 1] == (byte)'\n' || span[i - 1] == (byte)'\r' && i >= 2 && span[i - 2] == (byte)'\n'))
            {
                var wasDone = facts.SawDone;
                ReadEvent(span[_complete..(i + 1)]);
                facts.Capture?.Append(span[_complete..(i + 1)]);
                _complete = i + 1;
                if (facts.SawDone && !wasDone)
                {
                    whole?.Invoke();
                }
            }
        }
        _scanned = span.Length;
    }

    private void ReadEvent(ReadOnlySpan<byte> sseEvent)
    {
        while (sseEvent.Length > 0)
        {
            var end = sseEvent.IndexOf((byte)'\n');
            var line = end < 0 ? sseEvent : sseEvent[..end];
            sseEvent = end < 0 ? default : sseEvent[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (!line.StartsWith("data:"u8))
            {
                continue;
            }
            var payload = line[5..].TrimStart((byte)' ');
            if (payload.SequenceEqual("[DONE]"u8))
            {
                facts.SawDone = true;
            }
            else
            {
                Scan(payload);
            }
        }
    }

    private void Scan(ReadOnlySpan<byte> json)
    {
        if (api == ApiKind.Responses)
        {
            ResponsesScanner.Scan(json, facts);
        }
        else
        {
            ResponseScanner.Scan(json, facts);
        }
    }

    // Moves the unreleased tail to the front so the buffer does not grow with the stream.
    private void Compact()
    {
        if (_released == 0)
        {
            return;
        }
        var tail = _filled - _released;
        _buffer.AsSpan(_released, tail).CopyTo(_buffer);
        _complete -= _released;
        _scanned -= _released;
        _filled = tail;
        _released = 0;
    }

    private void Ensure(int free)
    {
        if (_buffer.Length - _filled >= free)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _filled + free));
        _buffer.AsSpan(0, _filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            var buffer = Interlocked.Exchange(ref _buffer, []);
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
