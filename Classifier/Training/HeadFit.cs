using HybridInference.Classifier.Evaluation;
using HybridInference.Classifier.Inference;

namespace HybridInference.Classifier.Training;

/// <summary>
/// Fits an embedding head the way the fastText models are fitted: k-fold out-of-fold logits on the training rows
/// (temperature; the guard threshold on the calibration rows only), then the final head on every row, temperature
/// folded in. Prints one line per epoch of the first fold (loss, held-out accuracy) and of the final fit (loss).
/// </summary>
internal static class HeadFit
{
    public static HeadFitResult Fit(float[] embeddings, int dim, int[] y, string[] labels, int positive, bool[] calibration,
        HeadTrainingOptions options, int folds, double targetFalsePositiveRate, string name, TextWriter log)
    {
        var classes = labels.Length;
        var fold = new int[y.Length];
        var order = Enumerable.Range(0, y.Length).ToArray();
        new Random(options.Seed ^ 0x5EED).Shuffle(order);
        for (var i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % folds;
        }
        var oof = new float[y.Length][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray();
            var held = Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray();
            var last = 0.0;
            Action<int, double, double> progress = f == 0
                ? (epoch, loss, accuracy) => log.WriteLine($"  [{name}] fold 1/{folds} epoch {epoch,3}/{options.Epochs}: loss {loss:F4}, held-out accuracy {accuracy:F4}")
                : (_, _, accuracy) => last = accuracy;
            var model = new HeadTrainer(options with { Seed = options.Seed + f + 1 }).Train(embeddings, dim, y, classes, train, held, progress);
            if (f > 0)
            {
                log.WriteLine($"  [{name}] fold {f + 1}/{folds}: held-out accuracy {last:F4}");
            }
            var logits = model.Logits(embeddings, held);
            for (var i = 0; i < held.Length; i++)
            {
                oof[held[i]] = logits[i];
            }
        }
        var temperature = CrossValidation.FitTemperature(oof, y);
        var probabilities = oof.Select(l => TrainCommand.Probabilities(l, temperature)).ToArray();
        double? threshold = null;
        if (positive >= 0)
        {
            var rows = Enumerable.Range(0, y.Length).Where(i => calibration[i]).ToArray();
            threshold = CrossValidation.PickThreshold(rows.Select(i => (double)probabilities[i][positive]).ToArray(),
                rows.Select(i => y[i] == positive).ToArray(), targetFalsePositiveRate);
        }
        var predicted = probabilities.Select(p => LabelDecision.Decide(p, positive, threshold)).ToArray();
        var report = EvaluationReport.Create("cross_validation", labels, y, predicted, positive >= 0 ? positive : null, threshold);
        var all = Enumerable.Range(0, y.Length).ToArray();
        var final = new HeadTrainer(options).Train(embeddings, dim, y, classes, all, null,
            (epoch, loss, _) => log.WriteLine($"  [{name}] final epoch {epoch,3}/{options.Epochs}: loss {loss:F4}"));
        final.ApplyTemperature((float)temperature);
        return new HeadFitResult(final, temperature, threshold, report, probabilities);
    }
}

/// <summary>A trained head with what cross-validation fitted for it, and its calibrated out-of-fold probabilities.</summary>
internal sealed record HeadFitResult(HeadModel Model, double Temperature, double? Threshold, EvaluationReport CrossValidation, float[][] OutOfFold);
