import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api/client';
import type { CasusregisseurOverdracht, Diagram, Dossier, Huishouden, Paged, StartGebeurtenis, TimelineEntry } from '../shared/api/types';

export const dossierKeys = {
  dossier: (id: string) => ['dossier', id] as const,
  timeline: (id: string) => ['dossier', id, 'timeline'] as const,
  diagram: (id: string) => ['dossier', 'diagram', id] as const,
};

export function useDossier(id: string) {
  return useQuery({ queryKey: dossierKeys.dossier(id), queryFn: ({ signal }) => api.get<Dossier>(`/dossiers/${id}`, undefined, signal) });
}

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: dossierKeys.timeline(id),
    queryFn: ({ pageParam, signal }) => api.get<Paged<TimelineEntry>>(`/dossiers/${id}/timeline`, { page: pageParam, pageSize: 30 }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function useDiagram(instanceId: string) {
  return useQuery({ queryKey: dossierKeys.diagram(instanceId), queryFn: ({ signal }) => api.get<Diagram>(`/dossiers/${instanceId}/diagram`, undefined, signal) });
}

export function useStartGebeurtenissen() {
  return useQuery({ queryKey: ['start-gebeurtenissen'], queryFn: () => api.get<StartGebeurtenis[]>('/trajecten/start-gebeurtenissen'), staleTime: Infinity });
}

/** Hands the traject (and with huishouden the household's other trajecten) to another casusregisseur; the dossier, its timeline and every task list are stale afterwards. */
export function useCasusregisseurOverdragen(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ casusregisseur, huishouden }: { casusregisseur: string; huishouden: boolean }) =>
      api.post<CasusregisseurOverdracht>(`/dossiers/${id}/casusregisseur`, { casusregisseur, huishouden }),
    onSettled: async () => {
      await queries.invalidateQueries({ queryKey: ['dossier'] });
      await queries.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** Links the traject to the household of another dossier of the gemeente; every dossier and task list is stale afterwards. */
export function useHuishoudenKoppelen(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (dossier: string) => api.post<Huishouden>(`/dossiers/${id}/huishouden`, { dossier }),
    onSettled: async () => {
      await queries.invalidateQueries({ queryKey: ['dossier'] });
      await queries.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
