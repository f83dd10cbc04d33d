/** `asl-runtime graph`, `asl-runtime view` and `asl-runtime run --report`. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capture, scratch } from '../cli/fixtures.js';

// Generous: the first run imports the runtime and the layout library on a shared 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const { dir, file } = scratch('asl-visual-cli-');
const order = 'examples/order-fulfilment/state-machine.asl.json';
const handlers = 'examples/order-fulfilment/handlers.mjs';
const input = '{"orderId":"V","items":[{"sku":"pear","qty":1,"price":1}]}';

describe('asl-runtime graph', () => {
  it('prints Mermaid by default and writes SVG or DOT with -o', async () => {
    let c = capture();
    expect(await main(['graph', order], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/^flowchart TD\n/);
    expect(c.stdout()).toContain('n1{"IsValid"}');

    c = capture();
    const svg = join(dir, 'order.svg');
    expect(await main(['graph', order, '--format', 'svg', '-o', svg], c.io)).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*data-state="ReserveItems"[\s\S]*<\/svg>$/);
    expect(c.stderr()).toBe(`wrote ${svg}\n`);

    c = capture();
    expect(await main(['graph', order, '--format=dot'], c.io)).toBe(0);
    expect(c.stdout()).toContain('digraph "state machine" {');
  });

  it('colours by outcome from a history saved by run --format json --history', async () => {
    const c = capture();
    await main(['run', order, '--handlers', handlers, '--input', input, '--virtual-time', '--format', 'json', '--history'], c.io);
    const history = file('run.json', c.stdout());
    const g = capture();
    expect(await main(['graph', order, '--history', history], g.io)).toBe(0);
    expect(g.stdout()).toMatch(/class [n\d,]+ succeeded/);
    expect(g.stdout()).toContain('class n3 notRun'); // Rejected
  });

  it('reads YAML, reports an invalid definition with its location (exit 1) and bad options (exit 2)', async () => {
    let c = capture();
    const yaml = file('m.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n');
    expect(await main(['graph', yaml], c.io)).toBe(0);
    expect(c.stdout()).toContain('n0["A"]');

    c = capture();
    const bad = file('bad.json', '{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Pass", "Next": "Z" } }\n}');
    expect(await main(['graph', bad], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/bad\.json:3:\d+.*MISSING_TRANSITION_TARGET/);

    c = capture();
    expect(await main(['graph', order, '--format', 'png'], c.io)).toBe(2);
    expect(c.stderr()).toContain('--format must be mermaid, dot or svg');
    expect(await main(['graph'], capture().io)).toBe(2);
    c = capture();
    expect(await main(['graph', join(dir, 'missing.json')], c.io)).toBe(1);
    expect(c.stderr()).toContain('cannot read the definition file');
  });
});

describe('asl-runtime run --report', () => {
  it('writes the viewer for the run', async () => {
    const report = join(dir, 'run.html');
    const c = capture();
    expect(await main(['run', order, '--handlers', handlers, '--input', input, '--virtual-time', '--report', report], c.io)).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('id="asl-status">SUCCEEDED<');
    expect(html).toContain('data-state="WaitForCourier" data-outcome="succeeded"');
    expect(c.stderr()).toContain(`wrote ${report}`);
  });
});

describe('asl-runtime view', () => {
  const events = [
    { id: 1, previousEventId: 0, timestamp: 1714554000, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
    { id: 2, previousEventId: 1, timestamp: 1714554000.5, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{}' } },
    { id: 3, previousEventId: 2, timestamp: 1714554001, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: '{"done":true}' } },
    { id: 4, previousEventId: 3, timestamp: 1714554001, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"done":true}' } },
  ];
  const definition = file('machine.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });

  it('writes the viewer for an AWS get-execution-history export', async () => {
    const out = join(dir, 'aws.html');
    const history = file('history.json', { events });
    expect(await main(['view', history, '--definition', definition, '-o', out, '--title', 'prod run 42'], capture().io)).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>prod run 42</title>');
    expect(html).toContain('data-state="A" data-outcome="succeeded"');
    expect(html).toContain('took 1 s');
  });

  it('needs --definition (exit 2) and reports a history that is not one (exit 1)', async () => {
    let c = capture();
    expect(await main(['view', file('h.json', { events })], c.io)).toBe(2);
    expect(c.stderr()).toContain('--definition is required');
    c = capture();
    expect(await main(['view', file('broken.json', '{"events": [ oops'), '--definition', definition], c.io)).toBe(1);
    expect(c.stderr()).toContain('The history is not valid JSON');
    c = capture();
    expect(await main(['view', file('other.json', { items: [] }), '--definition', definition], c.io)).toBe(1);
    expect(c.stderr()).toContain('"events" array');
  });

  // The built command, spawned as a user runs it (npm test builds dist/ first): the viewer loads lazily.
  it('runs end to end as a process', async () => {
    expect(existsSync('dist/cli.js')).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/cli.js', 'view', file('p.json', events), '--definition', definition]);
    expect(stdout).toContain('data-state="A" data-outcome="succeeded"');
  });
});
