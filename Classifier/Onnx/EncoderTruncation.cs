using Google.Protobuf;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Cuts a BERT-family encoder's ONNX graph (weights named as in Hugging Face's BERT, <c>encoder.layer.{i}.…</c>) after
/// its first layers: the output of layer N becomes <c>last_hidden_state</c> and every node and weight only the later
/// layers need is dropped. Fewer layers cost proportionally less per token.
/// </summary>
internal static class EncoderTruncation
{
    /// <summary>The graph of <paramref name="model"/> that stops after <paramref name="layers"/> transformer layers.</summary>
    public static byte[] Truncate(byte[] model, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        // A layer ends with its output LayerNorm; the node that adds its bias (or the fused LayerNormalization) gives
        // the layer's states. Node names differ between exports, weight names do not.
        var last = graph.Node.FirstOrDefault(n => n.Input.Contains(LayerNormBias(layers - 1)))
            ?? throw new ArgumentOutOfRangeException(nameof(layers), layers, "The encoder has fewer layers.");
        if (!graph.Initializer.Any(t => t.Name == LayerNormBias(layers)))
        {
            return model;
        }
        var output = graph.Output.Single(o => o.Name == "last_hidden_state");

        var needed = new HashSet<string>(StringComparer.Ordinal) { last.Output[0] };
        var kept = new List<NodeProto>();
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input);
            }
        }
        kept.Reverse();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        graph.Node.Add(OnnxGraph.Node("Identity", [last.Output[0]], output.Name));
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (!needed.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }
        graph.Output.Clear();
        graph.Output.Add(output);
        graph.ValueInfo.Clear();
        return proto.ToByteArray();
    }

    private static string LayerNormBias(int layer) => $"encoder.layer.{layer}.output.LayerNorm.bias";
}
