import { useQuery } from '@tanstack/react-query';
import { signIn } from '../shared/auth/session';
import { api } from '../shared/api/client';
import { ApiError } from '../shared/api/problem';

/** One problem of a BPMN file, as the server's deploy validation words it. */
export interface BpmnProblem {
  elementId: string | null;
  code: string;
  message: string;
}

export interface Validation {
  valid: boolean;
  processKeys: string[];
  errors: BpmnProblem[];
  warnings: BpmnProblem[];
}

export interface StudioVersion {
  version: number;
  id: string;
  name: string | null;
  deployedAt: string;
  deployedBy: string | null;
  source: string | null;
  activeInstances: number;
  totalInstances: number;
}

export interface StudioDefinition {
  key: string;
  name: string | null;
  latestVersion: number;
  versions: StudioVersion[];
}

export interface DeployedItem {
  id: string;
  key: string;
  version: number;
  name: string | null;
  created: boolean;
}

export interface DeployResponse {
  key: string;
  version: number;
  created: boolean;
  definitions: DeployedItem[];
  warnings: BpmnProblem[];
}

export interface FormSummary {
  key: string;
  title?: string | null;
  file?: string | null;
}

/** A refused deploy: the server's errors per element. */
export class DeployRefused extends Error {
  readonly errors: BpmnProblem[];
  readonly warnings: BpmnProblem[];

  constructor(message: string, errors: BpmnProblem[], warnings: BpmnProblem[]) {
    super(message);
    this.name = 'DeployRefused';
    this.errors = errors;
    this.warnings = warnings;
  }
}

async function sendXml(path: string, xml: string): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/xml' });
  signIn().authorize(headers);
  const response = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: xml });
  if (response.status === 401) {
    const error = await ApiError.from(response);
    signIn().expire();
    throw error;
  }

  return response;
}

/** Checks a draft exactly as deploying would, without deploying. */
export async function validateXml(xml: string): Promise<Validation> {
  const response = await sendXml('/studio/validate', xml);
  if (!response.ok) throw await ApiError.from(response);
  return (await response.json()) as Validation;
}

/** Deploys a draft; a refusal throws DeployRefused with the errors per element. */
export async function deployXml(xml: string): Promise<DeployResponse> {
  const response = await sendXml('/definitions', xml);
  if (response.status === 422) {
    const error = await ApiError.from(response);
    const body = error.body ?? {};
    throw new DeployRefused(error.message, (body.errors as BpmnProblem[] | undefined) ?? [], (body.warnings as BpmnProblem[] | undefined) ?? []);
  }

  if (!response.ok) throw await ApiError.from(response);
  return (await response.json()) as DeployResponse;
}

async function getText(path: string): Promise<string> {
  const headers = new Headers();
  signIn().authorize(headers);
  const response = await fetch(`/api/v1${path}`, { headers });
  if (!response.ok) throw await ApiError.from(response);
  return response.text();
}

export const definitionXml = (key: string, version: number) => getText(`/definitions/${encodeURIComponent(key)}/versions/${version}/xml`);

export function useStudioDefinitions() {
  return useQuery({ queryKey: ['studio', 'definitions'], queryFn: ({ signal }) => api.get<StudioDefinition[]>('/studio/definitions', undefined, signal) });
}

export function useStudioDefinition(key: string) {
  return useQuery({ queryKey: ['studio', 'definitions', key], queryFn: ({ signal }) => api.get<StudioDefinition>(`/studio/definitions/${encodeURIComponent(key)}`, undefined, signal) });
}

export function useDefinitionXml(key: string, version: number | null) {
  return useQuery({ queryKey: ['studio', 'xml', key, version], queryFn: () => definitionXml(key, version ?? 1), enabled: version !== null && key !== '', staleTime: Infinity });
}

export function useElementTemplates() {
  return useQuery({ queryKey: ['studio', 'element-templates'], queryFn: ({ signal }) => api.get<unknown[]>('/activities/element-templates', undefined, signal), staleTime: Infinity });
}

export function useExpressionFunctions() {
  return useQuery({ queryKey: ['studio', 'expression-functions'], queryFn: ({ signal }) => api.get<{ name: string }[]>('/expression-functions', undefined, signal), staleTime: Infinity });
}

export function useForms() {
  return useQuery({ queryKey: ['studio', 'forms'], queryFn: ({ signal }) => api.get<FormSummary[]>('/forms', undefined, signal), staleTime: 60_000 });
}

export function useFormSchema(key: string) {
  return useQuery({ queryKey: ['studio', 'form', key], queryFn: ({ signal }) => api.get<Record<string, unknown>>(`/forms/${encodeURIComponent(key)}`, undefined, signal), staleTime: Infinity });
}

/** Offers text as a file download (a drafted BPMN or form). */
export function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
