/** `asl-runtime run`: in-process through main(), and once end to end as a spawned process. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capture, scratch } from './fixtures.js';

const { dir, file } = scratch('asl-run-');
const order = 'examples/order-fulfilment/state-machine.asl.json';
const handlers = 'examples/order-fulfilment/handlers.mjs';

describe('asl-runtime run', () => {
  it('prints each state with its (virtual) duration and the output; exit 0', async () => {
    const c = capture();
    const code = await main(['run', order, '--handlers', handlers, '--input', '{"orderId":"X","items":[{"sku":"pear","qty":1,"price":1}]}', '--virtual-time'], c.io);
    expect(code).toBe(0);
    expect(c.stdout()).toMatch(/Wait\s+WaitForCourier\s+1 h 0 min/);
    expect(c.stdout()).toContain('SUCCEEDED');
    expect(c.stdout()).toContain('"message": "Order X shipped with tracking TRK-X"');
  });

  it('refuses a handlers module whose handlers export is not an object', async () => {
    const bad = file('bad-handlers.mjs', 'export const handlers = 5;\n');
    const def = file('pass.json', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const c = capture();
    expect(await main(['run', def, '--handlers', bad], c.io)).not.toBe(0);
    expect(c.stderr()).toContain("exports 'handlers' that is not an object of functions");
  });

  it('reports a failed execution with exit 1 and --format json', async () => {
    const c = capture();
    const def = file('fail.json', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'c' } } });
    expect(await main(['run', def, '--format', 'json', '--history'], c.io)).toBe(1);
    const out = JSON.parse(c.stdout());
    expect(out).toMatchObject({ status: 'FAILED', error: 'E', cause: 'c' });
    expect(out.history.map((e: { type: string }) => e.type)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('exits 3 for a timed-out execution', async () => {
    const def = file('slow.json', { TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    expect(await main(['run', def, '--virtual-time'], capture().io)).toBe(3);
  });

  it('gives clear errors for a missing file, bad JSON input, an invalid definition and bad options', async () => {
    let c = capture();
    expect(await main(['run', join(dir, 'missing.json')], c.io)).toBe(1);
    expect(c.stderr()).toContain('cannot read the definition file');
    c = capture();
    expect(await main(['run', order, '--input', '{oops'], c.io)).toBe(1);
    expect(c.stderr()).toContain('--input is not valid JSON');
    c = capture();
    expect(await main(['run', file('invalid.json', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Z' } } })], c.io)).toBe(1);
    expect(c.stderr()).toContain('MISSING_TRANSITION_TARGET');
    c = capture();
    expect(await main(['run', order, '--bogus'], c.io)).toBe(2);
    c = capture();
    expect(await main(['run', order, '--handlers', join(dir, 'nope.mjs')], c.io)).toBe(1);
    expect(c.stderr()).toContain('cannot load the handlers module');
  });

  // The built command, spawned as a user runs it (npm test builds dist/ first).
  it('runs end to end as a process', async () => {
    expect(existsSync('dist/cli.js')).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'run', order, '--handlers', handlers, '--input', '{"orderId":"P","items":[{"sku":"apple","qty":1,"price":1}]}', '--virtual-time', '--format', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'SUCCEEDED', output: { orderId: 'P', status: 'SHIPPED' } });
  });
});

describe('asl-runtime run --mock-config', () => {
  const config = file('MockConfigFile.json', {
    StateMachines: { Orders: { TestCases: { HappyPath: { ValidateOrder: 'Valid', Reserve: 'Reserved', Charge: 'Charged', Ship: 'Shipped' } } } },
    MockedResponses: {
      Valid: { '0': { Return: { Payload: { valid: true, total: 5 }, StatusCode: 200 } } },
      Reserved: { '0-1': { Return: { ok: true } } },
      Charged: { '0': { Return: { Payload: { charged: 5 } } } },
      Shipped: { '0': { Return: { Payload: { tracking: 'T-1' } } } },
    },
  });
  const input = JSON.stringify({ orderId: 'M', items: [{ sku: 'a', qty: 1, price: 5 }, { sku: 'b', qty: 1, price: 1 }] });

  it('runs a test case of an AWS Step Functions Local mock-config file', async () => {
    const c = capture();
    expect(await main(['run', order, '--input', input, '--mock-config', config, '--test-case', 'HappyPath', '--virtual-time', '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toMatchObject({ status: 'SUCCEEDED', output: { message: 'Order M shipped with tracking T-1' } });
  });

  it('names the known test cases when the one asked for does not exist', async () => {
    const c = capture();
    expect(await main(['run', order, '--mock-config', config, '--test-case', 'Nope'], c.io)).toBe(1);
    expect(c.stderr()).toContain("Unknown test case 'Nope'");
    expect(c.stderr()).toContain('HappyPath');
  });
});

describe('asl-runtime run with YAML', () => {
  it('runs a YAML definition', async () => {
    const def = file('hello.asl.yaml', 'StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result: hi\n    End: true\n');
    const c = capture();
    expect(await main(['run', def, '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: 'hi' });
  });
});
