import type { RouteObject } from 'react-router';
import type { NavItem } from '../../shared/layout/Layout';
import { ProberenPage } from './ProberenPage';

/** Try a draft through the keten's scenarios in the sandbox. */
export const proberenRoutes: RouteObject[] = [{ path: 'studio/proberen', element: <ProberenPage /> }];

export const proberenNav: NavItem[] = [{ to: '/studio/proberen', label: 'Proberen', roles: ['procesontwerper', 'beheerder'] }];
