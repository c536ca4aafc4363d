// Reactive half of the hash router; the pure route table and parsing live in ./routes.
import { isRouteHash, parseHash, href, type Route } from './routes';

export * from './routes';

let current = $state<Route>(
  typeof location === 'undefined' ? { name: 'dashboard' } : parseHash(location.hash),
);

export const router = {
  /** The current route; reactive when read in a component or effect. */
  get route(): Route {
    return current;
  },
};

export function navigate(to: Route): void {
  const target = href(to);
  if (location.hash === target) current = parseHash(target);
  else location.hash = target;
}

/** Starts following `hashchange`; returns the function that stops it (use in `$effect`). */
export function startRouter(): () => void {
  const sync = () => {
    if (isRouteHash(location.hash)) current = parseHash(location.hash);
  };
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
