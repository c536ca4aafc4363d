import { describe, expect, it } from 'vitest';
import { href, isRouteHash, parseHash, sectionOf, type Route } from './router.svelte';

describe('parseHash', () => {
  it('opens the dashboard when there is no hash', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
  });

  it('reads a household id from #/households/<id>', () => {
    expect(parseHash('#/households/abc')).toEqual({ name: 'households-detail', id: 'abc' });
  });

  it('reads an organisation id and decodes it', () => {
    expect(parseHash('#/organisations/a%20b')).toEqual({
      name: 'organisations-detail',
      id: 'a b',
    });
  });

  it('tolerates a trailing slash', () => {
    expect(parseHash('#/households/')).toEqual({ name: 'households' });
  });

  it('reads the search query', () => {
    expect(parseHash('#/search?q=%C3%96stersund')).toEqual({ name: 'search', query: 'Östersund' });
  });

  it('sends unknown or too deep paths to not-found instead of guessing', () => {
    expect(parseHash('#/nowhere').name).toBe('not-found');
    expect(parseHash('#/households/abc/extra').name).toBe('not-found');
    expect(parseHash('#/tasks/abc').name).toBe('not-found');
    expect(parseHash('#/households/%E0%A4%A').name, 'malformed escape').toBe('not-found');
  });
});

describe('href', () => {
  const routes: Route[] = [
    { name: 'dashboard' },
    { name: 'households' },
    { name: 'households-detail', id: '0190a7e2-7c1d-7c3e-9b1a-2f4c5d6e7f80' },
    { name: 'board' },
    { name: 'organisations' },
    { name: 'organisations-detail', id: 'id/with/slashes' },
    { name: 'tasks' },
    { name: 'projects' },
    { name: 'projects-detail', id: '0190a7e2-7c1d-7c3e-9b1a-2f4c5d6e7f81' },
    { name: 'reports-detail', id: '0190a7e2-7c1d-7c3e-9b1a-2f4c5d6e7f82' },
    { name: 'search', query: 'Åre & Östersund' },
    { name: 'search', query: '' },
    { name: 'data' },
    { name: 'data-import' },
    { name: 'data-audit', record: null },
    { name: 'data-audit', record: '0190a7e2-7c1d-7c3e-9b1a-2f4c5d6e7f83' },
  ];

  it.each(routes)('round-trips through parseHash: %o', (route) => {
    expect(parseHash(href(route))).toEqual(route);
  });
});

describe('sections', () => {
  it('keeps a detail page under its list in the navigation', () => {
    expect(sectionOf({ name: 'households-detail', id: 'x' })).toBe('households');
    expect(sectionOf({ name: 'search', query: '' })).toBeNull();
  });

  it('puts the import wizard under Data, and only #/data/import', () => {
    expect(parseHash('#/data/import')).toEqual({ name: 'data-import' });
    expect(sectionOf({ name: 'data-import' })).toBe('data');
    expect(parseHash('#/data/other').name).toBe('not-found');
  });

  it('puts the audit log under Data, for the whole log or one record', () => {
    expect(parseHash('#/data/audit')).toEqual({ name: 'data-audit', record: null });
    expect(parseHash('#/data/audit?record=h1')).toEqual({ name: 'data-audit', record: 'h1' });
    expect(sectionOf({ name: 'data-audit', record: null })).toBe('data');
  });

  it('ignores in-page anchors such as the skip link', () => {
    expect(isRouteHash('#main-content')).toBe(false);
    expect(isRouteHash('#/tasks')).toBe(true);
  });
});
