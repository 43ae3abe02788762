using Inburgering.Server.Auth;
using Inburgering.Workflows.Policy;

namespace Inburgering.Server.Api.Werkvoorraad;

/// <summary>Who is signed in (for every page's header), and in development the users one may sign in as.</summary>
public static class AccountEndpoints
{
    public sealed record GemeenteView(string Code, string Naam);

    public sealed record MeView(string User, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<GemeenteView> Gemeenten, bool IsAdministrator);

    public sealed record DevelopmentUserView(string User, string DisplayName, string? Description, IReadOnlyList<string> Roles, IReadOnlyList<GemeenteView> Gemeenten);

    public static void MapAccount(this RouteGroupBuilder api, IEndpointRouteBuilder root, bool developmentSignIn)
    {
        api.MapGet("/me", Me).WithTags("Aanmelding").WithSummary("Wie u bent: gebruikersnaam, naam, rollen en gemeenten.");
        if (developmentSignIn)
        {
            // Outside the authorised group: the sign-in page lists these before anyone is signed in.
            root.MapGet("/api/v1/development/users", DevelopmentUsers).AllowAnonymous().WithTags("Aanmelding")
                .WithSummary("Ontwikkelaanmelding: de demogebruikers om als aan te melden (alleen met Inburgering:DevelopmentSignIn).");
        }
    }

    public static GemeenteView Gemeente(string code, PolicyCatalog? policy) =>
        new(code, policy is not null && policy.TryFor(code, out var beleid) ? beleid.Naam : code);

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<MeView> Me(HttpContext context, UserDirectory directory, IServiceProvider services)
    {
        var policy = services.GetService<PolicyCatalog>();
        var actor = Actors.From(context.User);
        var gemeenten = (actor.Tenants ?? (IEnumerable<string>)[]).Order(StringComparer.Ordinal).Select(c => Gemeente(c, policy)).ToList();
        return TypedResults.Ok(new MeView(actor.Name, directory.DisplayName(actor.Name), actor.Groups.Order(StringComparer.Ordinal).ToList(), gemeenten, actor.IsAdministrator));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<List<DevelopmentUserView>> DevelopmentUsers(UserDirectory directory, IServiceProvider services)
    {
        var policy = services.GetService<PolicyCatalog>();
        return TypedResults.Ok(directory.Users
            .Select(u => new DevelopmentUserView(u.UserName, u.DisplayName, u.Description, u.Roles.ToList(), u.Gemeenten.Select(g => Gemeente(g, policy)).ToList()))
            .ToList());
    }
}
