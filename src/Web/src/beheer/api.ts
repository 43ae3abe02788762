import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { signIn } from '../shared/auth/session';
import { api, type Query } from '../shared/api/client';
import { ApiError } from '../shared/api/problem';
import type { Gemeente, Paged } from '../shared/api/types';

export interface GemeenteAantal {
  code: string;
  naam: string;
  teLaat: number;
  binnenkort: number;
}

export interface Soort {
  key: string;
  naam: string;
  uitleg: string;
  perGemeente: GemeenteAantal[];
  teLaat: number;
  binnenkort: number;
}

export interface Achterstanden {
  nu: string;
  gemeenten: Gemeente[];
  soorten: Soort[];
}

export interface Achterstand {
  id: string;
  soort: string;
  bron: 'taak' | 'termijn';
  trajectId: string;
  instanceId: string;
  gemeente: Gemeente;
  schakel: string;
  wat: string;
  datum: string;
  staat: 'te-laat' | 'binnenkort';
  inburgeraar: string | null;
  persoonReferentie: string | null;
  toegewezen: string | null;
}

export interface AchterstandenLijst extends Paged<Achterstand> {
  nu: string;
}

export interface Rij {
  key: string;
  naam: string;
  aantallen: Record<string, number>;
  totaal: number;
}

export interface Tabel {
  key: string;
  titel: string;
  uitleg: string;
  rijen: Rij[];
}

export interface Cijfers {
  kwartaal: string;
  naam: string;
  van: string;
  tot: string;
  nu: string;
  gemeenten: Gemeente[];
  memo: Tabel;
  schakels: Tabel;
  doelgroepen: Tabel;
  leerroutes: Tabel;
  pipNorm: { binnen: Record<string, number>; buiten: Record<string, number>; totaalBinnen: number; totaalBuiten: number; aandeel: number | null };
  verloop: { kwartaal: string; naam: string; gestart: Record<string, number>; afgerond: Record<string, number>; totaalGestart: number; totaalAfgerond: number }[];
}

export interface Incident {
  id: string;
  instanceId: string;
  elementId: string;
  type: string;
  message: string;
  activityType: string | null;
  attempts: number;
  definitionKey: string;
  gemeente: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  code: string | null;
  /** What the failed call sent and got back (a partner call's incident; only for a beheerder of its gemeente). */
  exchange?: PartnerExchange | null;
}

/** The last attempt of a failed partner call: the activity's inputs, and the HTTP call with the start of the answer. */
export interface PartnerExchange {
  request: string;
  method: string | null;
  url: string | null;
  status: number | null;
  response: string | null;
}

export interface IncidentFilter {
  gemeente: string | null;
  activityType: string | null;
  status: 'open' | 'all';
  pagina: number;
}

export interface BulkRetryResult {
  matched: number;
  retried: number;
  failed: string[];
}

export const beheerKeys = {
  all: ['beheer'] as const,
  achterstanden: ['beheer', 'achterstanden'] as const,
  lijst: (soort: string, q: Query) => ['beheer', 'achterstanden', soort, q] as const,
  cijfers: (kwartaal: string | null) => ['beheer', 'cijfers', kwartaal] as const,
  incidents: (f: IncidentFilter) => ['beheer', 'incidenten', f] as const,
};

export const incidentPageSize = 25;

export function useAchterstanden() {
  return useQuery({ queryKey: beheerKeys.achterstanden, queryFn: ({ signal }) => api.get<Achterstanden>('/beheer/achterstanden', undefined, signal) });
}

export function useAchterstandenLijst(soort: string, q: Query) {
  return useQuery({
    queryKey: beheerKeys.lijst(soort, q),
    queryFn: ({ signal }) => api.get<AchterstandenLijst>(`/beheer/achterstanden/${encodeURIComponent(soort)}`, q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCijfers(kwartaal: string | null) {
  return useQuery({ queryKey: beheerKeys.cijfers(kwartaal), queryFn: ({ signal }) => api.get<Cijfers>('/beheer/cijfers', { kwartaal }, signal), placeholderData: keepPreviousData });
}

export function useIncidents(f: IncidentFilter) {
  return useQuery({
    queryKey: beheerKeys.incidents(f),
    queryFn: ({ signal }) => api.get<Paged<Incident>>('/incidents', { gemeente: f.gemeente, activityType: f.activityType, status: f.status, page: f.pagina, pageSize: incidentPageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Retry one incident or all that match a filter; afterwards every beheer list is stale. */
export function useRetry() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string } | { activityType: string | null; gemeente: string | null }): Promise<BulkRetryResult | null> => {
      if ('id' in input) {
        await api.post<void>(`/incidents/${input.id}/retry`);
        return null;
      }

      return api.post<BulkRetryResult>('/incidents/retry', input);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: beheerKeys.all }),
  });
}

/** Downloads an export with the sign-in (a plain link would not carry it) and saves it under the server's file name. */
export async function download(path: string, query: Query): Promise<void> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }

  const headers = new Headers();
  signIn().authorize(headers);
  const response = await fetch(`/api/v1${path}?${search.toString()}`, { headers });
  if (!response.ok) {
    throw await ApiError.from(response);
  }

  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? 'export';
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** A partner call waiting out its back-off after a failed attempt (GET /partner-calls?state=waiting). */
export interface WachtendeAanroep {
  id: string;
  instanceId: string;
  definitionKey: string;
  elementId: string;
  activityType: string;
  gemeente: string;
  businessKey: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface AanroepFilter {
  gemeente: string | null;
  activityType: string | null;
  pagina: number;
}

export const aanroepPageSize = 25;

export function useWachtendeAanroepen(f: AanroepFilter) {
  return useQuery({
    queryKey: ['beheer', 'wachtende-aanroepen', f] as const,
    queryFn: ({ signal }) =>
      api.get<Paged<WachtendeAanroep>>('/partner-calls', { state: 'waiting', gemeente: f.gemeente, activityType: f.activityType, page: f.pagina, pageSize: aanroepPageSize }, signal),
    placeholderData: keepPreviousData,
    // Calls retry and finish by themselves: the list follows without a reload.
    refetchInterval: 10_000,
  });
}

/** "Nu opnieuw proberen": the next attempt of one waiting call now, or of every waiting call matching a filter; returns how many. */
export function useRetryNow() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string } | { activityType: string | null; gemeente: string | null }): Promise<number> => {
      if ('id' in input) {
        await api.post<void>(`/partner-calls/${input.id}/retry-now`);
        return 1;
      }

      return (await api.post<{ count: number }>('/partner-calls/retry-now', input)).count;
    },
    onSettled: () => queries.invalidateQueries({ queryKey: beheerKeys.all }),
  });
}
