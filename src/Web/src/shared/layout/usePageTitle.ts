import { useEffect } from 'react';

/** Sets the Dutch document title of a page: "<page> — Inburgering". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} — Inburgering` : 'Inburgering';
  }, [title]);
}
