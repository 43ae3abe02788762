import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { signIn } from '../auth/session';
import { useSignedInUser } from '../auth/SessionContext';
import { roleNames, useMe } from '../api/common';
import { LinkButton } from '../ui';

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to users with one of these roles (everyone when absent). */
  roles?: string[];
}

/** The page frame of every application area: skip link, header with who is signed in, navigation, main, footer. */
export function Layout({ nav, children }: { nav: NavItem[]; children: ReactNode }) {
  const user = useSignedInUser();
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const items = nav.filter((item) => !item.roles || item.roles.some((r) => user?.roles.includes(r)));
  const gemeenten = me.data?.gemeenten.map((g) => g.naam).join(', ') ?? user?.gemeenten.join(', ');
  return (
    <div className="app-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus app-skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="app-header">
        <div className="app-header__content">
          <NavLink to="/werkvoorraad" className="app-brand utrecht-link">
            Inburgering
          </NavLink>
          <nav className="app-nav" aria-label="Hoofdmenu">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="utrecht-link" end={false}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {user ? (
            <div className="app-user" data-testid="gebruiker">
              <p className="app-user__who utrecht-paragraph">
                <span className="app-visually-hidden">Aangemeld als </span>
                <strong>{me.data?.displayName ?? user.displayName}</strong> ({user.roles.map((r) => roleNames[r] ?? r).join(', ')}) · {gemeenten}
              </p>
              <LinkButton
                onClick={() => {
                  signIn().end();
                  queries.clear();
                  navigate('/aanmelden');
                }}
              >
                Afmelden
              </LinkButton>
            </div>
          ) : null}
        </div>
      </header>
      <main id="inhoud" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <div className="app-footer__content">
          <p className="utrecht-paragraph utrecht-paragraph--small app-muted">
            Inburgering — de inburgeringsketen (Wet inburgering 2021) voor de gemeenten van Ferm Werk.
          </p>
        </div>
      </footer>
    </div>
  );
}
