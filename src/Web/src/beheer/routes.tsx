import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';
import { AchterstandenPage } from './AchterstandenPage';
import { CijfersPage } from './CijfersPage';
import { IncidentenPage } from './IncidentenPage';

/**
 * Beheer (operations): overdue and soon-due trajecten per gemeente, the quarter's counts with charts and export, incidents
 * with retry. Beheerders only (the API refuses everyone else with 403).
 */
export const beheerRoutes: RouteObject[] = [
  { path: 'beheer/achterstanden', element: <AchterstandenPage /> },
  { path: 'beheer/cijfers', element: <CijfersPage /> },
  { path: 'beheer/incidenten', element: <IncidentenPage /> },
];

export const beheerNav: NavItem[] = [
  { to: '/beheer/achterstanden', label: 'Achterstanden', roles: ['beheerder'] },
  { to: '/beheer/cijfers', label: 'Cijfers', roles: ['beheerder'] },
  { to: '/beheer/incidenten', label: 'Incidenten', roles: ['beheerder'] },
];
