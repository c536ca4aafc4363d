import { events, type DataChanged } from './bindings';
import { hasBackend } from './runtime';

/**
 * Calls `handler` whenever the backend reports written records (`DataChanged`: which
 * entities, which ids). Returns an unsubscribe function, so it fits a Svelte `$effect`.
 * Views decide for themselves whether a change concerns them.
 */
export function onDataChanged(handler: (change: DataChanged) => void): () => void {
  if (!hasBackend()) return () => {};
  let stop: (() => void) | undefined;
  let stopped = false;
  void events.dataChanged
    .listen((event) => handler(event.payload))
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
  return () => {
    stopped = true;
    stop?.();
  };
}
