import type { Query } from '../shared/api/client';

// The werkvoorraad's view lives in the URL (Dutch parameter names), so a view can be bookmarked and shared:
// /werkvoorraad?tab=alle&gemeente=0632&taak=schakel3-brede-intake-en-pip:User_Intake&termijn=te-laat&vrij=ja&sorteer=-vervaldatum&pagina=2

export type Tab = 'mijn' | 'groep' | 'alle';
export type Termijn = 'te-laat' | 'deze-week';
export type Sort = 'vervaldatum' | '-vervaldatum' | 'prioriteit' | 'nieuwste';

export interface View {
  tab: Tab;
  gemeente: string | null;
  /** "definitionKey:elementId" of one kind of task. */
  taak: string | null;
  termijn: Termijn | null;
  /** Only tasks nobody has claimed. */
  vrij: boolean;
  sorteer: Sort;
  pagina: number;
}

export const defaultView: View = { tab: 'groep', gemeente: null, taak: null, termijn: null, vrij: false, sorteer: 'vervaldatum', pagina: 1 };

export const pageSize = 25;

const tabs: Tab[] = ['mijn', 'groep', 'alle'];
const sorts: Sort[] = ['vervaldatum', '-vervaldatum', 'prioriteit', 'nieuwste'];

export function parseView(search: URLSearchParams): View {
  const tab = search.get('tab');
  const termijn = search.get('termijn');
  const sorteer = search.get('sorteer');
  const gemeente = search.get('gemeente');
  const taak = search.get('taak');
  const pagina = Number.parseInt(search.get('pagina') ?? '1', 10);
  return {
    tab: tabs.includes(tab as Tab) ? (tab as Tab) : defaultView.tab,
    gemeente: gemeente && /^\d{4}$/.test(gemeente) ? gemeente : null,
    taak: taak && /^[^:]+:[^:]+$/.test(taak) ? taak : null,
    termijn: termijn === 'te-laat' || termijn === 'deze-week' ? termijn : null,
    vrij: search.get('vrij') === 'ja',
    sorteer: sorts.includes(sorteer as Sort) ? (sorteer as Sort) : defaultView.sorteer,
    pagina: Number.isFinite(pagina) && pagina >= 1 ? pagina : 1,
  };
}

/** The URL parameters of a view; defaults are left out so the plain URL is the default view. */
export function toSearch(view: View): URLSearchParams {
  const search = new URLSearchParams();
  if (view.tab !== defaultView.tab) search.set('tab', view.tab);
  if (view.gemeente) search.set('gemeente', view.gemeente);
  if (view.taak) search.set('taak', view.taak);
  if (view.termijn) search.set('termijn', view.termijn);
  if (view.vrij) search.set('vrij', 'ja');
  if (view.sorteer !== defaultView.sorteer) search.set('sorteer', view.sorteer);
  if (view.pagina > 1) search.set('pagina', String(view.pagina));
  return search;
}

/** A change of filter starts again at page 1. */
export function withFilter(view: View, change: Partial<Omit<View, 'pagina'>>): View {
  return { ...view, ...change, pagina: 1 };
}

/** The filters shared by the list and the counts (everything but the tab, the order and the page). */
export function filterQuery(view: View): Query {
  const [definitionKey, elementId] = view.taak ? view.taak.split(':') : [undefined, undefined];
  return {
    gemeente: view.gemeente,
    definitionKey,
    elementId,
    due: view.termijn === 'te-laat' ? 'overdue' : view.termijn === 'deze-week' ? 'this-week' : undefined,
    unassigned: view.vrij || undefined,
  };
}

/** The GET /tasks query of a view. */
export function listQuery(view: View): Query {
  return {
    ...filterQuery(view),
    view: view.tab === 'mijn' ? 'mine' : view.tab === 'groep' ? 'groups' : 'all',
    sort: view.sorteer === 'vervaldatum' ? 'due' : view.sorteer === '-vervaldatum' ? '-due' : view.sorteer === 'nieuwste' ? 'created' : 'priority',
    page: view.pagina,
    pageSize,
  };
}

/** Processes whose tasks belong to the gemeente, not to one inburgeraar's traject (no dossier to open). */
const gemeenteProcesses = new Set(['casuistiekoverleg']);

/** Whether a task is the gemeente's own (e.g. the casuïstiekoverleg's agenda) rather than a step of a traject. */
export function isGemeenteTask(task: { definitionKey: string }): boolean {
  return gemeenteProcesses.has(task.definitionKey);
}
