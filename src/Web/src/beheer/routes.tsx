import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';

/**
 * Beheer (operations): overdue and soon-due trajecten per gemeente, incidents with retry, counts per schakel, the quarterly
 * export. Built on the shared kernel (sign-in, api client, layout, dates, errors) like werkvoorraad/ and dossier/: add
 * pages here and their routes and menu items below; src/app/App.tsx needs no change.
 */
export const beheerRoutes: RouteObject[] = [];

export const beheerNav: NavItem[] = [];
