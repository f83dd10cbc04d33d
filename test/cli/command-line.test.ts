/**
 * The built `asl-runtime` command, spawned: every flag, stdin, globs and folders, each exit code
 * its --help promises, colour and NO_COLOR, and each `validate --format`.
 */
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { cli } from './spawn.js';
import { scratch } from './fixtures.js';
import { parseXml } from './xml.js';

const { dir, file } = scratch('asl-cli-');
const ESC = '\u001b[';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

const good = file('good.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Result: { ok: true }, End: true } } });
// MISSING_TRANSITION_TARGET at line 6, column 7 (the "Next" member).
const badText = '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "Next": "C"\n    }\n  }\n}\n';
const bad = file('bad.asl.json', badText);
// NO_DOLLAR: a path in a field whose name does not end in .$ (a warning).
const warned = file('warned.asl.json', { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { x: '$.a' }, End: true } } });
const order = 'examples/order-fulfilment/state-machine.asl.json';
const handlers = 'examples/order-fulfilment/handlers.mjs';
const orderInput = '{"orderId":"X","items":[{"sku":"pear","qty":1,"price":1}]}';

describe('asl-runtime --version and --help', { timeout: 60_000 }, () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    const r = await cli([flag]);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each(['validate', 'run', 'test-state'])('%s --help shows options, examples and exit codes, exit 0', async (command) => {
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: asl-runtime ${command}`);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('Exit status:');
    }
  });

  it('no command: the help on stderr, exit 2; --help: on stdout, exit 0', async () => {
    expect(await cli([])).toMatchObject({ code: 2, stdout: '' });
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test-state');
    expect(r.stdout).toContain('--version');
  });
});

describe('asl-runtime validate', { timeout: 60_000 }, () => {
  it('exit 0 valid, 1 errors, 2 usage', async () => {
    expect((await cli(['validate', good])).code).toBe(0);
    expect((await cli(['validate', good, bad])).code).toBe(1);
    expect((await cli(['validate', join(dir, 'missing.json')])).code).toBe(1);
    expect((await cli(['validate'])).code).toBe(2);
    expect((await cli(['validate', '--format', 'xml', good])).code).toBe(2);
    expect((await cli(['validate', join(dir, 'nothing-*.json')])).code).toBe(2);
  });

  it("reads the definition from stdin for '-'", async () => {
    const r = await cli(['validate', '-'], { stdin: badText });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:6:7  MISSING_TRANSITION_TARGET');
    expect((await cli(['validate', '-'], { stdin: 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n' })).code).toBe(0);
  });

  it('expands quoted globs (**, {a,b}) and folders', async () => {
    const tree = join(dir, 'machines');
    mkdirSync(join(tree, 'nested', 'deeper'), { recursive: true });
    mkdirSync(join(tree, 'node_modules'), { recursive: true });
    writeFileSync(join(tree, 'one.asl.json'), readFileSync(good));
    writeFileSync(join(tree, 'nested', 'two.asl.yaml'), 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
    writeFileSync(join(tree, 'nested', 'deeper', 'three.asl.json'), badText);
    writeFileSync(join(tree, 'nested', 'notes.txt'), 'not a definition');
    writeFileSync(join(tree, 'node_modules', 'skip.asl.json'), badText);

    const files = async (...args: string[]) => ((JSON.parse((await cli(['validate', '--format', 'json', ...args])).stdout) as { file: string }[]).map((r) => relative(tree, r.file)));
    expect(await files(`${tree}/**/*.asl.{json,yaml}`)).toEqual(['nested/deeper/three.asl.json', 'nested/two.asl.yaml', 'one.asl.json']);
    expect(await files(`${tree}/*.asl.json`)).toEqual(['one.asl.json']);
    expect(await files(`${tree}/nested/**/*.yaml`)).toEqual(['nested/two.asl.yaml']);
    expect(await files(tree)).toEqual(['nested/deeper/three.asl.json', 'nested/two.asl.yaml', 'one.asl.json']);
    const r = await cli(['validate', `${tree}/**/*.asl.{json,yaml}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 errors in 1 of 3 files');
  });

  it('--format github prints workflow commands at file, line and column', async () => {
    const r = await cli(['validate', '--format', 'github', '--warnings', bad, warned]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(`::error file=${bad},line=6,col=7,title=MISSING_TRANSITION_TARGET::transition target 'C' is not a state of this state machine; did you mean 'A'? (at /States/A/Next)`);
    expect(lines.some((l) => l.startsWith(`::warning file=${warned},`))).toBe(true);
  });

  it('--format sarif is valid SARIF 2.1.0 with file, line and column', async () => {
    // Relative to the working directory (code scanning's %SRCROOT%); files outside it as file: URLs.
    const r = await cli(['validate', '--format', 'sarif', '--warnings', 'good.asl.json', 'bad.asl.json', 'warned.asl.json', join(process.cwd(), 'package.json')], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { name: string; version: string; rules: { id: string }[] } }; results: Record<string, unknown>[] }[] };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s<>"{}|\\^`]/.test(s));
    const schema = JSON.parse(readFileSync(new URL('./sarif-2.1.0-subset.schema.json', import.meta.url), 'utf8')) as object;
    ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'asl-runtime', version });
    const missing = run.results.find((res) => res.ruleId === 'MISSING_TRANSITION_TARGET')!;
    expect(missing).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.asl.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 7 } }, logicalLocations: [{ fullyQualifiedName: '/States/A/Next' }] }],
    });
    expect(run.tool.driver.rules[missing.ruleIndex as number]?.id).toBe('MISSING_TRANSITION_TARGET');
    expect(run.results.find((res) => res.ruleId === 'NO_DOLLAR')).toMatchObject({ level: 'warning' });
    const outside = run.results.find((res) => JSON.stringify(res).includes('package.json')) as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    expect(outside.locations[0]?.physicalLocation.artifactLocation.uri).toBe(pathToFileURL(join(process.cwd(), 'package.json')).href);
    // The subset schema rejects what the full one rejects: prove it can fail.
    expect(ajv.validate(schema, { ...log, version: '2.0.0' })).toBe(false);
    expect(ajv.validate(schema, { ...log, runs: [{ ...run, results: [{ ...missing, level: 'fatal' }] }] })).toBe(false);
  });

  it('--format junit is well-formed JUnit XML: a test case per file, failures for errors', async () => {
    const r = await cli(['validate', '--format', 'junit', good, bad]);
    expect(r.code).toBe(1);
    const root = parseXml(r.stdout);
    expect(root).toMatchObject({ name: 'testsuites', attributes: { tests: '2', failures: '1' } });
    const suite = root.children[0];
    expect(suite).toMatchObject({ name: 'testsuite', attributes: { tests: '2', failures: '1' } });
    expect(suite?.children.map((c) => c.attributes.name)).toEqual([good, bad]);
    expect(suite?.children[0]?.children).toEqual([]);
    const failure = suite?.children[1]?.children[0];
    // The failure's type is the file's first error code; its text lists every error.
    expect(failure).toMatchObject({ name: 'failure', attributes: { message: '2 errors', type: expect.stringMatching(/^MISSING_(TRANSITION_TARGET|END_STATE)$/) } });
    expect(failure?.text).toContain(`${bad}:6:7  MISSING_TRANSITION_TARGET  transition target 'C'`);
  });

  it('--format json and text', async () => {
    const json = await cli(['validate', '--format', 'json', bad]);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ file: bad, valid: false });
    const text = await cli(['validate', bad]);
    expect(text.stdout).toContain(`${bad}:6:7  MISSING_TRANSITION_TARGET`);
  });

  it('colours only when asked for or on a TTY, and never with NO_COLOR', async () => {
    expect((await cli(['validate', bad])).stdout).not.toContain(ESC); // a pipe, not a TTY
    expect((await cli(['validate', bad], { env: { FORCE_COLOR: '1' } })).stdout).toContain(`${ESC}31m`);
    expect((await cli(['validate', bad], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});

describe('asl-runtime run', { timeout: 60_000 }, () => {
  const slow = file('slow.json', { TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
  const fail = file('fail.json', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'c' } } });
  const echo = file('echo.json', { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } });

  it('exit 0 succeeded, 1 failed, 2 usage, 3 timed out', async () => {
    expect((await cli(['run', echo])).code).toBe(0);
    expect((await cli(['run', fail])).code).toBe(1);
    expect((await cli(['run', bad])).code).toBe(1); // an invalid definition
    expect((await cli(['run', echo, '--bogus'])).code).toBe(2);
    expect((await cli(['run', slow, '--virtual-time'])).code).toBe(3);
  });

  it('exit 4 when Ctrl-C aborts it, after the line that says it waits in real time', async () => {
    const wait = file('hour.json', { StartAt: 'WaitForCourier', States: { WaitForCourier: { Type: 'Wait', Seconds: 3600, End: true } } });
    let sent = false;
    const r = await cli(['run', wait], {
      onStdout: (_chunk, child) => {
        if (!sent) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(r.stdout).toMatch(/^Wait 'WaitForCourier' until (\d{4}-\d{2}-\d{2}T)?\d{2}:\d{2}:\d{2}Z \(1 h 0 min\) — pass --virtual-time to skip$/m);
    expect(r.stdout).toContain('ABORTED');
    expect(r.code).toBe(4);
  });

  it("reads the definition ('-') or the input (--input -) from stdin, not both", async () => {
    const def = await cli(['run', '-', '--format', 'json', '--input', '{"a":1}'], { stdin: readFileSync(echo, 'utf8') });
    expect(JSON.parse(def.stdout)).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
    const input = await cli(['run', echo, '--input', '-', '--format', 'json'], { stdin: '{"from":"stdin"}' });
    expect(JSON.parse(input.stdout)).toEqual({ status: 'SUCCEEDED', output: { from: 'stdin' } });
    const both = await cli(['run', '-', '--input', '-'], { stdin: '{}' });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('stdin');
  });

  it('prints aligned state rows with durations and a line for each Wait', async () => {
    const r = await cli(['run', order, '--handlers', handlers, '--input', orderInput, '--virtual-time']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^(Task|Wait|Map|Parallel|Pass|Choice) {2,}/.test(l));
    expect(rows).toContain('Wait      WaitForCourier  1 h 0 min');
    expect(rows).toContain('Task      ValidateOrder        0 ms');
    // Every row's duration ends in the same column.
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
    expect(r.stdout).toMatch(/^Wait 'WaitForCourier' until \d{2}:\d{2}:\d{2}Z \(1 h 0 min\) — virtual time, no real wait$/m);
  });

  it('--history prints each event with its details; --history json the GetExecutionHistory shape', async () => {
    const text = await cli(['run', echo, '--input', '{"a":1}', '--history']);
    expect(text.stdout).toMatch(/^ {3}2 {2}\d{2}:\d{2}:\d{2}\.\d{3} {2}PassStateEntered +name=Echo input=\{"a":1\}$/m);
    const json = await cli(['run', echo, '--input', '{"a":1}', '--history', 'json']);
    expect(json.code).toBe(0);
    const history = JSON.parse(json.stdout) as { events: { id: number; type: string; previousEventId: number }[] };
    expect(Object.keys(history)).toEqual(['events']);
    expect(history.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(history.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(history.events[1]).toMatchObject({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Echo', input: '{"a":1}' } });
    expect(text.stdout).toMatch(/^ {3}1 {2}\S+ {2}ExecutionStarted +.*input=\{"a":1\}/m);
  });

  it('colours the status on a TTY-like stdout, never with NO_COLOR', async () => {
    expect((await cli(['run', echo], { env: { FORCE_COLOR: '1' } })).stdout).toContain(`${ESC}32mSUCCEEDED`);
    expect((await cli(['run', echo], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });
});

describe('asl-runtime test-state', { timeout: 60_000 }, () => {
  const machine = file('charge.json', {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'Payload.$': '$' },
        ResultSelector: { 'charged.$': '$.Payload.charged' },
        Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['Declined'], Next: 'Refused' }],
        Next: 'Done',
      },
      Refused: { Type: 'Fail', Error: 'Refused' },
      Done: { Type: 'Succeed' },
    },
  });
  const run = (...args: string[]) => cli(['test-state', machine, '--state', 'Charge', '--format', 'json', ...args]);

  // AWS TestState: SUCCEEDED with nextState; CAUGHT_ERROR with the catcher's Next; RETRIABLE
  // while a retrier has attempts left; FAILED when none applies.
  it('exit 0 SUCCEEDED, 3 CAUGHT_ERROR, 4 RETRIABLE, 1 FAILED, 2 usage', async () => {
    const ok = await run('--input', '{"total":5}', '--mock', '{"result":{"Payload":{"charged":5}}}');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ status: 'SUCCEEDED', nextState: 'Done', output: { charged: 5 } });
    const caught = await run('--mock', '{"errorOutput":{"error":"Declined","cause":"no funds"}}');
    expect(caught.code).toBe(3);
    expect(JSON.parse(caught.stdout)).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Refused', error: 'Declined' });
    expect((await run('--mock', '{"errorOutput":{"error":"Busy"}}')).code).toBe(4);
    expect((await run('--mock', '{"errorOutput":{"error":"Busy"}}', '--retry-count', '2')).code).toBe(1);
    expect((await run('--mock', '{"errorOutput":{"error":"Other"}}')).code).toBe(1);
    expect((await run('--mock', '{"neither":1}')).code).toBe(2);
    expect((await cli(['test-state', machine, '--state', 'Nope', '--mock', '{"result":{}}'])).code).toBe(2);
  });

  it('--inspection-level DEBUG adds the data after each step; --input - reads stdin', async () => {
    const r = await cli(['test-state', machine, '--state', 'Charge', '--input', '-', '--mock', '{"result":{"Payload":{"charged":7}}}', '--inspection-level', 'DEBUG', '--format', 'json'], { stdin: '{"total":7}' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inspectionData).toMatchObject({ input: { total: 7 }, afterParameters: { Payload: { total: 7 } }, afterResultSelector: { charged: 7 } });
    const text = await cli(['test-state', machine, '--state', 'Charge', '--mock', '{"result":{"Payload":{"charged":7}}}']);
    expect(text.stdout).toMatch(/^SUCCEEDED {2}→ Done$/m);
  });
});
