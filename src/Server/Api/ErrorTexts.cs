using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Inburgering.Engine;

namespace Inburgering.Server.Api;

/// <summary>
/// The Dutch text of every error code: the engine's (<see cref="EngineErrors.All"/>, worded here because the engine speaks
/// neutral English) and the service's own (<see cref="ServerErrors"/>). Templates use the code's argument names in braces;
/// <c>{cause}</c> is the text of the error it follows from. A test requires a text here for every code the engine has.
/// </summary>
public static partial class ErrorTexts
{
    private static readonly FrozenDictionary<string, string> Dutch = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // ---------------------------------------------------------------- the service itself
        [ServerErrors.FieldRequired] = "{field} is verplicht.",
        [ServerErrors.GemeenteRequired] = "gemeente is verplicht: de CBS-gemeentecode (vier cijfers) waar de instantie bij hoort.",
        [ServerErrors.GemeenteInvalid] = "'{gemeente}' is geen CBS-gemeentecode (vier cijfers, bijvoorbeeld 0632 voor Woerden).",
        [ServerErrors.VariablesRequired] = "Geef een JSON-object met de variabelen die u wilt zetten.",
        [ServerErrors.DurationRequired] = "duration is verplicht, bijvoorbeeld \"P3M\" of \"PT10M\".",
        [ServerErrors.TimeToLiveInvalid] = "timeToLive '{value}' is geen ISO 8601-duur in dagen/uren (zoals P7D).",
        [ServerErrors.IncidentStatusInvalid] = "status is open of all.",
        [ServerErrors.PartnerCallStateInvalid] = "state is waiting: de partneraanroepen die na een mislukte poging op hun volgende poging wachten.",
        [ServerErrors.RetryFilterRequired] = "Geef minstens één van activityType, definitionKey, elementId of gemeente, zodat niet per ongeluk alles opnieuw wordt geprobeerd.",
        [ServerErrors.UnsupportedMediaType] = "Stuur de BPMN-XML zelf als body, met Content-Type application/xml.",
        [ServerErrors.DefinitionNotDeployable] = "Het bestand kan niet worden uitgerold: {count} probleem/problemen.",
        [ServerErrors.ActivityNotFound] = "Er is geen activiteit '{type}' in de catalogus.",
        [ServerErrors.FormNotFound] = "Er is geen formulier '{key}'.",
        [ServerErrors.ExpressionFunctionNotFound] = "Er is geen expressiefunctie '{name}'.",
        [ServerErrors.MigrationPlanInvalid] = "Het migratieplan kan niet worden uitgevoerd: {count} probleem/problemen.",
        [ServerErrors.SandboxFileInvalid] = "'{name}' is geen bruikbaar conceptbestand: een .bpmn- of .form-bestand zonder map, niet leeg en kleiner dan 2 MB.",
        [ServerErrors.SandboxDraftInvalid] = "Het concept kan niet worden geprobeerd: {count} probleem/problemen. Los ze eerst op; ze staan bij hun elementen.",
        [ServerErrors.SandboxRunNotFound] = "Er is geen proefrun {id} (een proefrun wordt na een herstart van de service niet bewaard).",
        [ServerErrors.EngineRestNoResources] = "De deployment bevat geen .bpmn-bestand.",
        [ServerErrors.EngineRestNotMultipart] = "Stuur de deployment als multipart/form-data, zoals Camunda Modeler doet.",

        // ---------------------------------------------------------------- instance migration
        ["migration.source-element-unknown"] = "Element '{elementId}' bestaat niet in {key} versie {version}.",
        ["migration.target-element-unknown"] = "Element '{elementId}' bestaat niet in {key} versie {version}.",
        ["migration.source-mapped-twice"] = "Element '{elementId}' staat meer dan eens in het plan.",
        ["migration.elements-incompatible"] = "'{elementId}' ({sourceKind}) kan niet '{targetElementId}' ({targetKind}) worden: {reason}.",
        ["migration.same-version"] = "Bron en doel zijn dezelfde versie ({key} versie {version}).",
        ["migration.element-unmapped"] = "Er wacht een token bij '{elementId}', en het plan zegt niet waar dat in de nieuwe versie heen gaat.",
        ["migration.scope-changed"] = "'{elementId}' zou naar '{targetElementId}' gaan, maar dat ligt niet in '{expectedScope}' waar het omvattende token heen gaat.",
        ["migration.join-flow-missing"] = "Er wacht een token bij samenvoeging '{elementId}' dat via '{flowId}' kwam; die stroom komt in de nieuwe versie niet bij '{targetElementId}' uit.",
        ["migration.timer-invalid"] = "De timer van '{targetElementId}' kan voor deze instantie niet worden berekend: {cause}",
        ["migration.instance-not-on-source"] = "Instantie {instanceId} draait niet op {key} versie {version} maar op versie {actualVersion}.",
        ["migration.instance-ended"] = "Instantie {instanceId} is al beëindigd.",
        ["migration.batch-not-found"] = "Er is geen migratiebatch {batchId}.",
        ["migration.no-instances"] = "Kies minstens één instantie om te migreren.",
        ["migration.too-many-instances"] = "Een batch neemt hoogstens {max} instanties.",
        [ServerErrors.InvalidJson] = "De body is geen geldige JSON (regel {line}, positie {position}).",
        [ServerErrors.JsonValueInvalid] = "{field} heeft een waarde van de verkeerde soort; verwacht is {expected}.",
        [ServerErrors.JsonUnknownField] = "{field} is geen veld van dit verzoek. Velden: {known}.",
        [ServerErrors.ParameterInvalid] = "'{value}' is geen geldige waarde voor {name}; verwacht is {expected}.",
        [ServerErrors.BodyRequired] = "Dit verzoek heeft een JSON-body nodig (Content-Type application/json).",
        [ServerErrors.ContentTypeUnsupported] = "Content-Type {received} wordt hier niet gelezen; stuur de body in het formaat van deze aanroep: JSON met Content-Type application/json, een BPMN-bestand als application/xml.",
        [ServerErrors.BadRequest] = "Het verzoek is ongeldig: {reason}",
        [ServerErrors.InternalError] = "Er ging iets mis in de service; de fout is gelogd.",
        [ServerErrors.RouteNotFound] = "Er is niets op {method} {path}.",
        [ServerErrors.MethodNotAllowed] = "{method} kan niet op {path}.",
        [ServerErrors.HttpStatus] = "HTTP {status} voor {method} {path}.",
        [ServerErrors.NotSignedIn] = "Geef X-User, X-Roles en X-Gemeenten mee (ontwikkelaanmelding).",
        [ServerErrors.SignInInvalid] = "De aanmelding is ongeldig: {reason}",
        [ServerErrors.SignInNotConfigured] = "Er is geen aanmelding geconfigureerd; zet Inburgering:DevelopmentSignIn aan voor ontwikkeling.",
        [ServerErrors.Forbidden] = "Uw rol geeft geen toegang tot deze handeling.",
        [ServerErrors.ParameterValueUnknown] = "{parameter} '{value}' is onbekend; kies uit {allowed}.",
        [ServerErrors.KwartaalInvalid] = "kwartaal '{value}' is geen kwartaal; schrijf het als jaar-K en het nummer, bijvoorbeeld 2026-K3.",
        [ServerErrors.AssigneeMissing] = "Kies de collega aan wie u de taak overdraagt (assignee).",
        [ServerErrors.AssigneeNotColleague] = "{assignee} werkt niet voor deze gemeente of heeft geen rol van deze taak; kies een collega uit de lijst.",
        [ServerErrors.CasusregisseurMissing] = "Kies de consulent die casusregisseur wordt (casusregisseur).",
        [ServerErrors.CasusregisseurNotColleague] = "{casusregisseur} is geen consulent van deze gemeente; kies een consulent uit de lijst.",
        [ServerErrors.CasusregisseurForbidden] = "Alleen de casusregisseur ({casusregisseur}) of een beheerder kan het traject overdragen.",
        [ServerErrors.CasusregisseurTrajectEnded] = "Dit traject is afgelopen; er valt niets meer over te dragen.",
        [ServerErrors.HuishoudenDossierMissing] = "Kies het dossier van het gezinslid (dossier: het id van zijn of haar traject).",
        [ServerErrors.HuishoudenDossierNotFound] = "Het dossier {dossier} bestaat niet in uw gemeente; een huishouden koppelt alleen trajecten van dezelfde gemeente.",
        [ServerErrors.HuishoudenOtherGemeente] = "Het dossier {dossier} hoort bij een andere gemeente; een huishouden koppelt alleen trajecten van dezelfde gemeente.",
        [ServerErrors.HuishoudenSameTraject] = "Dat is dit traject zelf; kies het dossier van een gezinslid.",
        [ServerErrors.HuishoudenTrajectEnded] = "Het traject {dossier} is afgelopen; koppel alleen lopende trajecten aan een huishouden.",
        [ServerErrors.HuishoudenAlGekoppeld] = "Dit traject hoort al bij een ander huishouden ({huishouden}), bijvoorbeeld dat van de bijstand; het koppelen zou twee leefeenheden mengen.",
        [ServerErrors.ReturnReasonMissing] = "Geef de reden waarom u de taak terugstuurt.",
        [ServerErrors.TaskFormMissing] = "Het formulier '{key}' van deze taak bestaat niet; neem contact op met de procesontwerper.",
        [ServerErrors.FormInvalid] = "{count} veld(en) zijn niet in orde: {messages}",
        [ServerErrors.WebNotBuilt] = "De webtoepassing is niet gebouwd: bouw src/Server (dat bouwt src/Web mee) of draai `npm ci && npm run build` in src/Web.",
        [ServerErrors.TrajectInvalid] = "De melding is niet in orde: {messages}",
        [ServerErrors.TrajectAlreadyRunning] = "Voor deze persoon loopt in deze gemeente al een traject.",
        [ServerErrors.NulCharacter] = "Het verzoek bevat een NUL-teken (in de {where}); dat is nergens toegestaan.",
        [ServerErrors.CharsetUnsupported] = "Tekenset '{charset}' wordt niet ondersteund; stuur UTF-8.",
        [ServerErrors.BodyTooLarge] = "Het verzoek is te groot; de grens is {max} bytes.",
        [ServerErrors.TimeToLiveTooLong] = "timeToLive '{value}' is langer dan {max}, de langste tijd dat een bericht bewaard blijft.",
        [ServerErrors.RoleRequired] = "Hiervoor heeft u een van deze rollen nodig: {roles}.",
        [ServerErrors.BearerRequired] = "Meld u aan: stuur een toegangstoken van de identity provider (Authorization: Bearer …).",
        [ServerErrors.DuoNotAuthenticated] = "Dit eindpunt is alleen voor DUO: {reason}",
        [ServerErrors.TrajectNotStarted] = "De melding is vastgelegd maar startte geen traject; er wacht al een traject op deze persoon.",
        [ServerErrors.PrivacyBsnRequired] = "Geef het BSN van de persoon in de body (veld bsn); een BSN hoort nooit in een adres (URL).",
        [ServerErrors.PrivacyBsnInvalid] = "Dit is geen geldig BSN: negen cijfers die de elfproef doorstaan.",
        [ServerErrors.PrivacyPersonNotFound] = "Over deze persoon is niets vastgelegd bij de gemeenten waarvoor u werkt.",

        // ---------------------------------------------------------------- tenants (gemeenten)
        ["tenant.invalid"] = "'{tenantId}' is geen geldige gemeente (hoogstens {maxLength} tekens, zonder komma's of spaties).",
        ["tenant.forbidden"] = "U werkt niet voor gemeente {tenantId}.",
        ["tenant.required"] = "Bericht '{name}' start een proces; geef aan voor welke gemeente (veld gemeente).",

        // ---------------------------------------------------------------- definitions, instances, tasks
        ["definition.not-found"] = "Er is geen definitie met sleutel '{key}'.",
        ["definition.version-not-found"] = "Definitie '{key}' heeft geen versie {version}.",
        ["definition.no-none-start"] = "Proces '{key}' start alleen door een bericht of timer, niet via deze aanroep.",
        ["instance.not-found"] = "Deze instantie bestaat niet.",
        ["instance.ended"] = "Deze instantie is al beëindigd.",
        ["instance.is-called"] = "Dit is een aangeroepen instantie; annuleer de instantie die haar aanriep.",
        ["instance.concurrency-conflict"] = "Te veel gelijktijdige wijzigingen op deze instantie; probeer het opnieuw.",
        ["instance.business-key-too-long"] = "De businessKey is langer dan {maxLength} tekens.",
        ["instance.variables-too-large"] = "De variabelen van deze instantie zouden {length} tekens beslaan; een instantie bewaart er hoogstens {max}.",
        ["task.not-found"] = "Deze taak bestaat niet.",
        ["task.completed"] = "Deze taak is al afgerond.",
        ["task.cancelled"] = "Deze taak is vervallen.",
        ["task.not-open"] = "Deze taak is niet meer open.",
        ["task.claimed-by-other"] = "Deze taak is geclaimd door {assignee}.",
        ["task.unclaim-forbidden"] = "Alleen {assignee} of een beheerder kan deze taak teruggeven.",
        ["task.for-groups"] = "Deze taak is voor de groep(en) {groups}.",
        ["task.for-others"] = "Deze taak is voor andere medewerkers.",
        ["task.concurrency-conflict"] = "De taak is tegelijk door iemand anders gewijzigd; probeer het opnieuw.",
        ["task.four-eyes.already-approved"] = "Vier ogen: u heeft deze taak al afgerond; nu moet een tweede persoon ({missing}) dat doen.",
        ["task.assignee-invalid"] = "Geef aan wie de taak krijgt (hoogstens {maxLength} tekens).",
        ["task.assign-forbidden"] = "Deze taak is geclaimd door {assignee}; alleen die persoon of een beheerder kan haar overdragen.",
        ["task.four-eyes.assignee-already-approved"] = "Vier ogen: {assignee} heeft deze taak al afgerond; een tweede persoon moet haar doen.",
        ["task.return-reason-invalid"] = "Geef een reden (hoogstens {maxLength} tekens) waarom u de taak terugstuurt.",
        ["task.return-nothing-done"] = "Er is nog niets afgerond om terug te sturen: alleen een vier-ogentaak die de eerste persoon al heeft afgerond kan terug.",
        ["task.return-own"] = "Vier ogen: u heeft deze taak zelf afgerond; de tweede persoon beoordeelt haar.",
        ["task.four-eyes.not-in-group"] = "Vier ogen: deze taak wacht nog op {missing}; u heeft die rol niet.",
        ["message.name-invalid"] = "Een bericht heeft een naam nodig (hoogstens {maxLength} tekens).",
        ["message.correlation-key-too-long"] = "De correlationKey is langer dan {maxLength} tekens.",
        ["message.not-correlated"] = "Niets wacht op bericht '{name}', en zonder correlationKey kan het niet worden bewaard.",
        ["incident.not-found"] = "Dit incident bestaat niet.",
        ["incident.resolved"] = "Dit incident is al opgelost.",
        ["partner-call.not-found"] = "Deze partneraanroep bestaat niet.",
        ["partner-call.not-waiting"] = "Deze partneraanroep wacht niet op een nieuwe poging (status: {status}); alleen een mislukte aanroep die op zijn volgende poging wacht, kan nu worden geprobeerd.",
        ["paging.page-invalid"] = "page begint bij 1.",
        ["paging.page-too-far"] = "page {page} ligt voorbij de laatste pagina die u kunt opvragen ({max}); verfijn het filter.",
        ["paging.page-size-invalid"] = "pageSize ligt tussen 1 en {max}.",
        ["paging.after-invalid"] = "after is geen plek waar deze lijst verdergaat; geef de next van de vorige pagina mee, met dezelfde sortering.",
        ["paging.after-with-page"] = "after zet een lijst voort vanaf een plek; laat page weg.",
        ["paging.after-unsupported"] = "Deze lijst wordt per pagina gelezen; after kan hier niet.",
        ["filter.value-unknown"] = "{name} '{value}' is onbekend; kies uit {allowed}.",
        ["clock.not-simulated"] = "De simulatieklok staat uit (Inburgering:SimulationClock).",
        ["clock.database-not-empty"] = "De klok kan alleen terug op een database zonder instanties.",
        ["clock.duration-invalid"] = "'{duration}' is geen ISO 8601-duur (zoals P3M of PT10M): {cause}",
        ["clock.backwards"] = "De klok kan niet terug.",
        ["clock.advance-too-far"] = "'{duration}' is verder dan één stap van de klok mag gaan ({max}); zet de klok in stappen vooruit.",

        // ---------------------------------------------------------------- run time: incidents
        ["model.step-limit"] = "Meer dan {limit} stappen zonder wachtpunt: staat er een oneindige lus in het model?",
        ["model.element-not-executable"] = "Element '{elementId}' van soort {kind} kan hier niet worden uitgevoerd.",
        ["model.sub-process-without-start"] = "Subproces '{elementId}' heeft geen startgebeurtenis.",
        ["model.no-flow-applies"] = "Geen uitgaande stroom van '{elementId}' is van toepassing en er is geen standaardstroom.",
        ["model.gateway-no-condition-true"] = "Geen voorwaarde van gateway '{elementId}' is waar en er is geen standaardstroom.",
        ["model.timer-invalid"] = "Timer '{spec}': {cause}",
        ["model.date-invalid"] = "{attribute} '{value}' is geen datum (ISO 8601) en geen duur.",
        ["model.priority-invalid"] = "camunda:priority '{value}' is geen geheel getal.",
        ["model.four-eyes-one-group"] = "fourEyes op '{elementId}' noemt één rol; noem twee rollen (bijvoorbeeld \"consulent,begeleider\", of \"consulent,consulent\" voor twee consulenten).",
        ["model.called-process-not-deployed"] = "Het aangeroepen proces '{key}' is niet uitgerold.",
        ["model.called-version-not-deployed"] = "Het aangeroepen proces '{key}' versie {version} is niet uitgerold.",
        ["model.called-process-without-start"] = "Het aangeroepen proces '{key}' heeft geen startgebeurtenis zonder trigger.",
        ["model.called-instance-not-found"] = "Het aangeroepen proces van deze activiteit is niet gevonden.",
        ["model.path-gone"] = "Het pad dat hier wachtte bestaat niet meer.",
        ["model.unhandled-bpmn-error"] = "Fout '{errorCode}' wordt door geen foutgrensgebeurtenis opgevangen ({message}).",
        ["model.error-end-event"] = "Fouteindgebeurtenis '{elementId}'",
        ["expression.failed"] = "{reason}",
        ["expression.invalid"] = "{reason}",
        ["activity.failed"] = "{reason}",
        ["activity.attempts-exhausted"] = "{cause} (na {attempts} pogingen)",
        ["activity.unknown"] = "Er is geen activiteit '{activityType}' (meer) in de catalogus.",
        ["activity.timeout"] = "Time-out: de activiteit duurde langer dan {seconds} s.",
        ["activity.threw"] = "{exception}: {message}",
        ["activity.input-invalid"] = "Invoer voor {activityType} is ongeldig: {reason}",
        ["activity.input-missing"] = "Invoer voor {activityType} ontbreekt.",
        ["activity.input-required-missing"] = "Invoer voor {activityType} mist verplichte velden: {fields}.",

        // ---------------------------------------------------------------- timers and durations
        ["timer.date-empty"] = "De timerdatum is leeg.",
        ["timer.duration-empty"] = "De timerduur is leeg.",
        ["timer.cycle-empty"] = "De timercyclus is leeg.",
        ["timer.date-invalid"] = "'{text}' is geen geldige ISO 8601-datum of -tijd (bijvoorbeeld 2026-12-01T09:00:00Z, 2026-12-01T09:00:00+01:00, 2026-12-01T09:00 of 2026-12-01).",
        ["timer.duration-negative"] = "De timerduur '{text}' is negatief; een timer kan niet in het verleden aflopen.",
        ["timer.cycle-invalid"] = "'{text}' is geen geldige timercyclus (bijvoorbeeld R/P3M, R5/PT10M, R3/2026-01-01T09:00:00Z/P1D of een cron-expressie als 0 0 9 ? * MON).",
        ["timer.cycle-repetitions-invalid"] = "In de timercyclus '{text}' is '{part}' geen geldig aantal herhalingen (R, of R gevolgd door een getal van minstens 1).",
        ["timer.cycle-end-form"] = "De timercyclus '{text}' heeft de vorm herhaling/duur/einde; die wordt niet ondersteund, gebruik herhaling/start/duur (bijvoorbeeld R3/2026-01-01T09:00:00Z/P1D).",
        ["timer.cycle-start-invalid"] = "In de timercyclus '{text}' is '{part}' geen geldige ISO 8601-datum of -tijd.",
        ["timer.cycle-duration-invalid"] = "In de timercyclus '{text}': {cause}",
        ["timer.cycle-duration-not-positive"] = "In de timercyclus '{text}' moet de duur '{duration}' groter dan nul zijn.",
        ["timer.cycle-too-frequent"] = "De timercyclus '{text}' herhaalt vaker dan eens per {min}; in echte tijd zou die zonder einde afgaan.",
        ["timer.cron-invalid"] = "'{text}' is geen geldige cron-expressie: {reason}",
        ["timer.cron-five-fields"] = "'{text}' is geen geldige cron-expressie: {reason} Een Quartz-cron heeft 6 of 7 velden en begint met de seconden (bijvoorbeeld 0 0 9 ? * MON).",
        ["duration.invalid"] = "'{text}' is geen geldige ISO 8601-duur: {cause}.",
        ["duration.empty"] = "de tekst is leeg",
        ["duration.missing-p"] = "een duur begint met 'P' (bijvoorbeeld P3M, PT10M of -P1D)",
        ["duration.no-components"] = "na 'P' volgt geen enkel onderdeel (bijvoorbeeld P1D)",
        ["duration.double-t"] = "de 'T' staat er twee keer in",
        ["duration.no-time-components"] = "na 'T' volgen geen uren, minuten of seconden (bijvoorbeeld PT10M)",
        ["duration.fraction-not-last"] = "alleen het laatste onderdeel mag een breuk hebben",
        ["duration.number-missing"] = "vóór '{unit}' staat geen getal",
        ["duration.unexpected-character"] = "onverwacht teken '{character}'",
        ["duration.fraction-digits-missing"] = "na '{number}' ontbreken de cijfers van de breuk",
        ["duration.unit-missing"] = "na '{number}' ontbreekt de eenheid (Y, M, W of D, of na de T: H, M of S)",
        ["duration.hours-before-t"] = "uren ('H') horen na de 'T' (bijvoorbeeld PT1H)",
        ["duration.seconds-before-t"] = "seconden ('S') horen na de 'T' (bijvoorbeeld PT30S)",
        ["duration.date-unit-after-t"] = "'{unit}' hoort vóór de 'T' (bijvoorbeeld P1{unit}T2H)",
        ["duration.unit-unknown"] = "onbekende eenheid '{unit}'",
        ["duration.unit-order"] = "'{unit}' staat dubbel of op de verkeerde plaats; de volgorde is PnYnMnWnDTnHnMnS",
        ["duration.number-too-large"] = "het getal {number} is te groot",
        ["duration.fraction-not-allowed"] = "een breuk is alleen toegestaan bij uren, minuten of seconden (bijvoorbeeld PT1.5H)",
        ["duration.fraction-too-long"] = "de breuk heeft te veel cijfers",
        ["duration.too-large"] = "de duur is te groot",

        // ---------------------------------------------------------------- BPMN files
        ["bpmn.file.empty"] = "Het bestand is leeg.",
        ["bpmn.file.too-large"] = "Het bestand is te groot ({length} tekens; de grens is {max}).",
        ["bpmn.file.too-deep"] = "Het bestand nest elementen te diep (regel {line}); de grens is {max} niveaus.",
        ["bpmn.file.dtd"] = "Het bestand bevat een DTD (<!DOCTYPE …>); dat is om veiligheidsredenen niet toegestaan (er worden geen externe entiteiten of bestanden gelezen).",
        ["bpmn.file.xml-invalid"] = "Geen geldige XML (regel {line}, positie {position}): {reason}",
        ["bpmn.file.wrong-root"] = "Het hoofdelement is '{element}' in namespace '{namespace}'; verwacht wordt 'definitions' in {expected}.",
        ["bpmn.file.no-process"] = "Het bestand bevat geen proces.",
        ["bpmn.id.duplicate"] = "Dit id komt meer dan eens voor in het bestand; elk element heeft een eigen id nodig.",
        ["bpmn.element.id-missing"] = "Een '{element}' zonder id kan niet worden uitgevoerd.",
        ["bpmn.process.id-missing"] = "Een proces zonder id kan niet worden uitgerold.",
        ["bpmn.process.id-invalid"] = "Het proces-id moet beginnen met een letter of '_' en mag alleen letters, cijfers, '_', '-' en '.' bevatten (het wordt de sleutel van de definitie).",
        ["bpmn.process.not-executable"] = "Het proces staat op isExecutable=\"false\"; zet het op \"true\" om het uit te voeren.",
        ["bpmn.process.no-start-event"] = "Het proces heeft geen startgebeurtenis.",
        ["bpmn.sub-process.empty"] = "Het subproces is leeg; een ingebed subproces heeft een startgebeurtenis en een pad naar een eindgebeurtenis nodig.",
        ["bpmn.sub-process.no-start-event"] = "Het subproces heeft geen startgebeurtenis.",
        ["bpmn.sub-process.start-with-trigger"] = "Een ingebed subproces start alleen met een startgebeurtenis zonder trigger.",
        ["bpmn.start.multiple-none"] = "Er is meer dan één startgebeurtenis zonder trigger; de engine weet dan niet waar te beginnen.",
        ["bpmn.start.duplicate-message"] = "Meer dan één startgebeurtenis wacht op bericht '{name}'.",
        ["bpmn.start.has-incoming"] = "Een startgebeurtenis kan geen inkomende stroom hebben.",
        ["bpmn.end.has-outgoing"] = "Een eindgebeurtenis kan geen uitgaande stroom hebben.",
        ["bpmn.boundary.has-incoming"] = "Een grensgebeurtenis kan geen inkomende stroom hebben.",
        ["bpmn.element.unreachable-no-incoming"] = "Dit element is onbereikbaar: het heeft geen inkomende stroom.",
        ["bpmn.element.unreachable"] = "Dit element is onbereikbaar: geen pad vanaf een startgebeurtenis komt hier uit.",
        ["bpmn.gateway.no-outgoing"] = "Een gateway heeft minstens één uitgaande stroom nodig.",
        ["bpmn.flow.id-missing"] = "Een reeksstroom (sequenceFlow) heeft geen id.",
        ["bpmn.flow.reference-missing"] = "De reeksstroom heeft geen {attribute}.",
        ["bpmn.flow.reference-not-found"] = "De reeksstroom verwijst met {attribute} naar '{reference}', dat niet bestaat.",
        ["bpmn.flow.reference-not-a-node"] = "De reeksstroom verwijst met {attribute} naar '{reference}', maar dat is geen gebeurtenis, activiteit of gateway.",
        ["bpmn.flow.crosses-sub-process"] = "De reeksstroom gaat over de grens van een subproces ({attribute} '{reference}' ligt in een ander bereik); verbind alleen elementen binnen hetzelfde (sub)proces.",
        ["bpmn.flow.crosses-process"] = "De reeksstroom verwijst met {attribute} naar '{reference}' in een ander proces; tussen processen lopen geen reeksstromen.",
        ["bpmn.condition.language"] = "Voorwaarden in de taal '{language}' worden niet ondersteund; schrijf JavaScript (kaal of als ${…}).",
        ["bpmn.condition.invalid"] = "De voorwaarde: {cause}",
        ["bpmn.condition.on-parallel-gateway"] = "Voorwaarden op uitgaande stromen van een parallelle gateway hebben geen effect; haal ze weg of gebruik een inclusieve gateway.",
        ["bpmn.condition.not-allowed"] = "Alleen stromen uit een exclusieve of inclusieve gateway of een activiteit kunnen een voorwaarde hebben.",
        ["bpmn.default-flow.not-outgoing"] = "De standaardstroom '{flowId}' is geen uitgaande stroom van dit element.",
        ["bpmn.default-flow.has-condition"] = "Een standaardstroom mag geen voorwaarde hebben.",
        ["bpmn.default-flow.not-allowed"] = "Alleen exclusieve en inclusieve gateways en activiteiten hebben een standaardstroom.",
        ["bpmn.event.catch-needs-definition"] = "Een tussentijdse vanggebeurtenis heeft een timer- of berichtdefinitie nodig.",
        ["bpmn.event.boundary-needs-definition"] = "Een grensgebeurtenis heeft een timer-, bericht- of foutdefinitie nodig.",
        ["bpmn.boundary.attached-to-missing"] = "De grensgebeurtenis hangt aan geen activiteit (attachedToRef ontbreekt).",
        ["bpmn.boundary.attached-to-not-found"] = "De grensgebeurtenis hangt aan '{reference}', dat niet in hetzelfde bereik ligt of niet bestaat.",
        ["bpmn.boundary.attached-to-not-activity"] = "Een grensgebeurtenis kan alleen aan een activiteit hangen, niet aan '{reference}'.",
        ["bpmn.error.end-needs-error-ref"] = "Een fouteindgebeurtenis moet naar een fout (bpmn:error met errorCode) verwijzen.",
        ["bpmn.error.not-found"] = "De fout '{errorRef}' bestaat niet in dit bestand.",
        ["bpmn.error.code-missing"] = "De fout '{errorRef}' heeft geen errorCode.",
        ["bpmn.error.boundary-non-interrupting"] = "Een foutgrensgebeurtenis onderbreekt altijd (cancelActivity kan niet \"false\" zijn).",
        ["bpmn.message.ref-missing"] = "Er is geen bericht gekozen (messageRef ontbreekt).",
        ["bpmn.message.not-found"] = "Het bericht '{messageRef}' bestaat niet in dit bestand.",
        ["bpmn.message.name-missing"] = "Het bericht '{messageRef}' heeft geen naam; berichten worden op naam gecorreleerd.",
        ["bpmn.message.name-expression"] = "Berichtnamen met een expressie ('{name}') worden niet ondersteund.",
        ["bpmn.timer.definition-missing"] = "De timer heeft geen timeDate, timeDuration of timeCycle.",
        ["bpmn.timer.definition-multiple"] = "De timer heeft meer dan één van timeDate, timeDuration en timeCycle.",
        ["bpmn.timer.empty"] = "De timer is leeg.",
        ["bpmn.timer.expression-invalid"] = "De timer: {cause}",
        ["bpmn.timer.invalid"] = "{cause}",
        ["bpmn.attribute.invalid"] = "{attribute}: {cause}",
        ["bpmn.user-task.date-invalid"] = "{attribute} '{value}' is geen datum (ISO 8601) en geen duur (zoals P2W).",
        ["bpmn.service-task.camunda8"] = "Deze taak is voor Camunda 8 (zeebe:taskDefinition type=\"{type}\"); deze engine voert alleen camunda:type=\"external\" met een camunda:topic (de activiteit uit de catalogus) uit.",
        ["bpmn.service-task.topic-missing"] = "Een service- of verzendtaak heeft camunda:type=\"external\" en een camunda:topic (de activiteit uit de catalogus) nodig.",
        ["bpmn.service-task.activity-unknown"] = "Er is geen activiteit '{topic}' in de catalogus (GET /api/v1/activities).",
        ["bpmn.call-activity.called-element-missing"] = "Een aanroepactiviteit heeft een calledElement (de sleutel van het aangeroepen proces) nodig.",
        ["bpmn.call-activity.binding-unsupported"] = "camunda:calledElementBinding=\"{binding}\" wordt niet ondersteund (wel: latest, deployment, version).",
        ["bpmn.call-activity.version-invalid"] = "Met camunda:calledElementBinding=\"version\" is camunda:calledElementVersion een positief geheel getal.",
        ["bpmn.call-activity.mapping-invalid"] = "{element} heeft variables=\"all\" nodig, of precies één van source/sourceExpression met een target.",
        ["bpmn.call-activity.mapping-misplaced"] = "{element} hoort alleen bij een aanroepactiviteit.",
        ["bpmn.io-parameter.name-missing"] = "Een {element} zonder naam.",
        ["bpmn.io-parameter.invalid"] = "parameter '{name}': {cause}",
        ["bpmn.io-parameter.script-language"] = "parameter '{name}': scripts in '{language}' worden niet ondersteund; alleen JavaScript.",
        ["bpmn.io-parameter.script-resource"] = "parameter '{name}': externe scriptbestanden (resource) worden niet ondersteund.",
        ["bpmn.io-parameter.unsupported"] = "parameter '{name}': '{element}' wordt niet ondersteund.",
        ["bpmn.unsupported-element"] = "Element '{element}' wordt niet ondersteund.",
        ["bpmn.unsupported.script-task"] = "Scripttaken worden niet ondersteund; gebruik een servicetaak met camunda:type=\"external\" en een activiteit uit de catalogus.",
        ["bpmn.unsupported.business-rule-task"] = "Bedrijfsregeltaken (DMN) worden niet ondersteund; gebruik een servicetaak met een activiteit of een gateway met voorwaarden.",
        ["bpmn.unsupported.ad-hoc-sub-process"] = "Ad-hoc-subprocessen worden niet ondersteund.",
        ["bpmn.unsupported.transaction"] = "Transacties (met compensatie) worden niet ondersteund.",
        ["bpmn.unsupported.complex-gateway"] = "Complexe gateways worden niet ondersteund; gebruik een exclusieve, parallelle of inclusieve gateway.",
        ["bpmn.unsupported.event-based-gateway"] = "Gebeurtenisgebaseerde gateways worden niet ondersteund; gebruik een grensgebeurtenis (timer of bericht) op een ontvangsttaak.",
        ["bpmn.unsupported.choreography"] = "Choreografieën zijn niet uitvoerbaar.",
        ["bpmn.unsupported.implicit-throw-event"] = "Dit gebeurtenistype wordt niet ondersteund.",
        ["bpmn.unsupported.event-sub-process"] = "Gebeurtenis-subprocessen worden niet ondersteund; gebruik een grensgebeurtenis op een subproces.",
        ["bpmn.unsupported.multi-instance"] = "Meervoudige instanties (multi-instance) worden nog niet ondersteund.",
        ["bpmn.unsupported.standard-loop"] = "Lussen (standardLoopCharacteristics) worden niet ondersteund; modelleer de herhaling met een gateway.",
        ["bpmn.unsupported.compensation"] = "Compensatie wordt niet ondersteund.",
        ["bpmn.unsupported.instantiating-receive-task"] = "Een ontvangsttaak die een proces start (instantiate=\"true\") wordt niet ondersteund; gebruik een startgebeurtenis met bericht.",
        ["bpmn.unsupported.event-definition-ref"] = "Verwijzingen naar globale gebeurtenisdefinities (eventDefinitionRef) worden niet ondersteund.",
        ["bpmn.unsupported.multiple-event"] = "Een gebeurtenis met meer dan één definitie (meervoudige gebeurtenis) wordt niet ondersteund.",
        ["bpmn.unsupported.event-type"] = "Gebeurtenissen met een {definition} worden niet ondersteund.",
        ["bpmn.unsupported.message-throw-event"] = "Berichten versturen vanuit een gebeurtenis wordt niet ondersteund; gebruik een verzendtaak met camunda:type=\"external\".",
        ["bpmn.unsupported.event-combination"] = "Een {element} met {definition} wordt niet ondersteund.",
        ["bpmn.unsupported.listener"] = "Listeners worden niet ondersteund: ze voeren code uit buiten het model om.",
        ["bpmn.unsupported.form-ref"] = "camunda:formRef wordt niet ondersteund; gebruik camunda:formKey met de naam van een form-js-formulier.",
        ["bpmn.unsupported.form-data"] = "camunda:formData (gegenereerde formulieren) wordt niet ondersteund; gebruik camunda:formKey met een form-js-formulier.",
        ["bpmn.unsupported.connector"] = "Connectors worden niet ondersteund; gebruik een activiteit uit de catalogus (camunda:type=\"external\").",
        ["bpmn.unsupported.field-injection"] = "Veldinjectie (camunda:field) wordt niet ondersteund; geef invoer mee met camunda:inputOutput.",
        ["bpmn.unsupported.java-delegate"] = "{attribute} wordt niet ondersteund: servicetaken draaien als activiteit met camunda:type=\"external\" en camunda:topic.",
        ["bpmn.unsupported.call-activity-mapping-code"] = "CMMN-aanroepen en variabele-mapping via code worden niet ondersteund; gebruik camunda:in en camunda:out.",
        ["bpmn.ignored.global-task"] = "Globale taak '{element}' wordt genegeerd: alleen aanroepen van processen (callActivity met calledElement) worden uitgevoerd.",
        ["bpmn.camunda.unknown-attribute"] = "camunda:{attribute} hoort niet bij de Camunda 7-woordenschat (het dichtstbijzijnde is camunda:{nearest}); een verschreven extensie zou stilzwijgend veranderen wat het element doet.",
        ["bpmn.camunda.unknown-element"] = "camunda:{element} hoort niet bij de Camunda 7-woordenschat (het dichtstbijzijnde is camunda:{nearest}); een verschreven extensie zou stilzwijgend veranderen wat het element doet.",
        ["bpmn.camunda.unknown-namespace"] = "{name} staat in namespace '{namespace}', en dat is niet die van Camunda 7; de engine leest de Camunda-extensies alleen in {expected} (zoals Camunda Modeler die schrijft), dus deze zou genegeerd worden.",
        ["bpmn.ignored.camunda8-extensions"] = "Camunda 8-extensies ({extensions}) worden genegeerd; de engine leest de Camunda 7-extensies (camunda:…).",
        ["bpmn.ignored.message-flow"] = "Berichtstromen tussen pools zijn documentatie; de engine ontvangt berichten via berichtgebeurtenissen en de berichten-API.",
        ["bpmn.ignored.foreign-element"] = "Onbekend element '{element}' ({namespace}) buiten extensionElements wordt genegeerd.",
        ["bpmn.ignored.data-element"] = "Data-element '{element}' heeft geen uitvoeringsbetekenis en wordt genegeerd; gegevens staan in procesvariabelen.",
        ["bpmn.ignored.failed-job-retry-time-cycle"] = "camunda:failedJobRetryTimeCycle wordt genegeerd; het herhaalbeleid hoort bij de activiteit in de catalogus.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code with a Dutch text.</summary>
    public static IReadOnlyCollection<string> Codes => Dutch.Keys;

    /// <summary>The Dutch template of a code, or null.</summary>
    public static string? Template(string code) => Dutch.GetValueOrDefault(code);

    /// <summary>The Dutch text of an engine error (the engine's English text for a code without one).</summary>
    public static string Describe(EngineError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Render(Template);
    }

    /// <summary>The Dutch text of one of the service's own codes, filled with its arguments.</summary>
    public static string Describe(string code, params (string Name, object? Value)[] arguments)
    {
        var values = arguments.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
        var template = Template(code) ?? code;
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>The names of the arguments a template uses (<c>{cause}</c> included).</summary>
    public static IReadOnlySet<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>The service's own error codes (requests, sign-in, routes), beside the engine's.</summary>
public static class ServerErrors
{
    public const string FieldRequired = "request.field-required";
    public const string GemeenteRequired = "request.gemeente-required";
    public const string GemeenteInvalid = "request.gemeente-invalid";
    public const string VariablesRequired = "request.variables-required";
    public const string DurationRequired = "request.duration-required";
    public const string TimeToLiveInvalid = "request.time-to-live-invalid";
    public const string IncidentStatusInvalid = "request.incident-status-invalid";
    public const string PartnerCallStateInvalid = "request.partner-call-state-invalid";
    public const string RetryFilterRequired = "request.retry-filter-required";
    public const string UnsupportedMediaType = "request.unsupported-media-type";
    public const string InvalidJson = "request.invalid-json";
    public const string BadRequest = "request.invalid";
    public const string JsonValueInvalid = "request.json-value-invalid";
    public const string JsonUnknownField = "request.json-unknown-field";
    public const string ParameterInvalid = "request.parameter-invalid";
    public const string BodyRequired = "request.body-required";
    public const string ContentTypeUnsupported = "request.content-type-unsupported";
    public const string DefinitionNotDeployable = "definition.not-deployable";
    public const string ActivityNotFound = "activity.not-found";
    public const string FormNotFound = "form.not-found";
    public const string ExpressionFunctionNotFound = "expression-function.not-found";
    public const string InternalError = "server.internal-error";
    public const string RouteNotFound = "http.not-found";
    public const string MethodNotAllowed = "http.method-not-allowed";
    public const string HttpStatus = "http.status";
    public const string NotSignedIn = "auth.not-signed-in";
    public const string SignInInvalid = "auth.sign-in-invalid";
    public const string SignInNotConfigured = "auth.sign-in-not-configured";
    public const string Forbidden = "auth.forbidden";
    public const string ParameterValueUnknown = "request.parameter-value-unknown";
    public const string KwartaalInvalid = "request.kwartaal-invalid";
    public const string AssigneeMissing = "task.assignee-missing";
    public const string AssigneeNotColleague = "task.assignee-not-colleague";
    public const string ReturnReasonMissing = "task.return-reason-missing";
    public const string CasusregisseurMissing = "casusregisseur.missing";
    public const string CasusregisseurNotColleague = "casusregisseur.not-colleague";
    public const string CasusregisseurForbidden = "casusregisseur.forbidden";
    public const string CasusregisseurTrajectEnded = "casusregisseur.traject-ended";
    public const string HuishoudenDossierMissing = "huishouden.dossier-missing";
    public const string HuishoudenDossierNotFound = "huishouden.dossier-not-found";
    public const string HuishoudenOtherGemeente = "huishouden.other-gemeente";
    public const string HuishoudenSameTraject = "huishouden.same-traject";
    public const string HuishoudenTrajectEnded = "huishouden.traject-ended";
    public const string HuishoudenAlGekoppeld = "huishouden.already-linked";
    public const string TaskFormMissing = "form.missing";
    public const string FormInvalid = "form.invalid";
    public const string WebNotBuilt = "web.not-built";
    public const string TrajectInvalid = "traject.invalid";
    public const string TrajectAlreadyRunning = "traject.already-running";
    public const string TrajectNotStarted = "traject.not-started";
    public const string PrivacyBsnRequired = "privacy.bsn-required";
    public const string PrivacyBsnInvalid = "privacy.bsn-invalid";
    public const string PrivacyPersonNotFound = "privacy.person-not-found";
    public const string NulCharacter = "request.nul-character";
    public const string CharsetUnsupported = "request.charset-unsupported";
    public const string BodyTooLarge = "request.body-too-large";
    public const string TimeToLiveTooLong = "request.time-to-live-too-long";
    public const string RoleRequired = "auth.role-required";
    public const string BearerRequired = "auth.bearer-required";
    public const string DuoNotAuthenticated = "duo.not-authenticated";
    public const string MigrationPlanInvalid = "migration.plan-invalid";
    public const string SandboxFileInvalid = "sandbox.file-invalid";
    public const string SandboxRunNotFound = "sandbox.run-not-found";
    public const string SandboxDraftInvalid = "sandbox.draft-invalid";
    public const string EngineRestNoResources = "engine-rest.no-resources";
    public const string EngineRestNotMultipart = "engine-rest.not-multipart";
}
