import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';
import { migratieNav, migratieRoutes } from './migratie/routes';
import { proberenNav, proberenRoutes } from './proberen/routes';

/**
 * Studio (procesontwerpers): the bpmn-js modeler with properties panel, element templates, linting, simulation and deploy.
 * Load bpmn-js with a dynamic import inside its pages (as dossier/ does), so other areas do not carry it.
 */
export const studioRoutes: RouteObject[] = [];

export const studioNav: NavItem[] = [];

// Try before publishing and instance migration (their own folders and route arrays).
studioRoutes.push(...proberenRoutes, ...migratieRoutes);
studioNav.push(...proberenNav, ...migratieNav);
