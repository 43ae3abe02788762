import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';
import { migratieNav, migratieRoutes } from './migratie/routes';
import { proberenNav, proberenRoutes } from './proberen/routes';

/**
 * Studio (procesontwerpers): definitions and their versions, the modeler (bpmn-js with the Camunda 7 properties panel,
 * element templates from the activity catalogue and the engine's lint), deploy, compare versions, and the form editor.
 * Every page is a lazy route, so the werkvoorraad never downloads bpmn-js or form-js.
 *
 * Composed of one route array per page group: other studio pages (migratie/, proberen/) add their own array here.
 */
const studioPages: RouteObject[] = [
  { path: 'studio', lazy: async () => ({ Component: (await import('./StudioHomePage')).StudioHomePage }) },
  { path: 'studio/definities/:key', lazy: async () => ({ Component: (await import('./VersionsPage')).VersionsPage }) },
  { path: 'studio/definities/:key/vergelijken', lazy: async () => ({ Component: (await import('./DiffPage')).DiffPage }) },
  { path: 'studio/ontwerpen/:key', lazy: async () => ({ Component: (await import('./ModelerPage')).ModelerPage }) },
];

const formPages: RouteObject[] = [
  { path: 'studio/formulieren', lazy: async () => ({ Component: (await import('./FormsPage')).FormsPage }) },
  { path: 'studio/formulieren/:key', lazy: async () => ({ Component: (await import('./FormEditorPage')).FormEditorPage }) },
];

// Try before publishing and instance migration: their own folders and route arrays.
export const studioRoutes: RouteObject[] = [...studioPages, ...formPages, ...proberenRoutes, ...migratieRoutes];

export const studioNav: NavItem[] = [{ to: '/studio', label: 'Studio', roles: ['procesontwerper', 'beheerder'] }, ...proberenNav, ...migratieNav];
