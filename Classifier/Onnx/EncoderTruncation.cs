using Google.Protobuf;

namespace HybridInference.Classifier.Onnx;

/// <summary>
/// Cuts a BERT-family encoder's ONNX graph (as exported by optimum/transformers, nodes named
/// <c>/encoder/layer.{i}/…</c>) after its first layers: the output of layer N becomes <c>last_hidden_state</c> and
/// every node and weight only the later layers need is dropped. Fewer layers cost proportionally less per token.
/// </summary>
internal static class EncoderTruncation
{
    /// <summary>The graph of <paramref name="model"/> that stops after <paramref name="layers"/> transformer layers.</summary>
    public static byte[] Truncate(byte[] model, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var prefix = $"/encoder/layer.{layers - 1}/";
        // A layer ends with its output LayerNorm; the last node of layer N-1 in graph order produces the layer's states.
        var last = graph.Node.LastOrDefault(n => n.Name.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new ArgumentOutOfRangeException(nameof(layers), layers, "The encoder has fewer layers.");
        if (!graph.Node.Any(n => n.Name.StartsWith($"/encoder/layer.{layers}/", StringComparison.Ordinal)))
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
}
