using Inburgering.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Inburgering.Server.Auth;

/// <summary>
/// A refusal names what was missing: a 403 lists the roles that would have been allowed (problem+json, code
/// <c>auth.role-required</c>); a 401 goes to the sign-in scheme's challenge. Neither throws, so expected refusals never reach
/// the exception handler.
/// </summary>
public sealed class RoleAwareAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var roles = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).Distinct(StringComparer.Ordinal).ToList() ?? [];
            if (roles.Count > 0)
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Geen toegang", ServerErrors.RoleRequired,
                    ErrorTexts.Describe(ServerErrors.RoleRequired, ("roles", string.Join(", ", roles))),
                    new Dictionary<string, object?>(StringComparer.Ordinal) { ["arguments"] = new Dictionary<string, object?> { ["roles"] = roles } });
                return;
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
