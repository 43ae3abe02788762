import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';

/**
 * Beheer (operations): overdue and soon-due trajecten per gemeente, the quarter's counts with charts and export, incidents
 * with retry, partner calls waiting out their back-off with "nu opnieuw proberen". Beheerders only (the API refuses everyone else with 403). The pages load on first use, so ECharts is not part
 * of what a consulent downloads.
 */
export const beheerRoutes: RouteObject[] = [
  { path: 'beheer/achterstanden', lazy: async () => ({ Component: (await import('./AchterstandenPage')).AchterstandenPage }) },
  { path: 'beheer/cijfers', lazy: async () => ({ Component: (await import('./CijfersPage')).CijfersPage }) },
  { path: 'beheer/incidenten', lazy: async () => ({ Component: (await import('./IncidentenPage')).IncidentenPage }) },
  { path: 'beheer/wachtende-aanroepen', lazy: async () => ({ Component: (await import('./WachtendeAanroepenPage')).WachtendeAanroepenPage }) },
];

export const beheerNav: NavItem[] = [
  { to: '/beheer/achterstanden', label: 'Achterstanden', roles: ['beheerder'] },
  { to: '/beheer/cijfers', label: 'Cijfers', roles: ['beheerder'] },
  { to: '/beheer/incidenten', label: 'Incidenten', roles: ['beheerder'] },
  { to: '/beheer/wachtende-aanroepen', label: 'Wachtende aanroepen', roles: ['beheerder'] },
];
