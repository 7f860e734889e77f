using Google.Protobuf;
using HybridInference.Classifier.Onnx;

namespace HybridInference.Classifier.Tests.Inference;

/// <summary>
/// A tiny graph with a BERT sequence classifier's signature (input_ids, attention_mask, token_type_ids → logits) and a
/// WordPiece vocabulary: logits are the masked sum of per-token rows, so "ignore"/"attack" push towards label 1.
/// </summary>
internal static class TinyBertModel
{
    public static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "ignore", "attack", "##s", "the", "rules"];

    public static (string ModelPath, string VocabPath) Write(string directory)
    {
        var vocabPath = Path.Combine(directory, "vocab.txt");
        File.WriteAllLines(vocabPath, Vocabulary);
        var rows = new float[Vocabulary.Length * 2];
        foreach (var (token, benign, jailbreak) in new[] { ("hello", 1f, 0f), ("world", 1f, 0f), ("ignore", 0f, 3f), ("attack", 0f, 3f), ("rules", 0f, 1f) })
        {
            var id = Array.IndexOf(Vocabulary, token);
            rows[id * 2] = benign;
            rows[id * 2 + 1] = jailbreak;
        }

        var graph = new GraphProto { Name = "tiny_bert" };
        graph.Input.Add(OnnxGraph.Tensor("input_ids", TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Input.Add(OnnxGraph.Tensor("attention_mask", TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Input.Add(OnnxGraph.Tensor("token_type_ids", TensorProto.Types.DataType.Int64, "batch", "sequence"));
        graph.Output.Add(OnnxGraph.Tensor("logits", TensorProto.Types.DataType.Float, "batch", 2));
        graph.Initializer.Add(OnnxGraph.Floats("token_rows", rows, Vocabulary.Length, 2));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_last", [2], 1));
        graph.Initializer.Add(OnnxGraph.Int64s("axis_tokens", [1], 1));
        graph.Initializer.Add(OnnxGraph.Floats("zero", [0f], 1));
        graph.Node.Add(OnnxGraph.Node("Gather", ["token_rows", "input_ids"], "rows"));
        graph.Node.Add(OnnxGraph.Node("Cast", ["attention_mask"], "mask", OnnxGraph.Int("to", (int)TensorProto.Types.DataType.Float)));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", ["mask", "axis_last"], "mask3"));
        graph.Node.Add(OnnxGraph.Node("Mul", ["rows", "mask3"], "masked"));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", ["masked", "axis_tokens"], "summed", OnnxGraph.Int("keepdims", 0)));
        // token_type_ids take part (times zero) so the graph consumes every input a BERT export has.
        graph.Node.Add(OnnxGraph.Node("Cast", ["token_type_ids"], "types", OnnxGraph.Int("to", (int)TensorProto.Types.DataType.Float)));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", ["types", "axis_tokens"], "types_sum", OnnxGraph.Int("keepdims", 1)));
        graph.Node.Add(OnnxGraph.Node("Mul", ["types_sum", "zero"], "types_zero"));
        graph.Node.Add(OnnxGraph.Node("Add", ["summed", "types_zero"], "logits"));

        var modelPath = Path.Combine(directory, "tiny-bert.onnx");
        File.WriteAllBytes(modelPath, OnnxGraph.Model(graph, 17, 8).ToByteArray());
        return (modelPath, vocabPath);
    }
}
