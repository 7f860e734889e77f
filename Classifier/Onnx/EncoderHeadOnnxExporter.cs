using Google.Protobuf;
using HybridInference.Classifier.Encoders;
using HybridInference.Classifier.Training;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Writes a <see cref="HeadModel"/> with the encoder's pooling in front of it as an ONNX graph (opset 17), so the
/// service feeds the encoder's token states straight in:
/// <list type="bullet">
/// <item><c>token_states</c> float [batch, tokens, dim]: the encoder's <c>last_hidden_state</c>;</item>
/// <item><c>attention_mask</c> float [batch, tokens]: 1 for a text's tokens, 0 for padding.</item>
/// </list>
/// Masked mean over tokens → L2 normalisation (as <see cref="MeanPooling"/>) → optional MatMul/Add/Relu → MatMul/Add →
/// <c>logits</c>, Softmax → <c>probabilities</c>.
/// </summary>
internal static class EncoderHeadOnnxExporter
{
    public const string StatesInput = "token_states";
    public const string MaskInput = "attention_mask";
    public const string LogitsOutput = "logits";
    public const string ProbabilitiesOutput = "probabilities";
    private const int OpsetVersion = 17;
    private const long IrVersion = 8;

    public static byte[] Export(HeadModel model, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new GraphProto { Name = "encoder_head" };
        graph.Input.Add(OnnxGraph.Tensor(StatesInput, TensorProto.Types.DataType.Float, "batch", "tokens", model.Inputs));
        graph.Input.Add(OnnxGraph.Tensor(MaskInput, TensorProto.Types.DataType.Float, "batch", "tokens"));
        graph.Output.Add(OnnxGraph.Tensor(LogitsOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));
        graph.Output.Add(OnnxGraph.Tensor(ProbabilitiesOutput, TensorProto.Types.DataType.Float, "batch", model.Classes));

        graph.Initializer.Add(OnnxGraph.Int64s("axis_1", [1], 1));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_2", [2], 1));
        graph.Initializer.Add(OnnxGraph.Floats("one", [1f], 1));
        graph.Initializer.Add(OnnxGraph.Floats("norm_floor", [MeanPooling.NormFloor], 1));

        // Mean over the text's tokens: padding rows are zeroed by the mask and the count is the mask's sum (at least 1).
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", [MaskInput, "axis_2"], "mask_column"));
        graph.Node.Add(OnnxGraph.Node("Mul", [StatesInput, "mask_column"], "masked_states"));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", ["masked_states", "axis_1"], "state_sum", OnnxGraph.Int("keepdims", 0)));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", [MaskInput, "axis_1"], "token_count", OnnxGraph.Int("keepdims", 1)));
        graph.Node.Add(OnnxGraph.Node("Max", ["token_count", "one"], "token_count_floor"));
        graph.Node.Add(OnnxGraph.Node("Div", ["state_sum", "token_count_floor"], "mean"));
        graph.Node.Add(OnnxGraph.Node("Mul", ["mean", "mean"], "mean_squared"));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", ["mean_squared", "axis_1"], "square_norm", OnnxGraph.Int("keepdims", 1)));
        graph.Node.Add(OnnxGraph.Node("Sqrt", ["square_norm"], "norm"));
        graph.Node.Add(OnnxGraph.Node("Max", ["norm", "norm_floor"], "norm_floor_applied"));
        graph.Node.Add(OnnxGraph.Node("Div", ["mean", "norm_floor_applied"], "embedding"));

        OnnxGraph.AddHead(graph, "embedding", model.Inputs, model.Hidden, model.HiddenWeights, model.HiddenBias, model.OutputWeights,
            model.OutputBias, model.Classes, LogitsOutput, ProbabilitiesOutput);

        return OnnxGraph.Model(graph, OpsetVersion, IrVersion, metadata).ToByteArray();
    }
}
