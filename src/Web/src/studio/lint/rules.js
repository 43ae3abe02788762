// The studio's lint rules: the refusals of the server's deploy validation (src/Engine/Bpmn/BpmnParser.cs), read from the
// bpmn-moddle tree instead of the XML. Every report is "[code] Dutch text", with the engine's stable code, so the modeler
// shows the same words as the server (src/Server/Api/ErrorTexts.cs). Expressions (JavaScript through Jint) and timer
// texts: their JavaScript syntax (strict mode, parsed with acorn as the engine parses with Acornima) and calls of the
// catalogue's functions by namespace (setKnownFunctions); whether a literal timer text is a valid ISO 8601 date, duration or
// cycle, and the named arguments of a function, only the server checks ("Controleren bij de server"). The activity
// catalogue is checked when the modeler passes the known topics (setKnownActivities). The parity test (tests/Workflows.Tests/Studio/LintParityTests.cs) holds both to the
// same verdict and element ids on every MIWG reference model and keten definition.

import { parse } from 'acorn';

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';
const ACTIVITI = 'http://activiti.org/bpmn';

let knownActivities = null;
let knownFunctions = null;

/** The expression functions of the catalogue (e.g. "regel.pipFouten"); calls by namespace are checked. Null: not checked. */
export function setKnownFunctions(names) {
  knownFunctions = names ? new Set(names) : null;
}

/** Why an expression text would be refused (null when fine): as the engine's Jint evaluator validates it. */
export function validateExpression(text, bareIsCode) {
  let segments;
  if (!text.includes('${')) {
    if (!bareIsCode) return null;
    if (text.trim().length === 0) return 'Expressie is leeg.';
    segments = [text];
  } else {
    segments = [];
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('${', i);
      if (open < 0) break;
      const close = closingBrace(text, open + 2);
      if (close < 0) return `'\${' op positie ${open + 1} heeft geen bijbehorende '}'.`;
      const code = text.slice(open + 2, close);
      if (code.trim().length === 0) return `'\${}' op positie ${open + 1} bevat geen expressie.`;
      segments.push(code);
      i = close + 1;
    }
  }
  for (const code of segments) {
    let program;
    try {
      program = parseCode(code);
    } catch (error) {
      return `Expressie '${text}' bevat een syntaxfout: ${error instanceof Error ? error.message : String(error)}`;
    }
    const call = unknownCall(program);
    if (call) return `Expressie '${text}': de functie '${call}' bestaat niet.`;
  }
  return null;
}

function parseCode(code) {
  const options = { ecmaVersion: 'latest', sourceType: 'script' };
  if (code.trimStart().startsWith('{')) {
    try {
      const wrapped = parse('"use strict";(' + code + '\n)', options);
      if (wrapped.body.length === 2 && wrapped.body[1].type === 'ExpressionStatement') return wrapped;
    } catch {
      // not an expression: parse it as statements below
    }
  }
  return parse('"use strict";' + code, options);
}

function unknownCall(program) {
  if (!knownFunctions) return null;
  const namespaces = new Set([...knownFunctions].filter((n) => n.includes('.')).map((n) => n.split('.')[0]));
  const pending = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || typeof node.type !== 'string') continue;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed
      && node.callee.object.type === 'Identifier' && node.callee.property.type === 'Identifier' && namespaces.has(node.callee.object.name)) {
      const name = `${node.callee.object.name}.${node.callee.property.name}`;
      if (!knownFunctions.has(name)) return name;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => v && typeof v.type === 'string' && pending.push(v));
      else if (value && typeof value.type === 'string') pending.push(value);
    }
  }
  return null;
}

/** The '}' that closes a '${' (strings and comments skipped), or -1. */
function closingBrace(text, start) {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return -1;
      i = j + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.slice(i).search(/[\n\r\u2028\u2029]/);
      if (end < 0) return -1;
      i += end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 2;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return -1;
}

/** The activity types (camunda:topic) of the catalogue; unknown topics are refused as on the server. Null: not checked. */
export function setKnownActivities(topics) {
  knownActivities = topics ? new Set(topics) : null;
}

const NODE_KINDS = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:Task', 'bpmn:ManualTask', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask',
  'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway',
]);

const UNSUPPORTED = {
  'bpmn:ScriptTask': ['bpmn.unsupported.script-task', 'Scripttaken worden niet ondersteund; gebruik een servicetaak met een activiteit uit de catalogus.'],
  'bpmn:BusinessRuleTask': ['bpmn.unsupported.business-rule-task', 'Bedrijfsregeltaken (DMN) worden niet ondersteund; gebruik een activiteit of een gateway met voorwaarden.'],
  'bpmn:AdHocSubProcess': ['bpmn.unsupported.ad-hoc-sub-process', 'Ad-hoc-subprocessen worden niet ondersteund.'],
  'bpmn:Transaction': ['bpmn.unsupported.transaction', 'Transacties (met compensatie) worden niet ondersteund.'],
  'bpmn:ComplexGateway': ['bpmn.unsupported.complex-gateway', 'Complexe gateways worden niet ondersteund; gebruik een exclusieve, parallelle of inclusieve gateway.'],
  'bpmn:EventBasedGateway': ['bpmn.unsupported.event-based-gateway', 'Gebeurtenisgestuurde gateways worden niet ondersteund; gebruik een grensgebeurtenis (timer of bericht) op een ontvangsttaak.'],
  'bpmn:CallChoreography': ['bpmn.unsupported.choreography', 'Choreografieën zijn niet uitvoerbaar.'],
  'bpmn:ChoreographyTask': ['bpmn.unsupported.choreography', 'Choreografieën zijn niet uitvoerbaar.'],
  'bpmn:SubChoreography': ['bpmn.unsupported.choreography', 'Choreografieën zijn niet uitvoerbaar.'],
  'bpmn:ImplicitThrowEvent': ['bpmn.unsupported.implicit-throw-event', 'Dit soort gebeurtenis wordt niet ondersteund.'],
};

const DATA_ELEMENTS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);
const ARTIFACTS = new Set(['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group']);
const ACTIVITIES = new Set(['bpmn:Task', 'bpmn:ManualTask', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity']);
const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway']);

const EVENT_DEFINITIONS = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
};

const isValidKey = (key) => key.length > 0 && key.length <= 200 && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key);
const isJavaScript = (language) => ['JAVASCRIPT', 'ECMASCRIPT', 'JS', 'TEXT/JAVASCRIPT', 'APPLICATION/JAVASCRIPT'].includes(language.trim().toUpperCase());
const idOf = (element) => (typeof element?.id === 'string' && element.id.trim() ? element.id.trim() : null);
const lower = (type) => type.charAt(5).toLowerCase() + type.slice(6);

/** The namespace URIs of the prefixes declared anywhere above (moddle keeps xmlns declarations in $attrs). */
function namespaces(definitions) {
  const map = new Map();
  for (const [name, value] of Object.entries(definitions.$attrs ?? {})) {
    if (name.startsWith('xmlns:')) map.set(name.slice(6), value);
  }
  return map;
}

/** A Camunda attribute, also when written in the Activiti namespace (Camunda 7 reads it as its own, so does the engine). */
function camunda(element, name, ns) {
  const value = element.get ? element.get(`camunda:${name}`) : undefined;
  if (value !== undefined && value !== null) return value;
  for (const [key, attr] of Object.entries(element.$attrs ?? {})) {
    const [prefix, local] = key.split(':');
    if (local === name && (ns.get(prefix) === ACTIVITI || ns.get(prefix) === CAMUNDA)) return attr;
  }
  return undefined;
}

function hasCamunda(element, name, ns) {
  const value = camunda(element, name, ns);
  return value !== undefined && value !== null && !(typeof value === 'boolean' && value === false && name !== 'type');
}

function extensionValues(element) {
  return element.extensionElements?.values ?? [];
}

function nsOfType(value, ns) {
  const type = value.$type ?? '';
  const prefix = type.split(':')[0];
  if (value.$descriptor?.ns?.uri) return value.$descriptor.ns.uri;
  return ns.get(prefix) ?? (prefix === 'camunda' ? CAMUNDA : prefix === 'zeebe' ? ZEEBE : undefined);
}

function localOfType(value) {
  const local = (value.$type ?? '').split(':')[1] ?? '';
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** Reads one file as the engine's parser does; returns the errors and warnings with element ids. */
export function check(definitions) {
  const ns = namespaces(definitions);
  const errors = [];
  const warnings = [];
  const error = (id, code, text) => errors.push({ id, code, text });
  const warning = (id, code, text) => warnings.push({ id, code, text });
  const refused = new Set();
  const fedByRefused = new Set();
  const checkExpression = (id, text, bareIsCode, code, prefix) => {
    const reason = validateExpression(text, bareIsCode);
    if (reason) error(id, code, `${prefix}${reason}`);
  };
  const refuse = (id, code, text) => {
    error(id, code, text);
    if (id) refused.add(id);
  };

  // ids across the file (duplicates)
  const allIds = new Map();
  const reported = new Set();
  const visitIds = (element) => {
    if (!element || typeof element !== 'object' || !element.$type) return;
    if (element.$type.startsWith('bpmn:') && !element.$type.startsWith('bpmndi:')) {
      const id = idOf(element);
      if (id) {
        if (allIds.has(id) && allIds.get(id) !== element) {
          if (!reported.has(id)) {
            reported.add(id);
            error(id, 'bpmn.id.duplicate', 'Dit id komt meer dan eens voor in het bestand; elk element heeft een eigen id nodig.');
          }
        } else allIds.set(id, element);
      }
    }

    for (const key of Object.keys(element)) {
      if (key.startsWith('$') || key === 'di' || key === 'sourceRef' || key === 'targetRef' || key === 'attachedToRef' || key === 'default' || key === 'incoming' || key === 'outgoing'
        || key === 'messageRef' || key === 'errorRef' || key === 'processRef' || key === 'categoryValueRef' || key === 'flowNodeRef' || key === 'dataObjectRef' || key === 'bpmnElement') continue;
      const value = element[key];
      if (Array.isArray(value)) value.forEach((v) => v && typeof v === 'object' && v.$type && v.$parent === element && visitIds(v));
      else if (value && typeof value === 'object' && value.$type && value.$parent === element) visitIds(value);
    }
  };
  visitIds(definitions);

  // Camunda 8 extensions: warnings
  const zeebeWarned = new Set();
  const visitZeebe = (element) => {
    if (!element || typeof element !== 'object' || !element.$type) return;
    const zeebe = extensionValues(element).filter((v) => nsOfType(v, ns) === ZEEBE);
    if (zeebe.length > 0 && !zeebeWarned.has(element)) {
      zeebeWarned.add(element);
      warning(idOf(element), 'bpmn.ignored.camunda8-extensions', 'Camunda 8-uitbreidingen worden genegeerd.');
    }
    for (const key of ['rootElements', 'flowElements']) {
      (element[key] ?? []).forEach(visitZeebe);
    }
  };
  visitZeebe(definitions);

  const messages = new Map();
  const errorCodes = new Map();
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Message' && idOf(root)) messages.set(idOf(root), root.name ?? null);
    if (root.$type === 'bpmn:Error' && idOf(root)) errorCodes.set(idOf(root), root.errorCode ?? null);
  }

  const messageName = (id, ref) => {
    if (!ref) {
      error(id, 'bpmn.message.ref-missing', 'Er is geen bericht gekozen (messageRef ontbreekt).');
      return null;
    }
    const refId = typeof ref === 'string' ? ref : idOf(ref);
    if (!messages.has(refId)) {
      error(id, 'bpmn.message.not-found', `Het bericht '${refId}' bestaat niet in dit bestand.`);
      return null;
    }
    const name = messages.get(refId);
    if (!name || !name.trim()) {
      error(id, 'bpmn.message.name-missing', `Het bericht '${refId}' heeft geen naam; berichten worden op naam gekoppeld.`);
      return null;
    }
    if (name.includes('${')) {
      error(id, 'bpmn.message.name-expression', `Berichtnamen met een expressie ('${name}') worden niet ondersteund.`);
      return null;
    }
    return name;
  };

  let processes = 0;
  for (const root of definitions.rootElements ?? []) {
    switch (root.$type) {
      case 'bpmn:Process':
        readProcess(root);
        break;
      case 'bpmn:Collaboration':
        for (const flow of root.messageFlows ?? []) warning(idOf(flow), 'bpmn.ignored.message-flow', 'Berichtstromen tussen pools zijn documentatie.');
        break;
      case 'bpmn:Choreography':
        error(idOf(root), 'bpmn.unsupported.choreography', 'Choreografieën zijn niet uitvoerbaar.');
        break;
      case 'bpmn:GlobalTask':
      case 'bpmn:GlobalUserTask':
      case 'bpmn:GlobalManualTask':
      case 'bpmn:GlobalScriptTask':
      case 'bpmn:GlobalBusinessRuleTask':
        warning(idOf(root), 'bpmn.ignored.global-task', 'Een globale taak wordt genegeerd.');
        break;
    }
  }

  if (processes === 0 && errors.length === 0) {
    error(null, 'bpmn.file.no-process', 'Het bestand bevat geen proces.');
  }

  return { errors, warnings };

  function readProcess(process) {
    const id = idOf(process);
    if (!id) {
      error(null, 'bpmn.process.id-missing', 'Een proces zonder id kan niet worden uitgerold.');
      return;
    }
    processes++;
    if (!isValidKey(id)) error(id, 'bpmn.process.id-invalid', 'Het proces-id begint met een letter of _ en bevat alleen letters, cijfers, _, - en .');
    if (process.isExecutable === false) error(id, 'bpmn.process.not-executable', 'Het proces heeft isExecutable="false"; zet het op "true" om het uit te voeren.');
    for (const extension of extensionValues(process)) {
      if (nsOfType(extension, ns) === CAMUNDA && localOfType(extension) === 'executionListener') {
        error(id, 'bpmn.unsupported.listener', 'Luisteraars worden niet ondersteund: ze voeren code buiten het model uit.');
      }
    }
    for (const data of ['ioSpecification']) {
      if (process[data]) warning(idOf(process[data]) ?? id, 'bpmn.ignored.data-element', 'Gegevenselement zonder betekenis voor de uitvoering.');
    }
    const scope = readScope(process, id);
    validateScope(scope, true);
  }

  function readScope(container, scopeId) {
    const scope = { id: scopeId, owner: container, nodes: [], byId: new Map() };
    const flows = [];
    const boundaries = [];
    const defaults = [];
    const seen = new Set();
    for (const child of container.flowElements ?? []) {
      const type = child.$type;
      if (NODE_KINDS.has(type)) {
        const nodeId = idOf(child);
        if (nodeId && seen.has(nodeId)) continue;
        if (nodeId) seen.add(nodeId);
        const node = readNode(child);
        if (!node) continue;
        scope.nodes.push(node);
        scope.byId.set(node.id, node);
        if (type === 'bpmn:BoundaryEvent') boundaries.push(node);
        if (child.default) defaults.push([node, typeof child.default === 'string' ? child.default : idOf(child.default)]);
      } else if (type === 'bpmn:SequenceFlow') {
        const flowId = idOf(child);
        if (!flowId) {
          error(null, 'bpmn.flow.id-missing', 'Een volgordestroom heeft geen id.');
          continue;
        }
        let condition = null;
        if (child.conditionExpression) {
          const language = child.conditionExpression.language;
          if (language != null && !isJavaScript(language)) {
            error(flowId, 'bpmn.condition.language', `Voorwaarden in de taal '${language}' worden niet ondersteund; schrijf JavaScript.`);
          }
          const body = (child.conditionExpression.body ?? '').trim();
          condition = body.length > 0 ? body : null;
        }
        if (condition !== null) checkExpression(flowId, condition, true, 'bpmn.condition.invalid', 'De voorwaarde: ');
        flows.push({ element: child, id: flowId, condition });
      } else if (UNSUPPORTED[type]) {
        refuse(idOf(child), ...UNSUPPORTED[type]);
      } else if (DATA_ELEMENTS.has(type)) {
        warning(idOf(child) ?? scopeId, 'bpmn.ignored.data-element', 'Gegevenselement zonder betekenis voor de uitvoering.');
      } else if (!ARTIFACTS.has(type)) {
        const childId = idOf(child);
        if (childId) refuse(childId, 'bpmn.unsupported-element', `Element '${lower(type)}' wordt niet ondersteund.`);
        else error(scopeId, 'bpmn.unsupported-element', `Element '${lower(type)}' wordt niet ondersteund.`);
      }
    }

    const skipped = new Set();
    for (const flow of flows) {
      const sourceRef = refId(flow.element.sourceRef);
      const targetRef = refId(flow.element.targetRef);
      const source = sourceRef ? scope.byId.get(sourceRef) : undefined;
      const target = targetRef ? scope.byId.get(targetRef) : undefined;
      if (!source || !target) {
        skipped.add(flow.id);
        if ((!source && refused.has(sourceRef ?? '')) || (!target && refused.has(targetRef ?? ''))) {
          if (target) fedByRefused.add(target.id);
          continue;
        }
        const [attribute, reference] = !source ? ['sourceRef', sourceRef] : ['targetRef', targetRef];
        error(flow.id, flowProblem(reference), `De ${attribute} '${reference ?? ''}' van de volgordestroom ligt niet in hetzelfde (sub)proces of bestaat niet.`);
        continue;
      }
      flow.source = source;
      flow.target = target;
      source.outgoing.push(flow);
      target.incoming.push(flow);
    }

    for (const boundary of boundaries) {
      const attachedRef = refId(boundary.element.attachedToRef);
      const attached = attachedRef ? scope.byId.get(attachedRef) : undefined;
      if (!attached && refused.has(attachedRef ?? '')) continue;
      if (!attached) {
        error(boundary.id, attachedRef ? 'bpmn.boundary.attached-to-not-found' : 'bpmn.boundary.attached-to-missing', 'De grensgebeurtenis hangt niet aan een activiteit van dit (sub)proces.');
        continue;
      }
      if (!ACTIVITIES.has(attached.type)) {
        error(boundary.id, 'bpmn.boundary.attached-to-not-activity', `Een grensgebeurtenis kan alleen aan een activiteit hangen, niet aan '${attached.id}'.`);
        continue;
      }
      boundary.attachedTo = attached;
      attached.boundaries.push(boundary);
    }

    for (const [node, flowId] of defaults) {
      const flow = node.outgoing.find((f) => f.id === flowId);
      if (!flow && skipped.has(flowId)) continue;
      if (!flow) error(node.id, 'bpmn.default-flow.not-outgoing', `De standaardstroom '${flowId}' is geen uitgaande stroom van dit element.`);
      else if (flow.condition !== null) error(flowId, 'bpmn.default-flow.has-condition', 'Een standaardstroom kan geen voorwaarde hebben.');
      else node.defaultFlow = flow;
    }

    return scope;
  }

  function refId(ref) {
    if (!ref) return null;
    return typeof ref === 'string' ? ref.trim() || null : idOf(ref);
  }

  function flowProblem(reference) {
    if (!reference) return 'bpmn.flow.reference-missing';
    const referenced = allIds.get(reference);
    if (!referenced) return 'bpmn.flow.reference-not-found';
    if (!NODE_KINDS.has(referenced.$type)) return 'bpmn.flow.reference-not-a-node';
    return 'bpmn.flow.crosses-sub-process';
  }

  function readNode(element) {
    const id = idOf(element);
    const type = element.$type;
    if (!id) {
      error(null, 'bpmn.element.id-missing', `Een '${lower(type)}' zonder id kan niet worden uitgevoerd.`);
      return null;
    }
    if (type === 'bpmn:SubProcess' && element.triggeredByEvent) {
      refuse(id, 'bpmn.unsupported.event-sub-process', 'Gebeurtenis-subprocessen worden niet ondersteund; gebruik een grensgebeurtenis op een subproces.');
      return null;
    }
    const node = { id, type, element, incoming: [], outgoing: [], boundaries: [], trigger: null, messageName: null, defaultFlow: null, subScope: null, attachedTo: null };
    const loop = element.loopCharacteristics;
    if (loop) {
      error(id, loop.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? 'bpmn.unsupported.multi-instance' : 'bpmn.unsupported.standard-loop',
        loop.$type === 'bpmn:MultiInstanceLoopCharacteristics' ? 'Meervoudige instanties worden (nog) niet ondersteund.' : 'Lussen worden niet ondersteund; modelleer de herhaling met een gateway.');
    }
    if (element.isForCompensation) refuse(id, 'bpmn.unsupported.compensation', 'Compensatie wordt niet ondersteund.');
    readExtensions(element, node);
    if (type.endsWith('Event')) readEvent(element, node);
    switch (type) {
      case 'bpmn:UserTask':
        for (const name of ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'formKey', 'priority']) {
          const value = String(camunda(element, name, ns) ?? '').trim();
          if (value) checkExpression(id, value, false, 'bpmn.attribute.invalid', `camunda:${name}: `);
        }
        if (hasCamunda(element, 'formRef', ns)) error(id, 'bpmn.unsupported.form-ref', 'camunda:formRef wordt niet ondersteund; gebruik camunda:formKey met de naam van een form-js-formulier.');
        break;
      case 'bpmn:ServiceTask':
      case 'bpmn:SendTask':
        readExternalTask(element, node);
        break;
      case 'bpmn:ReceiveTask':
        if (element.instantiate) error(id, 'bpmn.unsupported.instantiating-receive-task', 'Een ontvangsttaak die een proces start wordt niet ondersteund; gebruik een startgebeurtenis met een bericht.');
        node.messageName = messageName(id, element.messageRef);
        break;
      case 'bpmn:CallActivity':
        readCallActivity(element, node);
        break;
      case 'bpmn:SubProcess':
        node.subScope = readScope(element, id);
        node.subScope.ownerNode = node;
        break;
    }
    return node;
  }

  function readEvent(element, node) {
    const definitions = element.eventDefinitions ?? [];
    if ((element.eventDefinitionRef ?? element.eventDefinitionRefs ?? []).length > 0) {
      error(node.id, 'bpmn.unsupported.event-definition-ref', 'Verwijzingen naar globale gebeurtenisdefinities worden niet ondersteund.');
    }
    if (definitions.length > 1) {
      refuse(node.id, 'bpmn.unsupported.multiple-event', 'Een gebeurtenis met meer dan één definitie wordt niet ondersteund.');
      return;
    }
    const definition = definitions[0];
    const trigger = definition ? EVENT_DEFINITIONS[definition.$type] : 'none';
    if (!trigger) {
      refuse(node.id, 'bpmn.unsupported.event-type', `Gebeurtenissen met een ${lower(definition.$type)} worden niet ondersteund.`);
      return;
    }
    node.trigger = trigger;
    const allowed = {
      'bpmn:StartEvent': ['none', 'message', 'timer'],
      'bpmn:EndEvent': ['none', 'terminate', 'error'],
      'bpmn:IntermediateCatchEvent': ['message', 'timer'],
      'bpmn:IntermediateThrowEvent': ['none'],
      'bpmn:BoundaryEvent': ['message', 'timer', 'error'],
    }[node.type] ?? [];
    if (!allowed.includes(trigger)) {
      const code = node.type === 'bpmn:IntermediateCatchEvent' && trigger === 'none' ? 'bpmn.event.catch-needs-definition'
        : node.type === 'bpmn:BoundaryEvent' && trigger === 'none' ? 'bpmn.event.boundary-needs-definition'
          : (node.type === 'bpmn:EndEvent' || node.type === 'bpmn:IntermediateThrowEvent') && trigger === 'message' ? 'bpmn.unsupported.message-throw-event'
            : 'bpmn.unsupported.event-combination';
      refuse(node.id, code, `Een ${lower(node.type)} met ${definition ? lower(definition.$type) : 'geen gebeurtenisdefinitie'} wordt niet ondersteund.`);
      return;
    }
    if (trigger === 'message') node.messageName = messageName(node.id, definition.messageRef);
    if (trigger === 'timer') readTimer(definition, node.id);
    if (trigger === 'error') {
      const errorRef = refId(definition.errorRef);
      if (!errorRef) {
        if (node.type === 'bpmn:EndEvent') error(node.id, 'bpmn.error.end-needs-error-ref', 'Een fout-eindgebeurtenis moet naar een fout verwijzen (bpmn:error met errorCode).');
      } else if (!errorCodes.has(errorRef)) {
        error(node.id, 'bpmn.error.not-found', `De fout '${errorRef}' bestaat niet in dit bestand.`);
      } else if (!errorCodes.get(errorRef) || !String(errorCodes.get(errorRef)).trim()) {
        if (node.type === 'bpmn:EndEvent') error(node.id, 'bpmn.error.code-missing', `De fout '${errorRef}' heeft geen errorCode.`);
      }
    }
    if (node.type === 'bpmn:BoundaryEvent' && element.cancelActivity === false && trigger === 'error') {
      error(node.id, 'bpmn.error.boundary-non-interrupting', 'Een fout-grensgebeurtenis onderbreekt altijd (cancelActivity kan niet "false" zijn).');
    }
  }

  function readTimer(definition, id) {
    const parts = ['timeDate', 'timeDuration', 'timeCycle'].filter((p) => definition[p]);
    if (parts.length !== 1) {
      error(id, parts.length === 0 ? 'bpmn.timer.definition-missing' : 'bpmn.timer.definition-multiple',
        parts.length === 0 ? 'De timer heeft geen timeDate, timeDuration of timeCycle.' : 'De timer heeft meer dan één van timeDate, timeDuration en timeCycle.');
      return;
    }
    const text = (definition[parts[0]].body ?? '').trim();
    if (!text) {
      error(id, 'bpmn.timer.empty', 'De timer is leeg.');
      return;
    }
    checkExpression(id, text, false, 'bpmn.timer.expression-invalid', 'De timer: ');
  }

  function readExternalTask(element, node) {
    for (const unsupported of ['class', 'expression', 'delegateExpression']) {
      if (hasCamunda(element, unsupported, ns)) {
        error(node.id, 'bpmn.unsupported.java-delegate', `camunda:${unsupported} wordt niet ondersteund: servicetaken voeren een activiteit uit met camunda:type="external" en camunda:topic.`);
      }
    }
    const type = camunda(element, 'type', ns);
    const topic = (camunda(element, 'topic', ns) ?? '').trim();
    if (type !== 'external' || !topic) {
      const zeebeTask = extensionValues(element).find((v) => nsOfType(v, ns) === ZEEBE && localOfType(v) === 'taskDefinition');
      if (zeebeTask) {
        error(node.id, 'bpmn.service-task.camunda8', 'Deze taak is voor Camunda 8 (zeebe:taskDefinition); deze engine voert alleen camunda:type="external" met een camunda:topic uit.');
      } else if (!hasCamunda(element, 'class', ns) && !hasCamunda(element, 'expression', ns) && !hasCamunda(element, 'delegateExpression', ns)) {
        error(node.id, 'bpmn.service-task.topic-missing', 'Een service- of verzendtaak heeft camunda:type="external" en een camunda:topic nodig (de activiteit uit de catalogus).');
      }
      return;
    }
    if (knownActivities && !knownActivities.has(topic)) {
      error(node.id, 'bpmn.service-task.activity-unknown', `Er is geen activiteit '${topic}' in de catalogus.`);
    }
  }

  function readCallActivity(element, node) {
    const called = (element.calledElement ?? '').trim();
    if (!called) {
      error(node.id, 'bpmn.call-activity.called-element-missing', 'Een aanroepactiviteit heeft een calledElement nodig (de sleutel van het aangeroepen proces).');
      return;
    }
    checkExpression(node.id, called, false, 'bpmn.attribute.invalid', 'calledElement: ');
    const binding = camunda(element, 'calledElementBinding', ns) ?? 'latest';
    if (!['latest', 'deployment', 'version'].includes(binding)) {
      error(node.id, 'bpmn.call-activity.binding-unsupported', `camunda:calledElementBinding="${binding}" wordt niet ondersteund.`);
    }
    if (binding === 'version') {
      const version = String(camunda(element, 'calledElementVersion', ns) ?? '');
      if (!/^[0-9]+$/.test(version) || Number(version) < 1) error(node.id, 'bpmn.call-activity.version-invalid', 'camunda:calledElementVersion is een positief geheel getal.');
    }
    if (hasCamunda(element, 'caseRef', ns) || hasCamunda(element, 'variableMappingClass', ns) || hasCamunda(element, 'variableMappingDelegateExpression', ns)) {
      error(node.id, 'bpmn.unsupported.call-activity-mapping-code', 'CMMN-aanroepen en koppelingen in code worden niet ondersteund; gebruik camunda:in en camunda:out.');
    }
    for (const mapping of extensionValues(element)) {
      if (nsOfType(mapping, ns) !== CAMUNDA || !['in', 'out'].includes(localOfType(mapping))) continue;
      const isIn = localOfType(mapping) === 'in';
      if (isIn && mapping.businessKey != null) {
        checkExpression(node.id, mapping.businessKey, false, 'bpmn.attribute.invalid', 'camunda:in businessKey: ');
        continue;
      }
      const all = mapping.variables === 'all';
      const hasSource = mapping.source != null;
      const hasExpression = mapping.sourceExpression != null;
      if (!all && (hasSource === hasExpression || !(mapping.target ?? '').trim())) {
        error(node.id, 'bpmn.call-activity.mapping-invalid', `camunda:${localOfType(mapping)} heeft variables="all" nodig, of precies één van source/sourceExpression met een target.`);
        continue;
      }
      if (hasExpression) checkExpression(node.id, mapping.sourceExpression, false, 'bpmn.attribute.invalid', `camunda:${localOfType(mapping)} sourceExpression: `);
    }
  }

  function readExtensions(element, node) {
    for (const extension of extensionValues(element)) {
      if (nsOfType(extension, ns) !== CAMUNDA) continue;
      switch (localOfType(extension)) {
        case 'inputOutput':
          readParameters(extension.inputParameters ?? [], 'inputParameter', node.id);
          readParameters(extension.outputParameters ?? [], 'outputParameter', node.id);
          break;
        case 'executionListener':
        case 'taskListener':
          error(node.id, 'bpmn.unsupported.listener', 'Luisteraars worden niet ondersteund: ze voeren code buiten het model uit.');
          break;
        case 'formData':
          error(node.id, 'bpmn.unsupported.form-data', 'camunda:formData (gegenereerde formulieren) wordt niet ondersteund; gebruik camunda:formKey met een form-js-formulier.');
          break;
        case 'connector':
          error(node.id, 'bpmn.unsupported.connector', 'Connectors worden niet ondersteund; gebruik een activiteit uit de catalogus.');
          break;
        case 'field':
          error(node.id, 'bpmn.unsupported.field-injection', 'camunda:field wordt niet ondersteund; geef invoer mee met camunda:inputOutput.');
          break;
        case 'failedJobRetryTimeCycle':
          warning(node.id, 'bpmn.ignored.failed-job-retry-time-cycle', 'camunda:failedJobRetryTimeCycle wordt genegeerd.');
          break;
        case 'in':
        case 'out':
          if (node.type !== 'bpmn:CallActivity') {
            error(node.id, 'bpmn.call-activity.mapping-misplaced', `camunda:${localOfType(extension)} hoort alleen bij een aanroepactiviteit.`);
          }
          break;
      }
    }
  }

  function readParameters(parameters, elementName, nodeId) {
    for (const parameter of parameters) {
      if (!(parameter.name ?? '').trim()) {
        error(nodeId, 'bpmn.io-parameter.name-missing', `Een camunda:${elementName} zonder naam.`);
        continue;
      }
      if (parameter.definition) readIoValue(parameter.definition, nodeId, parameter.name);
      else if ((parameter.value ?? '').trim()) checkExpression(nodeId, parameter.value.trim(), false, 'bpmn.io-parameter.invalid', `Parameter '${parameter.name}': `);
    }
  }

  function readIoValue(definition, nodeId, name) {
    if (!definition) return;
    switch (definition.$type) {
      case 'camunda:Script':
        if (!definition.scriptFormat || !isJavaScript(definition.scriptFormat)) {
          error(nodeId, 'bpmn.io-parameter.script-language', `Parameter '${name}': scripts in '${definition.scriptFormat ?? ''}' worden niet ondersteund; alleen JavaScript.`);
        } else if (definition.resource != null) {
          error(nodeId, 'bpmn.io-parameter.script-resource', `Parameter '${name}': externe scriptbestanden (resource) worden niet ondersteund.`);
        } else {
          checkExpression(nodeId, definition.value ?? '', true, 'bpmn.io-parameter.invalid', `Parameter '${name}': `);
        }
        break;
      case 'camunda:List':
        for (const item of definition.items ?? []) {
          if (item.$type === 'camunda:Value') {
            if ((item.value ?? '').trim()) checkExpression(nodeId, item.value.trim(), false, 'bpmn.io-parameter.invalid', `Parameter '${name}': `);
          } else readIoValue(item, nodeId, name);
        }
        break;
      case 'camunda:Map':
        for (const entry of definition.entries ?? []) {
          if (entry.definition) readIoValue(entry.definition, nodeId, name);
          else if ((entry.value ?? '').trim()) checkExpression(nodeId, entry.value.trim(), false, 'bpmn.io-parameter.invalid', `Parameter '${name}': `);
        }
        break;
    }
  }

  function validateScope(scope, isProcess) {
    const starts = scope.nodes.filter((n) => n.type === 'bpmn:StartEvent');
    if (starts.length === 0) {
      const ownerId = isProcess ? scope.id : scope.ownerNode.id;
      if (isProcess) error(ownerId, 'bpmn.process.no-start-event', 'Het proces heeft geen startgebeurtenis.');
      else if (scope.nodes.length === 0) error(ownerId, 'bpmn.sub-process.empty', 'Het subproces is leeg; een ingebed subproces heeft een startgebeurtenis en een pad naar een eindgebeurtenis nodig.');
      else error(ownerId, 'bpmn.sub-process.no-start-event', 'Het subproces heeft geen startgebeurtenis.');
    }
    if (!isProcess) {
      for (const start of starts.filter((s) => s.trigger !== 'none')) {
        error(start.id, 'bpmn.sub-process.start-with-trigger', 'Een ingebed subproces begint alleen met een startgebeurtenis zonder trigger.');
      }
    }
    const noneStarts = starts.filter((s) => s.trigger === 'none');
    for (const start of noneStarts.slice(1)) error(start.id, 'bpmn.start.multiple-none', 'Er is meer dan één startgebeurtenis zonder trigger.');
    const byMessage = new Map();
    for (const start of starts.filter((s) => s.messageName)) {
      byMessage.set(start.messageName, [...(byMessage.get(start.messageName) ?? []), start]);
    }
    for (const [name, group] of byMessage) {
      if (group.length > 1) error(group[group.length - 1].id, 'bpmn.start.duplicate-message', `Meer dan één startgebeurtenis wacht op bericht '${name}'.`);
    }
    if (starts.length > 0) validateReachability(scope);
    for (const node of scope.nodes) {
      validateNode(node);
      if (node.subScope) validateScope(node.subScope, false);
    }
  }

  function validateReachability(scope) {
    const reached = new Set();
    const work = scope.nodes.filter((n) => n.type === 'bpmn:StartEvent' || refused.has(n.id) || fedByRefused.has(n.id) || (n.type === 'bpmn:BoundaryEvent' && !n.attachedTo));
    while (work.length > 0) {
      const node = work.pop();
      if (reached.has(node)) continue;
      reached.add(node);
      for (const flow of node.outgoing) work.push(flow.target);
      for (const boundary of node.boundaries) work.push(boundary);
    }
    for (const node of scope.nodes) {
      if (!reached.has(node) && node.type !== 'bpmn:BoundaryEvent') {
        error(node.id, node.incoming.length === 0 ? 'bpmn.element.unreachable-no-incoming' : 'bpmn.element.unreachable',
          node.incoming.length === 0 ? 'Dit element is onbereikbaar: het heeft geen inkomende stroom.' : 'Dit element is onbereikbaar: geen pad vanaf een startgebeurtenis komt hier.');
      }
    }
  }

  function validateNode(node) {
    if (node.type === 'bpmn:StartEvent' && node.incoming.length > 0) error(node.id, 'bpmn.start.has-incoming', 'Een startgebeurtenis kan geen inkomende stroom hebben.');
    if (node.type === 'bpmn:EndEvent' && node.outgoing.length > 0) error(node.id, 'bpmn.end.has-outgoing', 'Een eindgebeurtenis kan geen uitgaande stroom hebben.');
    if (node.type === 'bpmn:BoundaryEvent' && node.incoming.length > 0) error(node.id, 'bpmn.boundary.has-incoming', 'Een grensgebeurtenis kan geen inkomende stroom hebben.');
    if (GATEWAYS.has(node.type) && node.outgoing.length === 0) error(node.id, 'bpmn.gateway.no-outgoing', 'Een gateway heeft minstens één uitgaande stroom nodig.');
    const conditional = node.type === 'bpmn:ExclusiveGateway' || node.type === 'bpmn:InclusiveGateway' || ACTIVITIES.has(node.type);
    for (const flow of node.outgoing.filter((f) => f.condition !== null)) {
      if (!conditional) {
        error(flow.id, node.type === 'bpmn:ParallelGateway' ? 'bpmn.condition.on-parallel-gateway' : 'bpmn.condition.not-allowed',
          node.type === 'bpmn:ParallelGateway' ? 'Voorwaarden op de uitgaande stromen van een parallelle gateway hebben geen effect.' : 'Alleen stromen uit een exclusieve of inclusieve gateway of een activiteit kunnen een voorwaarde hebben.');
      }
    }
    if (node.defaultFlow && !conditional) error(node.id, 'bpmn.default-flow.not-allowed', 'Alleen exclusieve en inclusieve gateways en activiteiten hebben een standaardstroom.');
  }
}

/**
 * One bpmnlint rule over the whole file (the checks depend on each other as in the parser: what is refused is not
 * reported again where it is referenced). bpmnlint calls check for every node; the work is done at the definitions.
 */
function engineRule() {
  return {
    check(node, reporter) {
      if (node.$type !== 'bpmn:Definitions') return;
      const { errors } = check(node);
      for (const problem of errors) {
        reporter.report(problem.id ?? undefined, `[${problem.code}] ${problem.text}`);
      }
    },
  };
}

function ignoredRule() {
  return {
    check(node, reporter) {
      if (node.$type !== 'bpmn:Definitions') return;
      const { warnings } = check(node);
      for (const problem of warnings) {
        reporter.report(problem.id ?? undefined, `[${problem.code}] ${problem.text}`);
      }
    },
  };
}

export const rules = {
  'engine-executes': { factory: engineRule, category: 'error' },
  'engine-ignores': { factory: ignoredRule, category: 'warn' },
};
