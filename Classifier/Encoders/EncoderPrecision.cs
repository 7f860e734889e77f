namespace HybridInference.Classifier.Encoders;

/// <summary>How the encoder's matrix multiplications run.</summary>
internal enum EncoderPrecision
{
    /// <summary>The package's graph as shipped.</summary>
    Fp32,

    /// <summary>The graph rewritten by <see cref="Onnx.EncoderQuantizer"/>: int8 weights, activations quantised at run time.</summary>
    Int8,
}
