using System.Diagnostics;
using System.Threading.Channels;

namespace HybridInference.Classifier.Inference;

/// <summary>
/// Merges concurrent requests for one model into a single run. There is no fixed waiting window: when the model is idle a
/// request runs at once on the caller's thread (no hand-off to pay for); while it is busy, requests queue and the loop
/// takes everything queued as one batch the moment the model is free.
/// </summary>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly ITextClassifier _classifier;
    private readonly int _maxBatchSize;
    private readonly ClassifierMetrics _metrics;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    // Held by whoever runs the model: an inline caller or the batch loop.
    private readonly SemaphoreSlim _model = new(1, 1);

    public MicroBatcher(ITextClassifier classifier, int maxBatchSize, ClassifierMetrics metrics)
    {
        _classifier = classifier;
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _metrics = metrics;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public ITextClassifier Classifier => _classifier;

    /// <summary>Probabilities for <paramref name="texts"/>, row-major (<c>texts × labels</c>).</summary>
    public Task<float[]> ClassifyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count <= _maxBatchSize && _model.Wait(0))
        {
            try
            {
                var output = new float[texts.Count * _classifier.Description.Labels.Count];
                Run(texts, output, _classifier.Description.Labels.Count);
                return Task.FromResult(output);
            }
            catch (Exception ex)
            {
                return Task.FromException<float[]>(ex);
            }
            finally
            {
                _model.Release();
            }
        }
        var pending = new Pending(texts, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MicroBatcher));
        }
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var classes = _classifier.Description.Labels.Count;
        var batch = new List<Pending>();
        var texts = new List<string>(_maxBatchSize);
        var output = new float[_maxBatchSize * classes];
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _model.WaitAsync().ConfigureAwait(false);
            try
            {
                RunQueued(reader, batch, texts, ref output, classes);
            }
            finally
            {
                _model.Release();
            }
        }
    }

    private void RunQueued(ChannelReader<Pending> reader, List<Pending> batch, List<string> texts, ref float[] output, int classes)
    {
        batch.Clear();
        texts.Clear();
        while (texts.Count < _maxBatchSize && reader.TryPeek(out var next)
            && (texts.Count == 0 || texts.Count + next.Texts.Count <= _maxBatchSize)
            && reader.TryRead(out next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Completion.TrySetCanceled(next.CancellationToken);
                continue;
            }
            batch.Add(next);
            texts.AddRange(next.Texts);
        }
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            if (output.Length < texts.Count * classes)
            {
                output = new float[texts.Count * classes];
            }
            Run(texts, output, classes);
            var offset = 0;
            foreach (var pending in batch)
            {
                var size = pending.Texts.Count * classes;
                pending.Completion.TrySetResult(output.AsSpan(offset, size).ToArray());
                offset += size;
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private void Run(IReadOnlyList<string> texts, float[] output, int classes)
    {
        var started = Stopwatch.GetTimestamp();
        // One request larger than a batch runs in slices of the batch size.
        for (var start = 0; start < texts.Count; start += _maxBatchSize)
        {
            var count = Math.Min(_maxBatchSize, texts.Count - start);
            var slice = start == 0 && count == texts.Count ? texts : texts.Skip(start).Take(count).ToArray();
            _classifier.Classify(slice, output.AsSpan(start * classes, count * classes));
            _metrics.RecordBatch(_classifier.Description.Task, count);
        }
        _metrics.RecordModelRun(_classifier.Description.Task, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _classifier.Dispose();
        _model.Dispose();
    }

    private sealed record Pending(IReadOnlyList<string> Texts, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
