using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Inference;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Tests.Evaluation;

/// <summary>The models committed under Classifier/Models, run through ONNX Runtime on the test splits.</summary>
public sealed class CommittedModelTests
{
    [Fact]
    public void Domain_model_meets_the_accuracy_targets_on_the_test_split()
    {
        var report = Evaluate("domain", "routing");
        Assert.True(report.Accuracy >= 0.97, $"accuracy {report.Accuracy}");
        foreach (var (label, metrics) in report.PerLabel)
        {
            Assert.True(metrics.F1 >= 0.95, $"{label} F1 {metrics.F1}");
        }
    }

    [Fact]
    public void Guard_model_meets_the_false_positive_target_on_the_test_split()
    {
        var report = Evaluate("guard", "guard");
        Assert.True(report.FalsePositiveRate <= 0.01, $"benign false-positive rate {report.FalsePositiveRate}");
        Assert.True(report.PositiveRecall >= GuardRecallFloor, $"jailbreak recall {report.PositiveRecall}");
    }

    [Fact]
    public void Stored_metadata_matches_what_the_models_measure_now()
    {
        var metadata = ModelMetadata.Load(Path.Combine(TestData.ModelsDirectory, "domain.json"));
        Assert.Equal(metadata.Metrics["test"].Accuracy, Evaluate("domain", "routing").Accuracy);
    }

    [Fact]
    public void Domain_cascade_meets_the_accuracy_targets_on_the_test_split_and_escalates_few_prompts()
    {
        using var cascade = new CascadeEvaluation(TestData.ModelsDirectory, "domain");
        var rows = LabelledText.ReadJsonLines(Path.Combine(TestData.DatasetsDirectory, "routing", "test.jsonl"));
        var (report, share) = cascade.Cascade(rows, "test:cascade");
        Assert.True(report.Accuracy >= 0.97, $"accuracy {report.Accuracy}");
        foreach (var (label, metrics) in report.PerLabel)
        {
            Assert.True(metrics.F1 >= 0.95, $"{label} F1 {metrics.F1}");
        }
        Assert.True(share is > 0 and < 0.1, $"escalated {share:P1}");
        Assert.Equal(cascade.Head.Metrics["test:cascade"].Accuracy, report.Accuracy);
    }

    /// <summary>The target, reached at the threshold cross-validated on training data (see bench/Classifier/RESULTS.md).</summary>
    private const double GuardRecallFloor = 0.93;

    private static EvaluationReport Evaluate(string task, string folder)
    {
        using var classifier = FastTextOnnxClassifier.Load(TestData.ModelsDirectory, task);
        var rows = LabelledText.ReadJsonLines(Path.Combine(TestData.DatasetsDirectory, folder, "test.jsonl"));
        return EvalCommand.Evaluate(classifier, rows, "test");
    }
}
