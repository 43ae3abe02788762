using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inburgering.Activities.Duo.Notificaties;
using Inburgering.Engine;
using Inburgering.Engine.Activities;
using Inburgering.Engine.Expressions;
using Inburgering.Engine.Queries;
using Inburgering.Engine.Scheduling;
using Inburgering.Server.Api.Beheer;
using Inburgering.Server.Api.Dossier;
using Inburgering.Server.Api.Migrations;
using Inburgering.Server.Api.Studio;
using Inburgering.Server.Api.Werkvoorraad;
using Inburgering.Server.Auth;
using Inburgering.Server.Forms;
using Inburgering.Server.Sandbox;
using Inburgering.Workflows.Forms;

namespace Inburgering.Server.Api.OpenApi;

/// <summary>
/// The documentation of every operation of the API, in one place: its operationId (stable: clients generate code from it), a
/// description, and the type of its answer where the endpoint returns an <see cref="IResult"/> the document cannot see into.
/// An endpoint added without a line here has no operationId, and <c>OpenApiTests</c> fails naming it.
/// </summary>
public static partial class OperationCatalog
{
    /// <summary>One operation. <paramref name="Response"/> null: the endpoint declares its own (Produces, a typed result).</summary>
    public sealed record Entry(
        string Method,
        string Route,
        string OperationId,
        string Description,
        Type? Response = null,
        int Status = 200,
        string ContentType = "application/json",
        string? Summary = null,
        string? RequestExample = null,
        string? NotFoundCode = null);

    /// <summary>The tags (groups) of the document, in the order a newcomer reads them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Aanmelding", "Wie u bent (rollen, gemeenten) en, in ontwikkeling, de gebruikers om uit te kiezen."),
        ("Taken", "De werkvoorraad: taken zoeken, tellen, in behandeling nemen, overdragen, afronden (met het formulier), terugsturen (vier ogen)."),
        ("Dossier", "Het traject van één inburgeraar: personalia, sleuteldata, schakels, tijdlijn, diagram; en een traject met de hand starten."),
        ("Instanties", "Procesinstanties: starten, lezen, journaal, beëindigen, variabelen zetten."),
        ("Berichten", "Berichten correleren (zoals de notificaties van DUO) met wachtende instanties."),
        ("Definities", "BPMN-definities uitrollen en lezen."),
        ("Incidenten", "Wat vastliep en waarom; opnieuw proberen."),
        ("Klok", "De tijd van de service; de simulatieklok verzetten."),
        ("Activiteiten", "De catalogus van partneraanroepen (camunda:topic) voor procesontwerpers."),
        ("Expressiefuncties", "De functies die expressies in de BPMN kunnen aanroepen."),
        ("Formulieren", "De form-js-formulieren van de taken."),
        ("DUO", "Het koppelvlak waarop DUO notificaties aanbiedt (server-naar-server)."),
        ("Beheer", "Voor de beheerder: achterstanden, kwartaalcijfers en hun export (CSV, XLSX) per gemeente."),
        ("Partneraanroepen", "Partneraanroepen die na een fout wachten op hun volgende poging; nu opnieuw proberen."),
        ("Studio", "Voor procesontwerpers: BPMN controleren zonder uit te rollen, versies met hun lopende instanties, een concept proberen."),
        ("Migratie", "Lopende instanties naar een nieuwe versie van hun definitie brengen: plan, proefmigratie, batch."),
        ("Camunda Modeler", "Het deel van de Camunda 7 REST API waarmee Camunda Modeler uitrolt."),
        ("Privacy", "Voor de beheerder (AVG): wie las de persoonsgegevens van een traject (inzageverzoek), alles over één persoon als JSON, de bewaartermijnen."),
    ];

    private static readonly IReadOnlyList<Entry> Entries =
    [
        // Aanmelding
        new("GET", "/api/v1/auth/config", "getAuthConfig", "Hoe de webtoepassing aanmeldt (zonder aanmelding te lezen): development (ontwikkelaanmelding) of oidc met authority, client en scopes.", typeof(AuthConfigEndpoints.AuthConfig)),
        new("GET", "/api/v1/me", "getMe", "Wie is aangemeld: gebruikersnaam, naam, rollen, gemeenten (code en naam) en of u beheerder bent."),
        new("GET", "/api/v1/development/users", "listDevelopmentUsers", "Alleen met ontwikkelaanmelding (zonder aanmelding te lezen): de gebruikers om als aan te melden."),

        // Taken
        new("GET", "/api/v1/tasks", "listTasks", "De werkvoorraad, per pagina. view=mine|groups|all, due=overdue|this-week (volgens de klok van de service), unassigned=true; sort=due|-due|created|priority. Elke taak draagt display (inburgeraarNaam, persoonReferentie). Volgen er meer, dan geeft het antwoord next: met after=<next> (zonder page) komt de pagina erna, ook als er intussen taken zijn afgerond of bijgekomen.", typeof(PagedList<TaskView>)),
        new("GET", "/api/v1/tasks/counts", "countTasks", "Het aantal open taken per tabblad {mine, groups, all} met dezelfde filters als de lijst.", typeof(TaskCounts)),
        new("GET", "/api/v1/tasks/types", "listTaskTypes", "De soorten open taken (proces, element, naam, aantal), voor het filter taaksoort.", typeof(IReadOnlyList<TaskTypeView>)),
        new("GET", "/api/v1/tasks/{id}", "getTask", "Eén taak.", typeof(TaskView), NotFoundCode: "task.not-found"),
        new("GET", "/api/v1/tasks/{id}/form", "getTaskForm", "De taak met haar form-js-formulier, de gegevens om het mee te vullen, de laatste reden van terugsturen en de geschiedenis van de taak.", typeof(TaskFormView), NotFoundCode: "task.not-found"),
        new("GET", "/api/v1/tasks/{id}/colleagues", "listTaskColleagues", "Collega's van dezelfde gemeente met een rol van de taak, aan wie u haar kunt overdragen.", typeof(IReadOnlyList<WerkvoorraadEndpoints.ColleagueView>), NotFoundCode: "task.not-found"),
        new("POST", "/api/v1/tasks/{id}/claim", "claimTask", "Neemt de taak in behandeling: u wordt assignee. 409 task.claimed-by-other als een ander haar al heeft.", typeof(TaskView), NotFoundCode: "task.not-found"),
        new("POST", "/api/v1/tasks/{id}/unclaim", "unclaimTask", "Geeft de taak terug aan haar groep.", typeof(TaskView), NotFoundCode: "task.not-found"),
        new("POST", "/api/v1/tasks/{id}/complete", "completeTask", "Rondt de taak af met variabelen, eerst gecontroleerd tegen het formulier van de taak (verplichte velden, soorten, opties, grenzen, patronen). Een weigering is 422 form.invalid met errors[{field, label, code, message}]; er wordt dan niets opgeslagen.", typeof(TaskView), NotFoundCode: "task.not-found",
            RequestExample: """{"variables":{"gesprekGepland":true}}"""),
        new("POST", "/api/v1/tasks/{id}/assign", "assignTask", "Draagt de taak over aan een collega van dezelfde gemeente met een rol van de taak (uit Inburgering:Users).", typeof(TaskView), NotFoundCode: "task.not-found",
            RequestExample: """{"assignee":"bram"}"""),
        new("POST", "/api/v1/tasks/{id}/return", "returnTask", "Vier ogen: de tweede persoon stuurt de taak met een reden terug naar de eerste.", typeof(TaskView), NotFoundCode: "task.not-found",
            RequestExample: """{"reason":"De datum van het gesprek ontbreekt."}"""),

        // Dossier
        new("GET", "/api/v1/dossiers/{id}", "getDossier", "Het dossier van het traject waartoe een instantie (van welke schakel ook) hoort: persoon en doelgroep, sleuteldata met uitleg, schakels, open taken, open incidenten (beheerder).", typeof(DossierEndpoints.DossierView), NotFoundCode: "instance.not-found"),
        new("GET", "/api/v1/dossiers/{id}/timeline", "getDossierTimeline", "Het journaal van het hele traject in gewone taal, nieuwste eerst, per pagina.", typeof(PagedList<Timeline.Entry>), NotFoundCode: "instance.not-found"),
        new("GET", "/api/v1/dossiers/{id}/diagram", "getDossierDiagram", "De BPMN van één instantie met haar actieve elementen (en hun namen), de doorlopen elementen, de genomen paden en de aangeroepen schakels.", typeof(DossierEndpoints.DiagramView), NotFoundCode: "instance.not-found"),
        new("POST", "/api/v1/dossiers/{id}/casusregisseur", "handOverCasusregisseur", "Draagt het traject over aan een andere casusregisseur, een consulent van de gemeente (de huidige casusregisseur of een beheerder; zolang er geen is elke consulent). De open taken van de vorige casusregisseur en de niet-toegewezen taken van het traject gaan mee; het journaal legt de overdracht vast. Standaard alleen dit traject; met huishouden: true ook de andere lopende trajecten van het huishouden die u mag overdragen. 403 casusregisseur.forbidden, 422 casusregisseur.not-colleague, 409 casusregisseur.traject-ended.", typeof(CasusregisseurEndpoints.HandoverView), NotFoundCode: "instance.not-found",
            RequestExample: """{"casusregisseur":"carla","huishouden":false}"""),
        new("POST", "/api/v1/dossiers/{id}/huishouden", "linkHuishouden", "Koppelt het traject aan het huishouden (de leefeenheid) van een ander dossier van dezelfde gemeente, voor een gezinsmigrant zonder bijstand (met bijstand komt het huishouden uit de Participatiewet). Heeft het andere dossier nog geen huishouden, dan krijgen beide een nieuw; het journaal van beide trajecten legt het vast. Een traject zonder casusregisseur krijgt die van het huishouden. 404 huishouden.dossier-not-found (ook voor een dossier van een andere gemeente), 422 huishouden.other-gemeente, 422 huishouden.same-traject, 409 huishouden.already-linked, 409 huishouden.traject-ended.", typeof(HuishoudenEndpoints.HuishoudenView), NotFoundCode: "instance.not-found",
            RequestExample: """{"dossier":"0193a1b2-0000-7000-8000-000000000001"}"""),
        new("GET", "/api/v1/trajecten/start-gebeurtenissen", "listStartGebeurtenissen", "De DUO-gebeurtenissen waarmee een traject met de hand kan starten (SS139, SS101, …).", typeof(IReadOnlyList<TrajectStartEndpoints.GebeurtenisView>)),
        new("POST", "/api/v1/trajecten", "startTraject", "Start een traject met de hand, met hetzelfde bericht als de DUO-notificatie. Het BSN wordt één keer getypt en wordt de PersoonReferentie; 409 als er al een traject loopt.", typeof(TrajectStartEndpoints.StartedView), 201,
            RequestExample: """{"bsn":"111222333","naam":"A. Voorbeeld","gemeente":"0632","gebeurtenis":"SS139","toelichting":"Melding per post"}"""),

        // Instanties
        new("POST", "/api/v1/instances", "startInstance", "Start een instantie van de laatste (of een gegeven) versie van een definitie voor een gemeente.", Summary: null,
            RequestExample: """{"definitionKey":"kennismaking","businessKey":"P-0001","gemeente":"0632","variables":{"doelgroep":"asiel"}}"""),
        new("GET", "/api/v1/instances", "listInstances", "Instanties van de gemeenten waarvoor u werkt: filters definitionKey, businessKey, gemeente, status, withIncidents, parentInstanceId; per pagina.", typeof(PagedList<InstanceSummary>)),
        new("GET", "/api/v1/instances/{id}", "getInstance", "Eén instantie: status, activeElements, variables, incidenten.", typeof(InstanceView), NotFoundCode: "instance.not-found"),
        new("GET", "/api/v1/instances/{id}/journal", "getInstanceJournal", "Het journaal van een instantie: elk element in en uit, taak geclaimd en afgerond (en door wie), timer afgegaan, bericht gecorreleerd.", typeof(PagedList<JournalEntryView>), NotFoundCode: "instance.not-found"),
        new("POST", "/api/v1/instances/{id}/cancel", "cancelInstance", "Beëindigt een instantie en de instanties die zij aanriep, met een reden.", typeof(InstanceView), NotFoundCode: "instance.not-found",
            RequestExample: """{"reason":"Dubbel aangemaakt"}"""),
        new("PATCH", "/api/v1/instances/{id}/variables", "setInstanceVariables", "Zet variabelen (beheerder), bijvoorbeeld vóór het opnieuw proberen van een incident.", typeof(InstanceView), NotFoundCode: "instance.not-found",
            RequestExample: """{"adviesLeerroute":"B1"}"""),

        // Berichten
        new("POST", "/api/v1/messages", "correlateMessage", "Levert een bericht af bij de instantie die erop wacht (op naam en correlationKey), of start een instantie met een berichtstart. 200 afgeleverd of gestart; 202 bewaard voor later; een herhaalde messageId wordt herkend en genegeerd.",
            RequestExample: """{"name":"leerbaarheidstoets-uitslag","correlationKey":"P-0001","variables":{"advies":"B1"}}"""),

        // Definities
        new("POST", "/api/v1/definitions", "deployDefinition", "Rolt een BPMN-bestand uit (de XML zelf als body, Content-Type application/xml). 201 met key en versie; 200 als het gelijk is aan de laatste versie; 422 met errors[{elementId, code, message}]."),
        new("GET", "/api/v1/definitions", "listDefinitions", "Uitgerolde definities en hun versies (latestOnly=true: alleen de laatste).", typeof(PagedList<DefinitionView>)),
        new("GET", "/api/v1/definitions/{key}/versions", "listDefinitionVersions", "Alle versies van één definitie.", typeof(PagedList<DefinitionView>), NotFoundCode: "definition.not-found"),
        new("GET", "/api/v1/definitions/{key}/versions/{version}/xml", "getDefinitionXml", "De BPMN-XML van één versie (Camunda Modeler opent haar).", typeof(string), ContentType: "application/xml", NotFoundCode: "definition.not-found"),

        // Incidenten
        new("GET", "/api/v1/incidents", "listIncidents", "Wat vastliep en waarom (een falende expressie, een partneraanroep zonder pogingen meer, een niet opgevangen BPMN-fout); filters gemeente, definitionKey, elementId, activityType, status. Voor een beheerder van de gemeente heeft een incident van een partneraanroep ook exchange: het verzoek (de invoer van de activiteit) en het antwoord van de laatste poging (methode, URL, status, het begin van de body); voor andere rollen is exchange leeg, en de bewaartermijn (AVG) wist het met de rest van de persoonsgegevens.", typeof(PagedList<IncidentView>)),
        new("POST", "/api/v1/incidents/{id}/retry", "retryIncident", "Probeert opnieuw wat het incident stopte (204).", Status: 204, NotFoundCode: "incident.not-found"),
        new("POST", "/api/v1/incidents/retry", "retryIncidents", "Probeert alle open incidenten van een soort opnieuw (de dag dat een partner terug is); minstens één filter.", typeof(BulkRetryResult),
            RequestExample: """{"activityType":"duo.pip-melden"}"""),

        // Klok
        new("GET", "/api/v1/clock", "getClock", "De tijd van de service (UTC) en of de simulatieklok aan staat."),
        new("POST", "/api/v1/clock/advance", "advanceClock", "Alleen met de simulatieklok: verzet de klok met een ISO 8601-duur; elke timer die in die spanne afloopt, gaat af, op volgorde.", typeof(ClockAdvance),
            RequestExample: """{"duration":"P2W"}"""),

        // Catalogi
        new("GET", "/api/v1/activities", "listActivities", "De activiteiten (partneraanroepen) met hun invoer, uitvoer en foutcodes.", typeof(IReadOnlyList<ActivityDescriptor>)),
        new("GET", "/api/v1/activities/element-templates", "listActivityElementTemplates", "De activiteiten als Camunda Modeler element templates (JSON), om in de Modeler te laden.", typeof(JsonArray)),
        new("GET", "/api/v1/activities/{type}", "getActivity", "Eén activiteit uit de catalogus.", typeof(ActivityDescriptor), NotFoundCode: ServerErrors.ActivityNotFound),
        new("GET", "/api/v1/expression-functions", "listExpressionFunctions", "Wat expressies kunnen aanroepen, met (benoemde) invoer en resultaat.", typeof(IReadOnlyList<ExpressionFunctionDescriptor>)),
        new("GET", "/api/v1/expression-functions/{name}", "getExpressionFunction", "Eén expressiefunctie.", typeof(ExpressionFunctionDescriptor), NotFoundCode: ServerErrors.ExpressionFunctionNotFound),
        new("GET", "/api/v1/forms", "listForms", "De formulieren van de taken (per camunda:formKey).", typeof(IReadOnlyList<FormSummary>)),
        new("GET", "/api/v1/forms/{key}", "getForm", "Eén form-js-formulier (JSON).", typeof(JsonObject), NotFoundCode: ServerErrors.FormNotFound),

        // Beheer
        new("GET", "/api/v1/beheer/achterstanden", "getAchterstanden", "Per soort (pip, voortgangsgesprek, termijn, ontzorging, taken) en gemeente: hoeveel te laat en hoeveel binnenkort.", typeof(BeheerEndpoints.AchterstandenView)),
        new("GET", "/api/v1/beheer/achterstanden/{soort}", "listAchterstanden", "De trajecten van één soort achterstand, vroegste eerst; staat=te-laat|alle, gemeente, per pagina.", typeof(BeheerEndpoints.AchterstandenLijst)),
        new("GET", "/api/v1/beheer/cijfers", "getCijfers", "De cijfers van een kwartaal (kwartaal=2026-K3) per gemeente: memo-tabel, schakels, doelgroepen, leerroutes, PIP-norm, verloop.", typeof(Cijfers.CijfersView)),
        new("GET", "/api/v1/beheer/export/cijfers", "exportCijfers", "De cijfers van een kwartaal als XLSX (formaat=xlsx, standaard) of CSV (formaat=csv).", typeof(byte[]), ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        new("GET", "/api/v1/beheer/export/achterstanden", "exportAchterstanden", "Alle achterstanden en wat binnenkort verloopt als XLSX of CSV (formaat=xlsx|csv).", typeof(byte[]), ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),

        // Partneraanroepen
        new("GET", "/api/v1/partner-calls", "listPartnerCalls", "Partneraanroepen die na een fout wachten op hun volgende poging (state=waiting), filters activityType en gemeente, per pagina.", typeof(PagedList<PartnerCallView>)),
        new("POST", "/api/v1/partner-calls/{id}/retry-now", "retryPartnerCallNow", "Probeert één wachtende partneraanroep nu, zonder de wachttijd af te wachten (204).", Status: 204, NotFoundCode: "partner-call.not-found"),
        new("POST", "/api/v1/partner-calls/retry-now", "retryPartnerCallsNow", "Probeert alle wachtende partneraanroepen (van een activiteit en/of gemeente) nu.", typeof(PartnerCallEndpoints.RetryNowResult),
            RequestExample: """{"activityType":"duo.pip-melden","gemeente":"0632"}"""),

        // Studio
        new("POST", "/api/v1/studio/validate", "validateDefinition", "Controleert BPMN-XML (de body, application/xml) zoals uitrollen dat doet, zonder uit te rollen: fouten en waarschuwingen per element.", typeof(StudioEndpoints.ValidationResponse)),
        new("GET", "/api/v1/studio/definitions", "listStudioDefinitions", "Elke definitie met haar versies en hoeveel instanties op elke versie lopen.", typeof(IReadOnlyList<StudioEndpoints.StudioDefinition>)),
        new("GET", "/api/v1/studio/definitions/{key}", "getStudioDefinition", "Eén definitie met haar versies en hoeveel instanties op elke versie lopen.", typeof(StudioEndpoints.StudioDefinition), NotFoundCode: "definition.not-found"),
        new("POST", "/api/v1/studio/sandbox-runs", "startSandboxRun", "Probeert een concept (BPMN-bestanden) in een afgezonderde zandbak met de keten-scenario's; 202 met de proefrun, 422 met errors[{file, elementId, code, message}] als het concept niet uitgerold zou kunnen worden.", typeof(SandboxRunView), 202),
        new("GET", "/api/v1/studio/sandbox-runs/{id}", "getSandboxRun", "Stand en uitkomst van een proefrun per scenario.", typeof(SandboxRunView), NotFoundCode: ServerErrors.SandboxRunNotFound),
        new("GET", "/api/v1/studio/sandbox-runs/scenarios", "listSandboxScenarios", "De keten-scenario's die een proefrun kan draaien.", typeof(IReadOnlyList<string>)),

        // Migratie
        new("POST", "/api/v1/migrations/plans", "generateMigrationPlan", "Een migratieplan van de ene versie naar de andere (gelijke element-ids), met de elementen van beide versies.", typeof(MigrationEndpoints.PlanResponse)),
        new("POST", "/api/v1/migrations/plans/check", "checkMigrationPlan", "Controleert een (bewerkt) plan zonder instanties.", typeof(MigrationEndpoints.PlanResponse)),
        new("POST", "/api/v1/migrations/validate", "validateMigration", "De proefmigratie: per lopende instantie of zij kan verhuizen en wat er met haar taken, timers, berichten en aanroepen gebeurt. Er verandert niets.", typeof(MigrationEndpoints.ValidationResponse)),
        new("POST", "/api/v1/migrations/batches", "startMigrationBatch", "Migreert de gekozen instanties, elk in een eigen transactie; 202 met de batch.", typeof(MigrationEndpoints.BatchResponse), 202),
        new("GET", "/api/v1/migrations/batches", "listMigrationBatches", "De laatste migratiebatches.", typeof(IReadOnlyList<MigrationEndpoints.BatchResponse>)),
        new("GET", "/api/v1/migrations/batches/{id}", "getMigrationBatch", "Stand en rapport van één batch, per instantie.", typeof(MigrationEndpoints.BatchResponse), NotFoundCode: "migration.batch-not-found"),

        // Camunda Modeler
        new("GET", "/engine-rest/version", "engineRestVersion", "De Camunda 7-versie waarmee Camunda Modeler praat.", typeof(JsonObject)),
        new("GET", "/engine-rest/deployment", "engineRestDeployments", "De verbindingscontrole van Camunda Modeler (een lege lijst).", typeof(JsonArray)),
        new("POST", "/engine-rest/deployment/create", "engineRestCreateDeployment", "Uitrollen zoals Camunda Modeler dat doet (multipart/form-data met de .bpmn-bestanden); antwoordt zoals Camunda 7.", typeof(JsonObject)),

        // DUO
        new("POST", "/duo/v1/notificaties", "duoOpvoerenNotificatie", "DUO biedt een notificatie aan (headers bron = DUO's OIN, doel = de OIN van de gemeente, berichtId). 201 verwerkt (ook een herhaald berichtId), 400 ongeldig, 403 onbekende bron of doel, 503 later opnieuw aanbieden.", Status: 201,
            RequestExample: """{"registratieDatumTijd":"2026-03-01T09:00:00+01:00","gebeurtenisId":"SS139","bsn":"111222333"}"""),

        // Privacy (AVG)
        new("GET", "/api/v1/privacy/trajecten/{id}/access-log", "getTrajectAccessLog", "Beheerder: wie de persoonsgegevens van het traject waartoe deze instantie hoort las of exporteerde (instantie, variabelen, journaal, taak, dossier), wanneer en wat; nieuwste eerst, per pagina.", typeof(PagedList<AccessLogEntryView>), NotFoundCode: "instance.not-found"),
        new("POST", "/api/v1/privacy/export", "exportPersonalData", "Beheerder van de gemeente van de persoon: alles wat over één persoon is vastgelegd (per traject elke instantie met variabelen, journaal en taken, en het inzagelog) als JSON. Het BSN staat in de body, nooit in het adres. 404 privacy.person-not-found als er bij uw gemeenten niets over deze persoon is.", typeof(Inburgering.Server.Privacy.PrivacyEndpoints.PersonExport),
            RequestExample: """{"bsn":"111222333"}"""),
        new("GET", "/api/v1/privacy/retention", "getRetention", "Beheerder: de bewaartermijn na het einde van een traject, per gemeente, en welke variabelen persoonsgegevens zijn (die worden daarna gewist).", typeof(Inburgering.Server.Privacy.PrivacyEndpoints.RetentionView)),
    ];

    /// <summary>The type of a request body the endpoint reads itself (the raw body), per operationId.</summary>
    public static readonly IReadOnlyDictionary<string, (Type Type, string ContentType)> RawBodies = new Dictionary<string, (Type, string)>(StringComparer.Ordinal)
    {
        ["deployDefinition"] = (typeof(string), "application/xml"),
        ["validateDefinition"] = (typeof(string), "application/xml"),
        ["duoOpvoerenNotificatie"] = (typeof(DuoNotificatie), "application/json"),
    };

    public static Entry? Find(string method, string route)
    {
        var normalized = Normalize(route);
        return Entries.FirstOrDefault(e => string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase) && Normalize(e.Route) == normalized);
    }

    /// <summary>Route parameters without their constraints ({id:guid} → {id}).</summary>
    private static string Normalize(string route) => Constraint().Replace(route.TrimEnd('/'), "{$1}");

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(:[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Constraint();
}
