import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Clock, Definition, Me, Paged } from './types';

/** Queries every area uses: who I am, the service clock, the names of the processes. */
export const commonKeys = {
  me: ['me'] as const,
  clock: ['clock'] as const,
  definitions: ['definitions', 'latest'] as const,
};

export function useMe() {
  return useQuery({ queryKey: commonKeys.me, queryFn: () => api.get<Me>('/me'), staleTime: 5 * 60_000 });
}

/** The service's "now" (the simulation clock in a demo), for due dates. */
export function useClock() {
  return useQuery({ queryKey: commonKeys.clock, queryFn: () => api.get<Clock>('/clock'), staleTime: 30_000 });
}

/** Process key → Dutch name ("schakel3-brede-intake-en-pip" → "Schakel 3: brede intake en PIP"). */
export function useProcessNames() {
  return useQuery({
    queryKey: commonKeys.definitions,
    queryFn: () => api.get<Paged<Definition>>('/definitions', { latestOnly: true, pageSize: 500 }),
    staleTime: 10 * 60_000,
    select: (list) => new Map(list.items.map((d) => [d.key, d.name ?? d.key])),
  });
}

export const roleNames: Record<string, string> = {
  consulent: 'consulent',
  begeleider: 'maatschappelijk begeleider',
  beheerder: 'beheerder',
  procesontwerper: 'procesontwerper',
};
