using System.Runtime.InteropServices;
using Google.Protobuf;

namespace HybridInference.Classifier.Onnx;

/// <summary>Small builders for ONNX protobuf messages, so graphs read as a list of nodes.</summary>
internal static class OnnxGraph
{
    /// <summary>A tensor-typed graph input or output; a dimension is a fixed size (int/long) or a symbolic name (string).</summary>
    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"Unsupported dimension {dim}.", nameof(dims)),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>A float initializer, stored as little-endian raw bytes.</summary>
    public static TensorProto Floats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        return tensor;
    }

    public static TensorProto Int64s(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        return tensor;
    }

    public static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Tensor(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    /// <summary>
    /// Appends the classifier head every exported model ends with: an optional ReLU layer on <paramref name="input"/>
    /// ([batch, <paramref name="inputs"/>]), then MatMul/Add to <paramref name="logits"/> and Softmax to
    /// <paramref name="probabilities"/>. Weights are row-major, in ONNX MatMul's layout.
    /// </summary>
    public static void AddHead(GraphProto graph, string input, int inputs, int hidden, float[] hiddenWeights, float[] hiddenBias,
        float[] outputWeights, float[] outputBias, int classes, string logits, string probabilities)
    {
        var top = input;
        if (hidden > 0)
        {
            graph.Initializer.Add(Floats("hidden_weight", hiddenWeights, inputs, hidden));
            graph.Initializer.Add(Floats("hidden_bias", hiddenBias, hidden));
            graph.Node.Add(Node("MatMul", [input, "hidden_weight"], "hidden_mm"));
            graph.Node.Add(Node("Add", ["hidden_mm", "hidden_bias"], "hidden_pre"));
            graph.Node.Add(Node("Relu", ["hidden_pre"], "hidden"));
            top = "hidden";
        }
        graph.Initializer.Add(Floats("output_weight", outputWeights, hidden > 0 ? hidden : inputs, classes));
        graph.Initializer.Add(Floats("output_bias", outputBias, classes));
        graph.Node.Add(Node("MatMul", [top, "output_weight"], "output_mm"));
        graph.Node.Add(Node("Add", ["output_mm", "output_bias"], logits));
        graph.Node.Add(Node("Softmax", [logits], probabilities, Int("axis", -1)));
    }

    public static ModelProto Model(GraphProto graph, long opset, long irVersion, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = "HybridInference.Classifier",
            ProducerVersion = "1",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            }
        }
        return model;
    }
}
