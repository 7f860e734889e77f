using Microsoft.AspNetCore.Diagnostics;

namespace HybridInference.Control;

/// <summary>
/// A request the framework cannot bind (malformed JSON, a missing required parameter) is answered as a problem
/// saying why, at the status the framework chose (400, 413, 415); other exceptions go on to the default 500.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return ValueTask.FromResult(false);
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = bad,
            ProblemDetails = { Status = bad.StatusCode, Detail = bad.Message },
        });
    }
}
