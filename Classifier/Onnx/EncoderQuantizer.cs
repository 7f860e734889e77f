using System.Runtime.InteropServices;
using Google.Protobuf;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Rewrites a pretrained encoder's ONNX graph to dynamic int8: every <c>MatMul</c> whose right-hand side is a float
/// weight matrix becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, with the weights stored as int8,
/// one symmetric scale per output column (zero point 0); activations are quantised to uint8 at run time per tensor.
/// Everything else (embeddings, LayerNorm, Softmax, GELU) stays fp32. Deterministic: the same graph gives the same bytes.
/// </summary>
internal static class EncoderQuantizer
{
    /// <summary>
    /// Weights use 7 bits (±63): without AVX-VNNI, ONNX Runtime's u8×s8 kernels add pairs of products in 16 bits,
    /// which 8-bit weights can saturate (onnxruntime's own quantiser calls this <c>reduce_range</c>).
    /// </summary>
    public const int WeightLimit = 63;

    private const string ContribDomain = "com.microsoft";

    /// <summary>The int8 graph of <paramref name="model"/> (an fp32 ONNX model), and how many MatMuls were rewritten.</summary>
    public static (byte[] Model, int MatMuls) Quantize(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var weights = new Dictionary<string, TensorProto>();
        foreach (var tensor in graph.Initializer)
        {
            if (tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Dims.Count == 2)
            {
                weights[tensor.Name] = tensor;
            }
        }

        var quantised = new Dictionary<string, (string Weights, string Scales)>();
        var rewritten = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain.Length > 0 || !weights.TryGetValue(node.Input[1], out var weight))
            {
                continue;
            }
            if (!quantised.TryGetValue(weight.Name, out var names))
            {
                names = (weight.Name + "_int8", weight.Name + "_scale");
                var (values, scales) = QuantizeColumns(ReadFloats(weight), (int)weight.Dims[0], (int)weight.Dims[1]);
                var int8 = new TensorProto { Name = names.Weights, DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
                int8.Dims.AddRange(weight.Dims);
                graph.Initializer.Add(int8);
                graph.Initializer.Add(OnnxGraph.Floats(names.Scales, scales, scales.Length));
                quantised[weight.Name] = names;
            }
            var input = node.Input[0];
            node.Input.Clear();
            node.Input.AddRange([input, names.Weights, names.Scales]);
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = ContribDomain;
            rewritten++;
        }

        // The fp32 matrices that only MatMuls read are gone from the graph.
        var stillRead = graph.Node.SelectMany(n => n.Input).ToHashSet();
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (quantised.ContainsKey(graph.Initializer[i].Name) && !stillRead.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }
        if (!proto.OpsetImport.Any(o => o.Domain == ContribDomain))
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        }
        return (proto.ToByteArray(), rewritten);
    }

    /// <summary>Symmetric per-column quantisation of a row-major <c>[rows, columns]</c> matrix.</summary>
    public static (sbyte[] Values, float[] Scales) QuantizeColumns(ReadOnlySpan<float> matrix, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = MathF.Max(scales[c], MathF.Abs(matrix[r * columns + c]));
            }
        }
        for (var c = 0; c < columns; c++)
        {
            // An all-zero column keeps scale 1 so that it dequantises to zeros, not NaN.
            scales[c] = scales[c] > 0 ? scales[c] / WeightLimit : 1f;
        }
        var values = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var q = MathF.Round(matrix[r * columns + c] / scales[c], MidpointRounding.ToEven);
                values[r * columns + c] = (sbyte)Math.Clamp(q, -WeightLimit, WeightLimit);
            }
        }
        return (values, scales);
    }

    private static float[] ReadFloats(TensorProto tensor) =>
        tensor.RawData.IsEmpty ? tensor.FloatData.ToArray() : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
}
