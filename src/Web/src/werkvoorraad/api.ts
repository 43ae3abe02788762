import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api/client';
import type { Colleague, Paged, Task, TaskCounts, TaskFormView, TaskType } from '../shared/api/types';
import { filterQuery, listQuery, type View } from './view';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (view: View) => ['tasks', 'list', listQuery(view)] as const,
  counts: (view: View) => ['tasks', 'counts', filterQuery(view)] as const,
  types: (gemeente: string | null) => ['tasks', 'types', gemeente] as const,
  form: (id: string) => ['tasks', 'form', id] as const,
  colleagues: (id: string) => ['tasks', 'colleagues', id] as const,
};

export function useTasks(view: View) {
  return useQuery({ queryKey: taskKeys.list(view), queryFn: ({ signal }) => api.get<Paged<Task>>('/tasks', listQuery(view), signal), placeholderData: keepPreviousData });
}

export function useTaskCounts(view: View) {
  return useQuery({ queryKey: taskKeys.counts(view), queryFn: ({ signal }) => api.get<TaskCounts>('/tasks/counts', filterQuery(view), signal), placeholderData: keepPreviousData });
}

export function useTaskTypes(gemeente: string | null) {
  return useQuery({ queryKey: taskKeys.types(gemeente), queryFn: ({ signal }) => api.get<TaskType[]>('/tasks/types', { gemeente }, signal), staleTime: 60_000 });
}

export function useTaskForm(id: string) {
  return useQuery({ queryKey: taskKeys.form(id), queryFn: ({ signal }) => api.get<TaskFormView>(`/tasks/${id}/form`, undefined, signal) });
}

export function useColleagues(id: string, enabled: boolean) {
  return useQuery({ queryKey: taskKeys.colleagues(id), queryFn: ({ signal }) => api.get<Colleague[]>(`/tasks/${id}/colleagues`, undefined, signal), enabled });
}

/** A task action (claim, give back, hand over, send back, complete): afterwards every task list and count is stale. */
export function useTaskAction<TInput>(action: (input: TInput) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => queries.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export const taskActions = {
  claim: (id: string) => api.post<Task>(`/tasks/${id}/claim`),
  unclaim: (id: string) => api.post<Task>(`/tasks/${id}/unclaim`),
  assign: (id: string, assignee: string) => api.post<Task>(`/tasks/${id}/assign`, { assignee }),
  sendBack: (id: string, reason: string) => api.post<Task>(`/tasks/${id}/return`, { reason }),
  complete: (id: string, variables: Record<string, unknown>) => api.post<Task>(`/tasks/${id}/complete`, { variables }),
};
