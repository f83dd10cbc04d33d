/** `asl-runtime validate` through main(), without spawning a process. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capture, scratch } from './fixtures.js';

const { dir, file } = scratch('asl-cli-');

const good = file('good.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } });
const bad = file('bad.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'C' }, B: { Type: 'Succeed' } } });
const warn = file('warn.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { x: '$.a' }, End: true } } });
const broken = file('broken.json', '{\n  "StartAt": "A",\n  "States": \n}');

describe('asl-runtime validate', () => {
  it('exits 0 for valid files', async () => {
    const c = capture();
    expect(await main(['validate', good], c.io)).toBe(0);
    expect(c.stdout()).toBe('');
    expect(c.stderr()).toContain('1 file valid');
  });

  it('prints file:line:col  CODE  message and exits 1 when a file has errors', async () => {
    const c = capture();
    expect(await main(['validate', good, bad], c.io)).toBe(1);
    const lines = c.stdout().trim().split('\n');
    expect(lines).toContain(`${bad}:6:7  MISSING_TRANSITION_TARGET  transition target 'C' is not a state of this state machine; did you mean 'A'?`);
    expect(lines.some((l) => l.startsWith(`${bad}:`) && l.includes('  UNREACHABLE_STATE  '))).toBe(true);
    expect(lines.every((l) => !l.startsWith(good))).toBe(true);
  });

  it('refuses a file that is not UTF-8 instead of replacing its bytes', async () => {
    const latin1 = join(dir, 'latin1.asl.json');
    // "Café" in Latin-1: the 0xE9 byte is not UTF-8.
    writeFileSync(latin1, Buffer.concat([Buffer.from('{"StartAt":"Caf'), Buffer.from([0xe9]), Buffer.from('","States":{"Caf'), Buffer.from([0xe9]), Buffer.from('":{"Type":"Succeed"}}}')]));
    const c = capture();
    expect(await main(['validate', latin1], c.io)).toBe(1);
    expect(c.stdout()).toContain('FILE_NOT_READABLE');
    expect(c.stdout()).toContain('not UTF-8');
  });

  it('reports invalid JSON with its position', async () => {
    const c = capture();
    expect(await main(['validate', broken], c.io)).toBe(1);
    expect(c.stdout()).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1  INVALID_JSON_DESCRIPTION  `));
  });

  it('shows warnings only with --warnings, and warnings alone do not fail', async () => {
    const quiet = capture();
    expect(await main(['validate', warn], quiet.io)).toBe(0);
    expect(quiet.stdout()).toBe('');
    const loud = capture();
    expect(await main(['validate', '--warnings', warn], loud.io)).toBe(0);
    expect(loud.stdout()).toContain('  NO_DOLLAR  ');
  });

  it('--format json prints one result per file', async () => {
    const c = capture();
    expect(await main(['validate', '--format', 'json', good, bad], c.io)).toBe(1);
    const parsed = JSON.parse(c.stdout()) as { file: string; valid: boolean; diagnostics: { code: string; location: string; line: number }[] }[];
    expect(parsed.map((r) => [r.file, r.valid])).toEqual([[good, true], [bad, false]]);
    expect(parsed[1]?.diagnostics.map((d) => `${d.code} ${d.location}`)).toContain('MISSING_TRANSITION_TARGET /States/A/Next');
  });

  it('--type EXPRESS applies Express restrictions', async () => {
    const sync = file('sync.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true } } });
    expect(await main(['validate', sync], capture().io)).toBe(0);
    expect(await main(['validate', '--type=EXPRESS', sync], capture().io)).toBe(1);
  });

  it('reports a missing file', async () => {
    const c = capture();
    expect(await main(['validate', join(dir, 'nope.json')], c.io)).toBe(1);
    expect(c.stdout()).toContain('FILE_NOT_READABLE');
  });

  it('usage errors exit 2', async () => {
    expect(await main(['validate'], capture().io)).toBe(2);
    expect(await main(['validate', '--format', 'xml', good], capture().io)).toBe(2);
    expect(await main(['validate', '--bogus', good], capture().io)).toBe(2);
    const c = capture();
    expect(await main(['valdate', good], c.io)).toBe(2);
    expect(c.stderr()).toContain("did you mean 'validate'");
    expect(await main([], capture().io)).toBe(2);
  });

  it('--help exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.stdout()).toContain('validate');
    const v = capture();
    expect(await main(['validate', '--help'], v.io)).toBe(0);
    expect(v.stdout()).toContain('--format');
  });
});

describe('asl-runtime validate with YAML', () => {
  it('validates a YAML definition and reports problems at YAML line and column', async () => {
    const okFile = file('ok.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n');
    let c = capture();
    expect(await main(['validate', okFile], c.io)).toBe(0);
    const badFile = file('bad.asl.yml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n');
    c = capture();
    expect(await main(['validate', badFile, '--format', 'json'], c.io)).toBe(1);
    const [result] = JSON.parse(c.stdout());
    const missing = result.diagnostics.find((d: { code: string }) => d.code === 'MISSING_TRANSITION_TARGET');
    expect(missing).toMatchObject({ location: '/States/A/Next', line: 5, column: 11 });
  });

  it('reports malformed YAML with its position', async () => {
    const broken = file('broken.asl.yaml', 'StartAt: A\nStates: [\n');
    const c = capture();
    expect(await main(['validate', broken, '--format', 'json'], c.io)).toBe(1);
    expect(JSON.parse(c.stdout())[0].diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION' });
  });
});
