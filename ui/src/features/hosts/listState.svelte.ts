// The host list's filters outlive the page, so opening a host and going back returns to the
// same selection.
import type { HostStatus } from '$ipc';

export interface HostListFilters {
  query: string;
  status: HostStatus | null;
  withRoom: boolean;
}

export const hostFilters = $state<HostListFilters>({ query: '', status: null, withRoom: false });

export function clearHostFilters(): void {
  Object.assign(hostFilters, { query: '', status: null, withRoom: false });
}

export function narrowsHosts(f: HostListFilters): boolean {
  return f.query.trim() !== '' || f.status !== null || f.withRoom;
}
