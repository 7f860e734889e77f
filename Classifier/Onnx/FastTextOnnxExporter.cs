using Google.Protobuf;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Writes a <see cref="FastTextModel"/> as an ONNX graph of basic ops (opset 17), an embedding bag without padding:
/// every text's feature ids are concatenated into one flat batch, so a long text does not make every short one pay
/// for its width.
/// <list type="bullet">
/// <item><c>ids</c> int64 [n]: feature ids of all texts, one after the other;</item>
/// <item><c>weights</c> float [n]: their normalised weights;</item>
/// <item><c>segments</c> int64 [n]: the index of the text each id belongs to;</item>
/// <item><c>lengths</c> int64 [batch]: ids per text (its size gives the batch size).</item>
/// </list>
/// Gather, Mul, ScatterND(add) into a zero [batch, dim] bag → optional MatMul/Add/Relu → MatMul/Add → <c>logits</c>,
/// Softmax → <c>probabilities</c>.
/// </summary>
internal static class FastTextOnnxExporter
{
    public const string IdsInput = "ids";
    public const string WeightsInput = "weights";
    public const string SegmentsInput = "segments";
    public const string LengthsInput = "lengths";
    public const string LogitsOutput = "logits";
    public const string ProbabilitiesOutput = "probabilities";
    private const int OpsetVersion = 17;
    private const long IrVersion = 8;

    public static byte[] Export(FastTextModel model, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = "fasttext_classifier" };
        graph.Input.Add(OnnxGraph.Tensor(IdsInput, TensorProto.Types.DataType.Int64, "n"));
        graph.Input.Add(OnnxGraph.Tensor(WeightsInput, TensorProto.Types.DataType.Float, "n"));
        graph.Input.Add(OnnxGraph.Tensor(SegmentsInput, TensorProto.Types.DataType.Int64, "n"));
        graph.Input.Add(OnnxGraph.Tensor(LengthsInput, TensorProto.Types.DataType.Int64, "batch"));
        graph.Output.Add(OnnxGraph.Tensor(LogitsOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));
        graph.Output.Add(OnnxGraph.Tensor(ProbabilitiesOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));

        graph.Initializer.Add(OnnxGraph.Floats("embedding", model.Embedding, model.Buckets, model.Dim));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_1", [1], 1));
        graph.Initializer.Add(OnnxGraph.Int64s("dim", [model.Dim], 1));

        graph.Node.Add(OnnxGraph.Node("Gather", ["embedding", IdsInput], "rows"));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", [WeightsInput, "axis_1"], "weights_column"));
        graph.Node.Add(OnnxGraph.Node("Mul", ["rows", "weights_column"], "weighted"));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", [SegmentsInput, "axis_1"], "segment_index"));
        graph.Node.Add(OnnxGraph.Node("Shape", [LengthsInput], "batch_size"));
        graph.Node.Add(OnnxGraph.Node("Concat", ["batch_size", "dim"], "bag_shape", OnnxGraph.Int("axis", 0)));
        graph.Node.Add(OnnxGraph.Node("ConstantOfShape", ["bag_shape"], "zeros",
            OnnxGraph.Tensor("value", OnnxGraph.Floats("zero", [0f], 1))));
        graph.Node.Add(OnnxGraph.Node("ScatterND", ["zeros", "segment_index", "weighted"], "bag", OnnxGraph.String("reduction", "add")));

        OnnxGraph.AddHead(graph, "bag", model.Dim, model.Hidden, model.HiddenWeights, model.HiddenBias, model.OutputWeights,
            model.OutputBias, model.Classes, LogitsOutput, ProbabilitiesOutput);

        return OnnxGraph.Model(graph, OpsetVersion, IrVersion, metadata).ToByteArray();
    }
}
