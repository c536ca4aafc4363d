// A hash router: the app is served from files inside the Tauri bundle, so the hash is the
// only part of the URL we own. Routes are a closed union so each page gets typed params.

export type Route =
  | { name: 'dashboard' }
  | { name: 'households' }
  | { name: 'households-detail'; id: string }
  | { name: 'board' }
  | { name: 'organisations' }
  | { name: 'organisations-detail'; id: string }
  | { name: 'tasks' }
  | { name: 'events' }
  | { name: 'events-detail'; id: string }
  | { name: 'outcomes' }
  | { name: 'hosts' }
  | { name: 'hosts-detail'; id: string }
  | { name: 'matching' }
  | { name: 'jobs' }
  | { name: 'data' }
  | { name: 'data-import' }
  /** The audit browser; `record` narrows it to one record's history. */
  | { name: 'data-audit'; record: string | null }
  | { name: 'duplicates' }
  | {
      name: 'duplicates-merge';
      entity: MergeRouteEntity;
      kept: string;
      merged: string;
      /** For two people: their household, shown after the merge. */
      household: string | null;
    }
  | { name: 'projects' }
  | { name: 'projects-detail'; id: string }
  | { name: 'reports-detail'; id: string }
  | { name: 'fair'; id: string }
  | { name: 'search'; query: string }
  | { name: 'not-found'; path: string };

export type RouteName = Route['name'];

/** What the merge screen merges (the backend's `MergeEntity`). */
export type MergeRouteEntity = 'households' | 'persons' | 'organisations';
const MERGE_ENTITIES: readonly string[] = ['households', 'persons', 'organisations'];

/** Top-level sections, used to highlight the navigation entry a route belongs to. */
export type Section =
  | 'dashboard'
  | 'households'
  | 'board'
  | 'organisations'
  | 'events'
  | 'hosts'
  | 'jobs'
  | 'projects'
  | 'tasks'
  | 'duplicates'
  | 'data';

/** Whether a hash is meant for the router (`#/…`), as opposed to an in-page anchor. */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed %-escape
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const queryStart = raw.indexOf('?');
  const pathPart = queryStart === -1 ? raw : raw.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : raw.slice(queryStart + 1));
  const segments = pathPart.split('/').filter((s) => s !== '');
  const notFound: Route = { name: 'not-found', path: `/${pathPart}` };

  const [first, second, ...rest] = segments;
  if (rest.length > 0) return notFound;
  if (first === undefined) return { name: 'dashboard' };

  const id = second === undefined ? undefined : decodeSegment(second);
  if (id === null) return notFound;

  switch (first) {
    case 'dashboard':
    case 'board':
    case 'tasks':
    case 'outcomes':
    case 'matching':
    case 'jobs':
      return id === undefined ? { name: first } : notFound;
    case 'data':
      if (id === undefined) return { name: 'data' };
      if (id === 'audit') return { name: 'data-audit', record: query.get('record') || null };
      return id === 'import' ? { name: 'data-import' } : notFound;
    case 'duplicates': {
      if (id === undefined) return { name: 'duplicates' };
      const entity = query.get('entity') ?? '';
      const kept = query.get('kept') ?? '';
      const merged = query.get('merged') ?? '';
      if (id !== 'merge' || !MERGE_ENTITIES.includes(entity) || kept === '' || merged === '') return notFound;
      return {
        name: 'duplicates-merge',
        entity: entity as MergeRouteEntity,
        kept,
        merged,
        household: query.get('household') || null,
      };
    }
    case 'projects':
      return id === undefined ? { name: 'projects' } : { name: 'projects-detail', id };
    case 'reports':
      return id === undefined ? notFound : { name: 'reports-detail', id };
    case 'hosts':
      return id === undefined ? { name: 'hosts' } : { name: 'hosts-detail', id };
    case 'events':
      return id === undefined ? { name: 'events' } : { name: 'events-detail', id };
    case 'fair':
      return id === undefined ? notFound : { name: 'fair', id };
    case 'households':
      return id === undefined ? { name: 'households' } : { name: 'households-detail', id };
    case 'organisations':
      return id === undefined ? { name: 'organisations' } : { name: 'organisations-detail', id };
    case 'search':
      return id === undefined ? { name: 'search', query: query.get('q') ?? '' } : notFound;
    default:
      return notFound;
  }
}

/** The hash for a route, e.g. `#/households/0190…`. Inverse of `parseHash`. */
export function href(route: Route): string {
  switch (route.name) {
    case 'households-detail':
      return `#/households/${encodeURIComponent(route.id)}`;
    case 'organisations-detail':
      return `#/organisations/${encodeURIComponent(route.id)}`;
    case 'events-detail':
      return `#/events/${encodeURIComponent(route.id)}`;
    case 'hosts-detail':
      return `#/hosts/${encodeURIComponent(route.id)}`;
    case 'projects-detail':
      return `#/projects/${encodeURIComponent(route.id)}`;
    case 'reports-detail':
      return `#/reports/${encodeURIComponent(route.id)}`;
    case 'fair':
      return `#/fair/${encodeURIComponent(route.id)}`;
    case 'data-import':
      return '#/data/import';
    case 'data-audit':
      return route.record === null
        ? '#/data/audit'
        : `#/data/audit?${new URLSearchParams({ record: route.record }).toString()}`;
    case 'duplicates-merge': {
      const query = new URLSearchParams({ entity: route.entity, kept: route.kept, merged: route.merged });
      if (route.household !== null) query.set('household', route.household);
      return `#/duplicates/merge?${query.toString()}`;
    }
    case 'search':
      return route.query === ''
        ? '#/search'
        : `#/search?${new URLSearchParams({ q: route.query }).toString()}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'dashboard':
    case 'board':
    case 'tasks':
    case 'data':
      return route.name;
    case 'data-import':
    case 'data-audit':
      return 'data';
    case 'duplicates':
    case 'duplicates-merge':
      return 'duplicates';
    case 'households':
    case 'households-detail':
      return 'households';
    case 'organisations':
    case 'organisations-detail':
      return 'organisations';
    case 'events':
    case 'events-detail':
    case 'outcomes':
    case 'fair':
      return 'events';
    case 'hosts':
    case 'hosts-detail':
    case 'matching':
      return 'hosts';
    case 'jobs':
      return 'jobs';
    case 'projects':
    case 'projects-detail':
    case 'reports-detail':
      return 'projects';
    default:
      return null;
  }
}
