// The shapes of the API (/api/v1, described at /openapi/v1.json) that the web application reads.

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** The task list only, when more tasks follow: pass as `after` (without `page`) for the page after this one. */
  next?: string;
}

export interface TaskApproval {
  user: string;
  role: string;
  at: string;
  variables?: Record<string, unknown> | null;
}

export interface Task {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  documentation: string | null;
  definitionKey: string;
  businessKey: string | null;
  gemeente: string;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  followUpAt: string | null;
  formKey: string | null;
  priority: number;
  createdAt: string;
  claimedAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  fourEyesRoles: string[];
  approvals: TaskApproval[];
  /** Instance variables shown with every task: inburgeraarNaam, persoonReferentie. */
  display?: { inburgeraarNaam?: string; persoonReferentie?: string } | null;
}

export interface TaskCounts {
  mine: number;
  groups: number;
  all: number;
}

export interface TaskType {
  definitionKey: string;
  elementId: string;
  name: string | null;
  count: number;
}

export interface JournalEntry {
  id: number;
  at: string;
  type: string;
  elementId: string | null;
  user: string | null;
  data: Record<string, unknown> | null;
}

export interface TaskFormView {
  task: Task;
  form: Record<string, unknown> | null;
  data: Record<string, unknown>;
  returned: { by: string; at: string; reason: string } | null;
  history: JournalEntry[];
}

export interface Colleague {
  user: string;
  displayName: string;
  roles: string[];
}

export interface Gemeente {
  code: string;
  naam: string;
}

export interface Me {
  user: string;
  displayName: string;
  roles: string[];
  gemeenten: Gemeente[];
  isAdministrator: boolean;
}

export interface DevelopmentUser {
  user: string;
  displayName: string;
  description: string | null;
  roles: string[];
  gemeenten: Gemeente[];
}

export interface Definition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  isLatest: boolean;
}

export interface Clock {
  now: string;
  simulated: boolean;
}

export interface KeyDate {
  key: string;
  label: string;
  date: string | null;
  state: 'done' | 'passed' | 'overdue' | 'soon' | 'upcoming';
  explanation: string;
}

export interface Schakel {
  id: string;
  parentInstanceId: string | null;
  definitionKey: string;
  version: number;
  name: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  openIncidents: number;
}

export interface Incident {
  id: string;
  instanceId: string;
  elementId: string;
  type: string;
  message: string;
  activityType: string | null;
  attempts: number;
  createdAt: string;
}

export interface Dossier {
  id: string;
  status: string;
  gemeente: Gemeente;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  inburgeraar: {
    naam: string | null;
    persoonReferentie: string | null;
    doelgroep: string | null;
    gedetailleerdeDoelgroep: string | null;
    wet: string | null;
    leerroute: string | null;
    maatschappelijkeBegeleiding: boolean | null;
  };
  keyDates: KeyDate[];
  schakels: Schakel[];
  currentSchakelId: string;
  openTasks: Task[];
  incidents: Incident[] | null;
  now: string;
  casusregisseur: Casusregisseur | null;
  huishouden: Huishouden | null;
}

/** The traject's household (id null while it has none): from the bijstand or linked in the dossier, with the other trajecten of it. */
export interface Huishouden {
  id: string | null;
  bron: string | null;
  gezinsleden: Gezinslid[];
}

/** Another traject of the household (same gemeente only). */
export interface Gezinslid {
  trajectId: string;
  naam: string | null;
  persoonReferentie: string | null;
  status: string;
  schakel: string | null;
  casusregisseur: string | null;
  casusregisseurNaam: string | null;
}

/** The traject's casusregisseur (user null while there is none), the consulenten it can go to, and whether you may hand it over. */
export interface Casusregisseur {
  user: string | null;
  naam: string | null;
  magOverdragen: boolean;
  kandidaten: { user: string; displayName: string }[];
}

export interface CasusregisseurOverdracht {
  trajectId: string;
  casusregisseur: string;
  naam: string;
  vorige: string | null;
  takenOvergedragen: number;
  huishoudenOvergedragen: string[] | null;
  huishoudenNietOvergedragen: string[] | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  kind: 'task' | 'message' | 'timer' | 'partner' | 'incident' | 'traject';
  text: string;
  user: string | null;
  userName: string | null;
  instanceId: string;
  schakel: string;
  elementId: string | null;
}

export interface Diagram {
  instanceId: string;
  definitionKey: string;
  version: number;
  name: string;
  xml: string;
  activeElements: string[];
  /** The Dutch names of the active elements, in the same order. */
  activeNames: string[];
  visitedElements: string[];
  takenFlows: string[];
  calls: { elementId: string; instanceId: string; name: string; status: string }[];
}

export interface StartGebeurtenis {
  id: string;
  omschrijving: string;
}

/** A field the server refused, as problem+json's errors[] names it. */
export interface FieldError {
  field: string;
  label: string | null;
  code: string;
  message: string;
}
