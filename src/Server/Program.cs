using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Inburgering.Activities;
using Inburgering.Engine;
using Inburgering.Engine.Hosting;
using Inburgering.Engine.Scheduling;
using Inburgering.Server;
using Inburgering.Server.Api;
using Inburgering.Server.Api.Dossier;
using Inburgering.Server.Api.OpenApi;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Server.Auth;
using Inburgering.Server.Hosting;
using Inburgering.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

StartupChecks.RefuseClearly();
var builder = WebApplication.CreateBuilder(args);
builder.AddInburgeringLogging();
var settings = ServerSettings.From(builder.Configuration);

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
    // Real time: Quartz (clustered on PostgreSQL) fires timers and runs partner calls; the reconciler keeps it in line with the rows.
    var scheduler = new SchedulerSettings();
    builder.Configuration.GetSection("Inburgering:Scheduler").Bind(scheduler);
    builder.Services.AddQuartzScheduling(database, scheduler, o => builder.Configuration.GetSection("Inburgering:Reconciler").Bind(o));
}
builder.Services.AddSingleton<DefinitionsDeployer>();
builder.Services.AddKeten(builder.Configuration, StartupChecks.DefinitionsFolder(settings, builder.Environment.ContentRootPath));
builder.AddPartners(settings.PartnerSimulators);
builder.AddDemoData(settings);
builder.Services.AddSingleton(UserDirectory.From(builder.Configuration));
builder.Services.AddSingleton<Inburgering.Server.Forms.TaskForms>();
builder.Services.AddSingleton<ElementNames>();

builder.Services.AddAuthentication(settings.DevelopmentSignIn ? DevelopmentSignInHandler.SchemeName : NoSignInHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, DevelopmentSignInHandler>(DevelopmentSignInHandler.SchemeName, null)
    .AddScheme<AuthenticationSchemeOptions, NoSignInHandler>(NoSignInHandler.SchemeName, null);
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddProblemDetails();
builder.Services.AddInburgeringOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; // a misspelt field is refused, by name
    o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ApiJson.TenantAsGemeente);
});
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Problems.HandleExceptionAsync, SuppressDiagnosticsCallback = Problems.IsExpected });
app.UseStatusCodePages(async context =>
{
    if (!context.HttpContext.Response.HasStarted && context.HttpContext.Response.ContentLength is null)
    {
        await Problems.WriteStatusAsync(context.HttpContext);
    }
});
app.UseWebApplication();
app.UseAuthentication();
app.UseAuthorization();

app.MapInburgeringOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(Readiness.Tag) });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = Readiness.WriteAsync });
var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapDefinitions();
api.MapInstances();
api.MapTasks();
api.MapMessages();
api.MapOperations();
api.MapActivities();
api.MapExpressionFunctions();
api.MapForms();
api.MapAccount(app, settings.DevelopmentSignIn);
api.MapWerkvoorraad();
api.MapDossiers();
api.MapTrajectStart();
app.MapPartners(settings.PartnerSimulators);
app.MapWebApplication();

StartupChecks.EnsureAddressesFree(app);
await StartupChecks.InitializeDatabaseAsync(app, settings);
await StartupChecks.DeployDefinitionsAsync(app, settings);

Log.Started(app.Logger, settings.Database, settings.SimulationClock, settings.DevelopmentSignIn);
await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
