using System.Security.Claims;
using Inburgering.Server.Auth;

namespace Inburgering.Server.Tests;

/// <summary>The server, not the engine, knows the roles: it turns a signed-in user into the engine's actor.</summary>
public sealed class ActorsTests
{
    [Theory]
    [InlineData("consulent,begeleider", false)]
    [InlineData("beheerder", true)]
    [InlineData("procesontwerper,beheerder", true)]
    public void From_GemeentenAreTenants_RolesAreGroups_AndTheBeheerderAdministers(string roles, bool administrator)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "anna"), new(Actors.GemeenteClaim, "0632"), new(Actors.GemeenteClaim, "1901") };
        claims.AddRange(roles.Split(',').Select(r => new Claim(ClaimTypes.Role, r)));

        var actor = Actors.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));

        Assert.Equal("anna", actor.Name);
        Assert.Equal(roles.Split(',').Order(), actor.Groups.Order());
        Assert.Equal(["0632", "1901"], actor.Tenants!.Order());
        Assert.Equal(administrator, actor.IsAdministrator);
        Assert.True(actor.MayAccess("0632"));
        Assert.False(actor.MayAccess("0335"));
    }

    [Theory]
    [InlineData("0632", true)]
    [InlineData("632", false)]
    [InlineData("06321", false)]
    [InlineData("Woerden", false)]
    [InlineData(null, false)]
    public void Gemeentecodes_AreFourDigits(string? code, bool valid) => Assert.Equal(valid, Gemeentecodes.IsValid(code));
}
