using Google.Protobuf;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Writes a <see cref="FastTextModel"/> as an ONNX graph of basic ops (opset 17):
/// <c>ids</c> int64 [batch, n] and <c>weights</c> float [batch, n] (normalised feature weights, 0 for padding) →
/// Gather, Unsqueeze, Mul, ReduceSum (the averaged bag) → optional MatMul/Add/Relu → MatMul/Add → <c>logits</c>,
/// Softmax → <c>probabilities</c>.
/// </summary>
internal static class FastTextOnnxExporter
{
    public const string IdsInput = "ids";
    public const string WeightsInput = "weights";
    public const string LogitsOutput = "logits";
    public const string ProbabilitiesOutput = "probabilities";
    private const int OpsetVersion = 17;
    private const long IrVersion = 8;

    public static byte[] Export(FastTextModel model, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = "fasttext_classifier" };
        graph.Input.Add(OnnxGraph.Tensor(IdsInput, TensorProto.Types.DataType.Int64, "batch", "n"));
        graph.Input.Add(OnnxGraph.Tensor(WeightsInput, TensorProto.Types.DataType.Float, "batch", "n"));
        graph.Output.Add(OnnxGraph.Tensor(LogitsOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));
        graph.Output.Add(OnnxGraph.Tensor(ProbabilitiesOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));

        graph.Initializer.Add(OnnxGraph.Floats("embedding", model.Embedding, model.Buckets, model.Dim));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_last", [2], 1));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_tokens", [1], 1));

        graph.Node.Add(OnnxGraph.Node("Gather", ["embedding", IdsInput], "rows"));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", [WeightsInput, "axis_last"], "weights3"));
        graph.Node.Add(OnnxGraph.Node("Mul", ["rows", "weights3"], "weighted"));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", ["weighted", "axis_tokens"], "bag", OnnxGraph.Int("keepdims", 0)));

        var top = "bag";
        if (model.Hidden > 0)
        {
            graph.Initializer.Add(OnnxGraph.Floats("hidden_weight", model.HiddenWeights, model.Dim, model.Hidden));
            graph.Initializer.Add(OnnxGraph.Floats("hidden_bias", model.HiddenBias, model.Hidden));
            graph.Node.Add(OnnxGraph.Node("MatMul", ["bag", "hidden_weight"], "hidden_mm"));
            graph.Node.Add(OnnxGraph.Node("Add", ["hidden_mm", "hidden_bias"], "hidden_pre"));
            graph.Node.Add(OnnxGraph.Node("Relu", ["hidden_pre"], "hidden"));
            top = "hidden";
        }
        graph.Initializer.Add(OnnxGraph.Floats("output_weight", model.OutputWeights, model.OutputInputs, model.Classes));
        graph.Initializer.Add(OnnxGraph.Floats("output_bias", model.OutputBias, model.Classes));
        graph.Node.Add(OnnxGraph.Node("MatMul", [top, "output_weight"], "output_mm"));
        graph.Node.Add(OnnxGraph.Node("Add", ["output_mm", "output_bias"], LogitsOutput));
        graph.Node.Add(OnnxGraph.Node("Softmax", [LogitsOutput], ProbabilitiesOutput, OnnxGraph.Int("axis", -1)));

        return OnnxGraph.Model(graph, OpsetVersion, IrVersion, metadata).ToByteArray();
    }
}
