// The batch proposal as the coordinator edits it: the backend's optimal assignment is the
// starting point; each row can get another host or be left out before the kept pairs are
// proposed together. Nothing here talks to the backend.
import type { BatchProposal, Candidate, HostRow, PairInput, Score } from '$ipc';

export interface BatchChoice {
  householdId: string;
  householdName: string;
  arrivedOn: string | null;
  hostId: string | null;
  hostName: string | null;
  score: Score | null;
  /** Ticked: proposed with the others. */
  keep: boolean;
  /** The coordinator chose another host than the computed one. */
  changed: boolean;
}

export function choicesFrom(proposal: BatchProposal): BatchChoice[] {
  return proposal.rows.map((row) => ({
    householdId: row.household.id,
    householdName: row.household.name,
    arrivedOn: row.arrived_on,
    hostId: row.host?.id ?? null,
    hostName: row.host?.name ?? null,
    score: row.score,
    keep: row.host !== null,
    changed: false,
  }));
}

/** The row for `householdId` with `candidate` as its host; ticked, since it was just chosen. */
export function withHost(
  choices: readonly BatchChoice[],
  householdId: string,
  candidate: Pick<Candidate, 'host' | 'score'>,
): BatchChoice[] {
  return choices.map((c) =>
    c.householdId === householdId
      ? {
          ...c,
          hostId: candidate.host.id,
          hostName: candidate.host.name,
          score: candidate.score,
          keep: true,
          changed: true,
        }
      : c,
  );
}

export function withKeep(choices: readonly BatchChoice[], householdId: string, keep: boolean): BatchChoice[] {
  return choices.map((c) => (c.householdId === householdId ? { ...c, keep: keep && c.hostId !== null } : c));
}

/** Ticked rows that have a host, as the pairs `proposeMatches` takes. */
export function pairsToPropose(choices: readonly BatchChoice[]): PairInput[] {
  return choices
    .filter((c) => c.keep && c.hostId !== null)
    .map((c) => ({ household_id: c.householdId, host_id: c.hostId as string }));
}

export function selectionTotals(choices: readonly BatchChoice[]): { count: number; total: number } {
  let count = 0;
  let total = 0;
  for (const c of choices) {
    if (!c.keep || c.hostId === null) continue;
    count += 1;
    total += c.score?.total ?? 0;
  }
  return { count, total };
}

/** Free places per host: active hosts only, capacity minus the places open matches hold. */
export function freePlaces(hosts: readonly Pick<HostRow, 'id' | 'status' | 'capacity' | 'load'>[]): Map<string, number> {
  const free = new Map<string, number>();
  for (const h of hosts) free.set(h.id, h.status === 'active' ? Math.max(0, h.capacity - h.load) : 0);
  return free;
}

/**
 * Hosts given more ticked rows than they have free places. The backend refuses the whole
 * batch then, so the page marks those rows before anything is sent. Hosts missing from
 * `free` are not judged (their places are not known here).
 */
export function overbooked(choices: readonly BatchChoice[], free: ReadonlyMap<string, number>): Set<string> {
  const used = new Map<string, number>();
  for (const c of choices) {
    if (c.keep && c.hostId !== null) used.set(c.hostId, (used.get(c.hostId) ?? 0) + 1);
  }
  const over = new Set<string>();
  for (const [hostId, n] of used) {
    const places = free.get(hostId);
    if (places !== undefined && n > places) over.add(hostId);
  }
  return over;
}
