import { api } from '../../shared/api/client';
import { ApiError } from '../../shared/api/problem';
import { signIn } from '../../shared/auth/session';

export interface SandboxResult {
  scenario: string;
  persona: number;
  gemeente: string;
  result: 'passed' | 'incident' | 'stuck' | 'unexpected-end';
  definitionKey: string | null;
  elementIds: string[];
  detail: string | null;
}

/** A problem in a draft that the server would not deploy (422 sandbox.draft-invalid). */
export interface DraftProblem {
  file: string;
  elementId: string | null;
  code: string;
  message: string;
}

export interface SandboxRun {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'timed-out';
  detail: string | null;
  files: string[];
  scenarios: string[];
  months: number;
  createdAt: string;
  completedAt: string | null;
  results: SandboxResult[];
}

export const sandboxApi = {
  scenarios: (signal?: AbortSignal) => api.get<string[]>('/studio/sandbox-runs/scenarios', undefined, signal),
  start: (files: { name: string; content: string }[], scenarios: string[], months: number) => api.post<SandboxRun>('/studio/sandbox-runs', { files, scenarios, months }),
  run: (id: string, signal?: AbortSignal) => api.get<SandboxRun>(`/studio/sandbox-runs/${id}`, undefined, signal),
  /** The BPMN of a deployed version, as the starting point of a draft. */
  xml: async (key: string, version: number, signal?: AbortSignal) => {
    const headers = new Headers({ Accept: 'application/xml' });
    signIn().authorize(headers);
    const response = await fetch(`/api/v1/definitions/${encodeURIComponent(key)}/versions/${version}/xml`, signal ? { headers, signal } : { headers });
    if (!response.ok) throw await ApiError.from(response);
    return response.text();
  },
};

export const resultLabel: Record<SandboxResult['result'], string> = {
  passed: 'geslaagd',
  incident: 'incident',
  stuck: 'vastgelopen token',
  'unexpected-end': 'onverwacht einde',
};

/** Dutch names of the keten scenarios (the demo routes). */
export const scenarioLabel: Record<string, string> = {
  AsielB1: 'Asielstatushouder, B1-route',
  AsielZRoute: 'Asielstatushouder, Z-route',
  AsielOnderwijs: 'Asielstatushouder, onderwijsroute',
  GezinB1: 'Gezinsmigrant, B1-route',
  Wi2013: 'Plicht onder de Wet inburgering 2013',
  NoShow: 'Niet verschenen bij de intake',
  NoShowBoete: 'Twee keer niet verschenen: boete',
  PipTeLaat: 'PIP te laat',
  Ontheffing: 'Ontheffing in jaar één',
  Verhuizing: 'Verhuizing naar een andere gemeente',
};
