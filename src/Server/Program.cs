using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Inburgering.Activities;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.InstanceMigration;
using Inburgering.Engine.Scheduling;
using Inburgering.Server;
using Inburgering.Server.Api;
using Inburgering.Server.Api.Beheer;
using Inburgering.Server.Api.Dossier;
using Inburgering.Server.Api.EngineRest;
using Inburgering.Server.Api.Migrations;
using Inburgering.Server.Api.OpenApi;
using Inburgering.Server.Api.Studio;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Server.Auth;
using Inburgering.Server.Hosting;
using Inburgering.Server.Privacy;
using Inburgering.Server.Sandbox;
using Inburgering.Server.Security;
using Inburgering.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

StartupChecks.RefuseClearly();
var builder = WebApplication.CreateBuilder(args);
builder.AddInburgeringLogging();
var settings = ServerSettings.From(builder.Configuration);
ProductionPosture.Enforce(builder, settings);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

if (settings.SimulationClock)
{
    builder.Services.AddSingleton<TimeProvider>(new SimulationClock(TimeProvider.System.GetUtcNow()));
}

var database = new EngineDatabaseOptions
{
    Provider = settings.Database,
    ConnectionString = builder.Configuration.GetConnectionString("Inburgering") ?? "Data Source=data/inburgering.sqlite",
};
builder.Services.AddProcessEngine(database, options =>
{
    // The keten's BPMN reads the instance's gemeente as execution.gemeente.
    options.TenantVariable = "gemeente";
    foreach (var name in Inburgering.Workflows.Beheer.Kwartaalcijfers.TrajectKenmerken)
    {
        options.CountedVariables.Add(name);
    }

    builder.Configuration.GetSection("Inburgering:Engine").Bind(options);
});
if (settings.SimulationClock)
{
    // Virtual time: timers fire when the clock is advanced; the dispatcher runs partner calls that are due now.
    builder.Services.Configure<DispatcherOptions>(builder.Configuration.GetSection("Inburgering:Dispatcher"));
    builder.Services.AddWorkDispatcher();
}
else
{
    // Real time: Quartz (clustered on PostgreSQL) fires timers, Hangfire runs partner calls, each with its own threads; the
    // reconciler keeps both in line with the rows.
    builder.AddWorkScheduling(database);
}
builder.Services.AddSingleton<DefinitionsDeployer>();
builder.Services.AddMigrationBatches();
builder.Services.AddSingleton(settings);
builder.Services.Configure<SandboxOptions>(builder.Configuration.GetSection("Inburgering:Sandbox"));
builder.Services.AddSingleton<SandboxService>();
builder.Services.AddKeten(builder.Configuration, StartupChecks.DefinitionsFolder(settings, builder.Environment.ContentRootPath));
builder.AddPartners(settings.PartnerSimulators);
builder.AddDemoData(settings);
builder.Services.AddSingleton(UserDirectory.From(builder.Configuration));
builder.Services.AddSingleton<Inburgering.Server.Forms.TaskForms>();
builder.Services.AddSingleton<ElementNames>();
builder.Services.AddPrivacy(builder.Configuration);

builder.AddSignIn(settings.DevelopmentSignIn)
    .AddScheme<AuthenticationSchemeOptions, DevelopmentBasicSignInHandler>(DevelopmentBasicSignInHandler.SchemeName, DevelopmentBasicSignInHandler.Configure);
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddProblemDetails();
builder.Services.AddInburgeringOpenApi();
builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<Inburgering.Server.Security.SecuritySchemeTransformer>());
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; // a misspelt field is refused, by name
    o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ApiJson.TenantAsGemeente);
});
builder.Services.AddHealthChecks().AddEngineDatabaseCheck();
builder.Services.AddEngineMetrics();
builder.AddInburgeringTracing();

var app = builder.Build();

app.UseSecurityHeaders(AuthenticationSettings.From(app.Configuration).Authority is { Length: > 0 } authority ? new Uri(authority).GetLeftPart(UriPartial.Authority) : null);

app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Problems.HandleExceptionAsync, SuppressDiagnosticsCallback = Problems.IsExpected });
app.UseStatusCodePages(async context =>
{
    if (!context.HttpContext.Response.HasStarted && context.HttpContext.Response.ContentLength is null)
    {
        await Problems.WriteStatusAsync(context.HttpContext);
    }
});
app.UseRequestLimits();
app.UseWebApplication();
app.UseEngineMetrics();
app.UseSchedulerQueueMetrics();
app.UseAuthentication();
app.UseAuthorization();

app.MapHangfireDashboard(settings.DevelopmentSignIn);
app.MapInburgeringOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(Readiness.Tag) });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = Readiness.WriteAsync });
var signedIn = app.MapGroup("/api/v1").RequireAuthorization();
var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Read);
api.MapDefinitions();
api.MapInstances();
api.MapTasks();
api.MapMessages();
api.MapOperations();
api.MapPartnerCalls();
api.MapActivities();
api.MapExpressionFunctions();
api.MapForms();
signedIn.MapAccount(app, settings.DevelopmentSignIn);
app.MapAuthConfig();
api.MapWerkvoorraad();
api.MapDossiers();
api.MapCasusregisseur();
api.MapHuishouden();
api.MapStudio();
api.MapTrajectStart();
api.MapMigrations();
api.MapSandbox();
app.MapEngineRest(settings.DevelopmentSignIn
    ? [DevelopmentBasicSignInHandler.SchemeName]
    : [NoSignInHandler.SchemeName]);
api.MapBeheer();
api.MapPrivacy();
app.MapPartners(settings.PartnerSimulators);
app.MapWebApplication();

StartupChecks.EnsureAddressesFree(app);
await StartupChecks.InitializeDatabaseAsync(app, settings);
await StartupChecks.DeployDefinitionsAsync(app, settings);
await Casuistiekoverleggen.StartAsync(app, settings);

Log.Started(app.Logger, settings.Database, settings.SimulationClock, settings.DevelopmentSignIn);
await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
