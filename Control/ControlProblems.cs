using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Control;

/// <summary>
/// The admin and internal APIs' errors besides field validation (<see cref="FieldErrors"/>): RFC 9457 problem
/// details with the standard title of their status and a detail naming what was asked for, built in one place.
/// </summary>
internal static class ControlProblems
{
    /// <summary>404 for <paramref name="entity"/> <paramref name="id"/>, e.g. <c>customer 'acme' does not exist</c>.</summary>
    public static ProblemHttpResult NotFound(string entity, string id) => NotFound($"{entity} '{id}' does not exist");

    /// <summary>404 with a detail of its own, for what is not looked up by id.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: detail);

    /// <summary>409: the request is valid but the entity's state forbids it.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: detail);
}
