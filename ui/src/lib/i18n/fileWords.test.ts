// The report files Landa writes (crates/landa-core/src/labels.rs) and the screens must call an
// indicator, a 4T category and an event kind by the same name: a funder compares the PDF with
// what the coordinator showed them. This reads the Rust source and compares the words.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';

// Tests run from ui/ (npm test), so the repository root is one up.
const source = readFileSync(resolve(process.cwd(), '../crates/landa-core/src/labels.rs'), 'utf8');
import { en } from './en';
import { sv } from './sv';


/** The `Variant => ("sv", "en")` pairs of one `pub fn name(…)` in labels.rs. */
function pairs(fn: string): [string, string, string][] {
  const start = source.indexOf(`pub fn ${fn}(`);
  expect(start, `labels.rs has fn ${fn}`).toBeGreaterThan(-1);
  const end = source.indexOf('\n}\n', start);
  const body = source.slice(start, end);
  const re = /(\w+)\s*=>\s*\(\s*"([^"]*)",\s*"([^"]*)",?\s*\)/g;
  return [...body.matchAll(re)].map((m) => [m[1] ?? "", m[2] ?? "", m[3] ?? ""]);
}

const snake = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const dict = (lang: Record<string, string>, key: string) => lang[key];

describe('words shared with the report files', () => {
  const cases: [string, string][] = [
    ['indicator', 'indicator'],
    ['target_status', 'targetStatus'],
    ['four_t', 'fourT'],
    ['event_kind', 'eventKind'],
    ['org_kind', 'orgKind'],
  ];
  it.each(cases)('labels.rs %s matches the UI keys %s.*', (fn, prefix) => {
    const found = pairs(fn);
    expect(found.length).toBeGreaterThan(3);
    for (const [variant, svWord, enWord] of found) {
      const key = `${prefix}.${snake(variant)}`;
      expect(dict(sv, key), `sv ${key}`).toBe(svWord);
      expect(dict(en, key), `en ${key}`).toBe(enWord);
    }
  });
});
