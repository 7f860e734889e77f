using System.Diagnostics.Metrics;

namespace HybridInference.Classifier.Inference;

/// <summary>The service's meter <c>HybridInference.Classifier</c>: per-task latency, model run time, batch sizes and cascade escalations.</summary>
internal sealed class ClassifierMetrics : IDisposable
{
    public const string MeterName = "HybridInference.Classifier";
    private readonly Meter _meter;
    private readonly Histogram<double> _taskDuration;
    private readonly Histogram<double> _modelRun;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _texts;
    private readonly Counter<long> _escalations;

    public ClassifierMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _taskDuration = _meter.CreateHistogram<double>("classifier.task.duration", "s", "Time to answer one task for one request, queueing included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] });
        _modelRun = _meter.CreateHistogram<double>("classifier.model.run.duration", "s", "Time of one batched model run.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] });
        _batchSize = _meter.CreateHistogram<int>("classifier.batch.size", "{text}", "Texts per model run.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _texts = _meter.CreateCounter<long>("classifier.texts", "{text}", "Texts classified, by task.");
        _escalations = _meter.CreateCounter<long>("classifier.escalations", "{text}", "Texts the fastText model was unsure of and the encoder decided, by task.");
    }

    public void RecordTask(string task, TimeSpan elapsed, int texts)
    {
        var tag = new KeyValuePair<string, object?>("task", task);
        _taskDuration.Record(elapsed.TotalSeconds, tag);
        _texts.Add(texts, tag);
    }

    public void RecordEscalations(string task, int texts) =>
        _escalations.Add(texts, new KeyValuePair<string, object?>("task", task));

    public void RecordModelRun(string task, TimeSpan elapsed) =>
        _modelRun.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("task", task));

    public void RecordBatch(string task, int size) =>
        _batchSize.Record(size, new KeyValuePair<string, object?>("task", task));

    public void Dispose() => _meter.Dispose();
}
