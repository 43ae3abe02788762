import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';
import { TaskPage } from './TaskPage';
import { WerkvoorraadPage } from './WerkvoorraadPage';

/** The werkvoorraad: the consulent's task list and the task page. */
export const werkvoorraadRoutes: RouteObject[] = [
  { path: 'werkvoorraad', element: <WerkvoorraadPage /> },
  { path: 'taken/:taskId', element: <TaskPage /> },
];

export const werkvoorraadNav: NavItem[] = [{ to: '/werkvoorraad', label: 'Werkvoorraad' }];
