import type { RouteObject } from 'react-router';
import type { NavItem } from '../shared/layout/Layout';
import { DossierPage } from './DossierPage';
import { StartTrajectPage } from './StartTrajectPage';

/** The traject's dossier and starting a traject by hand. */
export const dossierRoutes: RouteObject[] = [
  { path: 'trajecten/nieuw', element: <StartTrajectPage /> },
  { path: 'trajecten/:trajectId', element: <DossierPage /> },
];

export const dossierNav: NavItem[] = [{ to: '/trajecten/nieuw', label: 'Nieuwe melding', roles: ['consulent', 'begeleider', 'beheerder'] }];
