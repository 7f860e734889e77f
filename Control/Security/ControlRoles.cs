namespace HybridInference.Control.Security;

/// <summary>The two kinds of caller and the authorization policies that admit them.</summary>
internal static class ControlRoles
{
    public const string Admin = "admin";
    public const string Internal = "internal";
    public const string AdminPolicy = "control-admin";
    public const string InternalPolicy = "control-internal";
}
