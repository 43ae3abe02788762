import { api } from '../../shared/api/client';
import type { Definition, Paged } from '../../shared/api/types';

export interface MigrationInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrationPlan {
  sourceKey: string;
  sourceVersion: number;
  targetKey: string;
  targetVersion: number;
  instructions: MigrationInstruction[];
}

export interface MigrationElement {
  id: string;
  name: string | null;
  kind: string;
}

export interface MigrationProblem {
  elementId: string | null;
  code: string;
  message: string;
}

export interface PlanResponse {
  plan: MigrationPlan;
  sourceElements: MigrationElement[];
  targetElements: MigrationElement[];
  problems: MigrationProblem[];
}

export interface MigratedWait {
  kind: string;
  sourceElementId: string;
  targetElementId: string | null;
  action: string;
  dueAt: string | null;
  newDueAt: string | null;
  detail: string | null;
}

export interface InstanceReport {
  instanceId: string;
  businessKey: string | null;
  gemeente: string;
  canMigrate: boolean;
  waits: MigratedWait[];
  problems: MigrationProblem[];
}

export interface ValidationResponse {
  plan: MigrationPlan;
  planProblems: MigrationProblem[];
  migratable: number;
  notMigratable: number;
  instances: InstanceReport[];
}

export interface BatchItem {
  instanceId: string;
  status: 'pending' | 'migrated' | 'failed';
  at: string | null;
  problems: MigrationProblem[];
  waits: MigratedWait[];
}

export interface Batch {
  id: string;
  plan: MigrationPlan;
  status: 'running' | 'completed';
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
  total: number;
  pending: number;
  migrated: number;
  failed: number;
  items: BatchItem[];
}

export const migrationApi = {
  definitions: (signal?: AbortSignal) => api.get<Paged<Definition>>('/definitions', { pageSize: 500 }, signal),
  plan: (sourceKey: string, sourceVersion: number, targetVersion: number) => api.post<PlanResponse>('/migrations/plans', { sourceKey, sourceVersion, targetVersion }),
  check: (plan: MigrationPlan) => api.post<PlanResponse>('/migrations/plans/check', plan),
  validate: (plan: MigrationPlan) => api.post<ValidationResponse>('/migrations/validate', { plan }),
  start: (plan: MigrationPlan) => api.post<Batch>('/migrations/batches', { plan }),
  batch: (id: string, signal?: AbortSignal) => api.get<Batch>(`/migrations/batches/${id}`, undefined, signal),
};

/** Dutch words for what migration does to a wait. */
export const actionLabel: Record<string, string> = {
  kept: 'blijft',
  moved: 'verplaatst',
  recomputed: 'opnieuw berekend',
  renamed: 'ander bericht',
  created: 'nieuw',
  cancelled: 'vervalt',
};

export const kindLabel: Record<string, string> = {
  token: 'token',
  task: 'taak',
  timer: 'timer',
  message: 'bericht',
  job: 'partneraanroep',
  call: 'lopende aanroep',
  scope: 'subproces',
  incident: 'incident',
};
