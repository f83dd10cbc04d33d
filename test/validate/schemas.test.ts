/** The published JSON Schemas work on their own (as an editor would load them from schemas/). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { LAMBDA } from './helpers.js';

const dir = new URL('../../schemas/', import.meta.url);
const read = (file: string): { $id: string } => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { $id: string };

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(read('defs.json'));
  for (const f of readdirSync(new URL('states/', dir))) ajv.addSchema(read(`states/${f}`));
  return ajv.compile(read('state-machine.json'));
}

describe('schemas/', () => {
  const check = compile();

  it('has one file per state type plus shared definitions, all draft 2020-12', () => {
    expect(readdirSync(new URL('states/', dir)).sort()).toEqual(['choice.json', 'fail.json', 'map.json', 'parallel.json', 'pass.json', 'succeed.json', 'task.json', 'wait.json']);
    for (const f of ['defs.json', 'state-machine.json']) expect((read(f) as { $schema?: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts valid JSONPath and JSONata definitions', () => {
    expect(check({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'a.$': '$.a' }, Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } } })).toBe(true);
    expect(check({ QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: '{% $states.input %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } })).toBe(true);
  });

  it('rejects unknown fields, fields of the other language and bad values', () => {
    expect(check({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Bogus: 1, End: true } } })).toBe(false);
    expect(check({ QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Parameters: {}, End: true } } })).toBe(false);
    expect(check({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['E'], BackoffRate: 0.1 }], End: true } } })).toBe(false);
    expect(check({ StartAt: 'T', States: { T: { Type: 'Pass', End: true, Next: 'X' } } })).toBe(true); // graph rules are validate()'s job
  });

  const samples = new URL('../../../shared/conformance/sample-cases.json', import.meta.url);
  it.skipIf(!existsSync(samples))('accepts every recorded AWS sample definition', () => {
    const cases = (JSON.parse(readFileSync(samples, 'utf8')) as { cases: { definition: unknown }[] }).cases;
    expect(cases.filter((c) => !check(c.definition))).toEqual([]);
  });
});

// Validation speed is measured by bench/validate.mjs, not asserted here (no timed assertions in tests).
