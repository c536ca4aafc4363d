// The latest duplicate scan, kept while the app runs. A scan takes from a tenth of a second to
// several seconds on a large register, so it is not repeated on every visit: the page scans when
// it opens if there is no result yet or households or people have been written since, and
// otherwise shows the last result with "Sök igen". Pairs the coordinator settles (merged, marked
// as not duplicates) leave the list at once.
import { commands, errorMessage, hasBackend, onDataChanged, toApiFailure, unwrap, type DuplicatePair } from '$ipc';
import { SCAN_LIMIT, pairKey } from './duplicates';

/** Writes to these make an earlier scan out of date. */
const SCANNED = ['households', 'persons'];

let pairs = $state<DuplicatePair[] | null>(null);
let scannedAt = $state<Date | null>(null);
let running = $state(false);
let failure = $state<string | null>(null);
let outOfDate = true;
let listening = false;
let inFlight: Promise<void> | null = null;

export const scan = {
  get pairs(): readonly DuplicatePair[] | null {
    return pairs;
  },
  get scannedAt(): Date | null {
    return scannedAt;
  },
  get running(): boolean {
    return running;
  },
  get failure(): string | null {
    return failure;
  },
};

function listen() {
  if (listening || !hasBackend()) return;
  listening = true;
  onDataChanged((change) => {
    if (change.entities.some((e) => SCANNED.includes(e))) outOfDate = true;
  });
}

/** Scans now (or joins the scan already running). */
export function runScan(): Promise<void> {
  listen();
  if (inFlight) return inFlight;
  if (!hasBackend()) return Promise.resolve();
  running = true;
  failure = null;
  outOfDate = false;
  inFlight = commands
    .duplicateScan(SCAN_LIMIT)
    .then((result) => {
      pairs = unwrap(result);
      // Set once per scan and never mutated: a plain Date is enough.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      scannedAt = new Date();
    })
    .catch((caught: unknown) => {
      failure = errorMessage(toApiFailure(caught));
      outOfDate = true;
    })
    .finally(() => {
      running = false;
      inFlight = null;
    });
  return inFlight;
}

/** For the page opening: scans unless the last result is still current. */
export function scanIfNeeded(): void {
  listen();
  if (pairs === null || outOfDate) void runScan();
}

/** A pair the coordinator settled leaves the list without a new scan. */
export function dropPair(key: string): void {
  if (pairs !== null) pairs = pairs.filter((p) => pairKey(p) !== key);
}

/** After a merge: every pair that involves the merged record is settled or out of date. */
export function dropPairsWith(id: string): void {
  if (pairs === null) return;
  const involves = (p: DuplicatePair) =>
    [p.a.household.id, p.a.person.id, p.b.household.id, p.b.person.id].includes(id);
  pairs = pairs.filter((p) => !involves(p));
}
