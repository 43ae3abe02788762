import type { RouteObject } from 'react-router';
import type { NavItem } from '../../shared/layout/Layout';
import { MigratiePage } from './MigratiePage';

/** Instance migration: plan, dry run, batch. */
export const migratieRoutes: RouteObject[] = [{ path: 'studio/migratie', element: <MigratiePage /> }];

export const migratieNav: NavItem[] = [{ to: '/studio/migratie', label: 'Migreren', roles: ['procesontwerper', 'beheerder'] }];
