using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HybridInference.Router.Requests;
using HybridInference.Contracts.Usage;
using HybridInference.Router.Configuration;
using HybridInference.Router.Observability;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Metering;

/// <summary>
/// A bounded on-disk queue of usage records Control could not take yet: append-only JSON-lines segment files,
/// each append written and fsynced before it returns (so a crash loses nothing acknowledged), replayed oldest first and
/// deleted once Control has them. Control ignores request ids it already has, so a replay interrupted half-way is safe.
/// </summary>
internal sealed partial class UsageSpool
{
    private const long SegmentBytes = 8 * 1024 * 1024;

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger<UsageSpool> _logger;
    private readonly Lock _lock = new();
    private readonly ArrayBufferWriter<byte> _lines = new(64 * 1024);
    private string? _current;
    private long _currentBytes;
    private long _totalBytes;
    private long _sequence;

    public UsageSpool(IOptions<RouterOptions> options, IHostEnvironment environment, ILogger<UsageSpool> logger, RouterTelemetry telemetry)
    {
        telemetry.ObserveGauge<long>("hybrid.router.usage.spool_size", () => [new Measurement<long>(Bytes)], "By", "Usage records waiting on disk for Control.");
        _directory = Path.GetFullPath(options.Value.UsageSpoolDirectory ?? Path.Combine(".hybrid", "spool", "router"), environment.ContentRootPath);
        _maxBytes = options.Value.UsageSpoolMaxBytes;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        foreach (var file in Segments())
        {
            _totalBytes += new FileInfo(file).Length;
        }
        // Segment names sort in write order across restarts; the wall clock only seeds the sequence.
        _sequence = DateTime.UtcNow.Ticks;
    }

    public long Bytes => Interlocked.Read(ref _totalBytes);

    public bool IsEmpty => Bytes == 0;

    /// <summary>Appends records durably; returns how many had to be dropped because the spool is full.</summary>
    public int Append(IReadOnlyList<UsageRecord> records)
    {
        lock (_lock)
        {
            var bytes = JsonLines(records);
            if (_totalBytes + bytes.Length > _maxBytes)
            {
                Log.SpoolFull(_logger, records.Count, _maxBytes);
                return records.Count;
            }
            if (_current is null || _currentBytes >= SegmentBytes)
            {
                _current = Path.Combine(_directory, $"usage-{Interlocked.Increment(ref _sequence):D20}.jsonl");
                _currentBytes = 0;
            }
            WriteDurably(_current, bytes);
            _currentBytes += bytes.Length;
            _totalBytes += bytes.Length;
            return 0;
        }
    }

    /// <summary>The oldest segment's records, closing it for appends first; null when the spool is empty.</summary>
    public (string Path, List<UsageRecord> Records)? Oldest()
    {
        lock (_lock)
        {
            var segments = Segments();
            if (segments.Length == 0)
            {
                return null;
            }
            var path = segments[0];
            if (path == _current)
            {
                _current = null;
            }
            var records = new List<UsageRecord>();
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0)
                {
                    continue;
                }
                try
                {
                    if (JsonSerializer.Deserialize(line, RouterJsonContext.Default.UsageRecord) is { } record)
                    {
                        records.Add(record);
                    }
                }
                catch (JsonException)
                {
                    // A line torn by a crash mid-write: everything before it was fsynced and is kept.
                }
            }
            return (path, records);
        }
    }

    public void Delete(string path)
    {
        lock (_lock)
        {
            var length = new FileInfo(path).Length;
            File.Delete(path);
            _totalBytes -= length;
        }
    }

    /// <summary>
    /// Keeps records Control refused as invalid in a <c>rejected-*.jsonl</c> file beside the segments: never replayed
    /// and outside the spool's bound, so an operator can inspect, fix and re-send them.
    /// </summary>
    public void SetAside(IReadOnlyList<UsageRecord> records)
    {
        lock (_lock)
        {
            WriteDurably(Path.Combine(_directory, $"rejected-{Interlocked.Increment(ref _sequence):D20}.jsonl"), JsonLines(records));
        }
    }

    // Under the lock, into the one reused buffer: on a Router without Control every request's record passes here, and
    // a fresh buffer per batch would be a large-object allocation each time.
    private ReadOnlySpan<byte> JsonLines(IReadOnlyList<UsageRecord> records)
    {
        _lines.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_lines);
        foreach (var record in records)
        {
            JsonSerializer.Serialize(writer, record, RouterJsonContext.Default.UsageRecord);
            writer.Flush();
            _lines.Write("\n"u8);
            writer.Reset();
        }
        return _lines.WrittenSpan;
    }

    private static void WriteDurably(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private string[] Segments()
    {
        var files = Directory.GetFiles(_directory, "usage-*.jsonl");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Usage spool full ({MaxBytes} bytes): {Count} usage records dropped")]
        public static partial void SpoolFull(ILogger logger, int count, long maxBytes);
    }
}
