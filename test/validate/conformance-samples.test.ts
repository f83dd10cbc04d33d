/**
 * Every definition AWS accepted and ran (the team's recorded sample cases) must validate without
 * an ERROR. The file is read at test time when present; it is not part of this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';

const SAMPLES = new URL('../../../shared/conformance/sample-cases.json', import.meta.url);
const present = existsSync(SAMPLES);

describe.skipIf(!present)('recorded AWS sample definitions', () => {
  const cases = present ? (JSON.parse(readFileSync(SAMPLES, 'utf8')) as { cases: { id: string; definition: unknown }[] }).cases : [];

  it('validates every definition with no ERROR (object and text input)', () => {
    const failures: string[] = [];
    for (const c of cases) {
      for (const input of [c.definition, JSON.stringify(c.definition, null, 2)]) {
        const result = validate(input);
        const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
        if (errors.length > 0) failures.push(`${c.id}: ${errors.map((e) => `${e.code} ${e.location} ${e.message}`).join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  }, 60_000); // hundreds of definitions twice: a hang guard for a loaded machine, not a speed assertion

  it('never reports an internal error', () => {
    for (const c of cases) {
      expect(validate(c.definition).diagnostics.filter((d) => d.code === 'VALIDATOR_INTERNAL_ERROR')).toEqual([]);
    }
  });
});
