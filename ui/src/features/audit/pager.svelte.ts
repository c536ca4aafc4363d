// A log read a page at a time ("Visa fler"), newest first. A new filter starts again from the
// top; an answer to an older filter that arrives late is dropped.
import type { Result } from '$ipc';
import { thrownFormError, formError, type CommandError, type FormError } from '$lib/formErrors';

export interface LogPage<T> {
  entries: T[];
  next_cursor: string | null;
}

/** Asks the backend for the page that starts at `cursor` (the newest when `null`). */
export type FetchPage<T> = (cursor: string | null) => Promise<Result<LogPage<T>, CommandError>>;

export class Pager<T> {
  entries = $state<T[]>([]);
  /** Where the next page starts; `null` when every entry is shown. */
  next = $state<string | null>(null);
  loading = $state(false);
  /** Whether the first page of the current filter has arrived. */
  loaded = $state(false);
  /** What went wrong, as a sentence (next to its field when the backend named one). */
  error = $state<FormError | null>(null);

  #fetch: FetchPage<T> | null = null;
  #generation = 0;

  /** Reads the newest page with a new filter, dropping what was shown. */
  async reset(fetch: FetchPage<T>): Promise<void> {
    this.#fetch = fetch;
    this.#generation++;
    this.entries = [];
    this.next = null;
    this.loaded = false;
    this.error = null;
    await this.#load(fetch, null, this.#generation);
  }

  /** Appends the next page, if there is one and none is on its way. */
  async more(): Promise<void> {
    if (this.#fetch === null || this.next === null || this.loading) return;
    await this.#load(this.#fetch, this.next, this.#generation);
  }

  /** Stops showing anything (a filter the page knows is wrong); late answers are dropped. */
  clear(): void {
    this.#fetch = null;
    this.#generation++;
    this.entries = [];
    this.next = null;
    this.loaded = false;
    this.loading = false;
  }

  async #load(fetch: FetchPage<T>, cursor: string | null, generation: number): Promise<void> {
    this.loading = true;
    try {
      const result = await fetch(cursor);
      if (generation !== this.#generation) return;
      if (result.status === 'error') {
        this.error = formError(result.error);
        return;
      }
      this.entries = cursor === null ? result.data.entries : [...this.entries, ...result.data.entries];
      this.next = result.data.next_cursor;
      this.loaded = true;
      this.error = null;
    } catch (caught) {
      if (generation === this.#generation) this.error = thrownFormError(caught);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
