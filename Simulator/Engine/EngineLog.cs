namespace HybridInference.Simulator.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Client left request {Id} after {Tokens} tokens; its slot is free again")]
    public static partial void ClientLeft(ILogger logger, string id, int tokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cutting stream {Id} after {Tokens} tokens (injected fault)")]
    public static partial void StreamCut(ILogger logger, string id, int tokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine serves {Models} with {Slots} slots, {TimeToFirstTokenMs} ms to first token, {TokensPerSecond} tokens/s (0: unlimited), vocabulary of {Words} words")]
    public static partial void Started(ILogger logger, string models, int slots, double timeToFirstTokenMs, double tokensPerSecond, int words);
}
