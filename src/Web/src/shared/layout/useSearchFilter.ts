import { useSearchParams } from 'react-router';

/**
 * A list page's filter kept in the URL (so it can be bookmarked and shared): the search parameters, the page number
 * (`pagina`, at least 1) and `set`, which changes some parameters, drops empty ones and goes back to the first page.
 */
export function useSearchFilter() {
  const [search, setSearch] = useSearchParams();
  const pagina = Math.max(1, Number.parseInt(search.get('pagina') ?? '1', 10) || 1);
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries({ pagina: null, ...changes })) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next);
  };
  return { search, pagina, set };
}
