import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';

/** The one query layer for server state: no retry of a refusal (4xx), at most two retries of a failure (5xx, network). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
