import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestWatchdogError, testRun } from '../../src/testing/index.js';

// The report is asl-runtime/visual's execution viewer (issue 16); its content is tested there.

const dir = mkdtempSync(join(tmpdir(), 'asl-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const machine = {
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Pass', Next: 'Charge' },
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
  },
};

describe('testRun reportOnFailure', () => {
  it('writes the execution viewer when the run fails', async () => {
    const file = join(dir, 'nested', 'failed.html');
    const r = await testRun(machine, {}, { mocks: { Charge: { throw: { error: 'CardDeclined', cause: 'insufficient funds' } } }, reportOnFailure: file });
    expect(r.status).toBe('FAILED');
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Charge');
    expect(html).toContain('CardDeclined');
  });

  it('writes the run so far when the watchdog stops it, and says where', async () => {
    const file = join(dir, 'stuck.html');
    const err = (await testRun(machine, {}, { mocks: { Charge: () => new Promise(() => {}) }, watchdogMs: 50, reportOnFailure: file }).catch((e: unknown) => e)) as TestWatchdogError;
    expect(err).toBeInstanceOf(TestWatchdogError);
    expect(err.message).toContain(file);
    expect(readFileSync(file, 'utf8')).toContain('Validate');
  });

  it('writes nothing when the run succeeds', async () => {
    const file = join(dir, 'passed.html');
    const r = await testRun(machine, {}, { mocks: { Charge: { ok: true } }, reportOnFailure: file });
    expect(r.status).toBe('SUCCEEDED');
    expect(existsSync(file)).toBe(false);
  });
});
