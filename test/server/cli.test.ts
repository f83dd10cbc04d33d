/**
 * The built CLI (`node dist/cli.js serve`) driven by the real AWS CLI (`aws stepfunctions …
 * --endpoint-url`), and by the SDK across a crash (kill -9) with `--store`.
 * Needs `dist/` (npm test builds it first) and, for the AWS CLI part, /usr/bin/aws. Debian's AWS
 * CLI 2.9 predates the test-state and validate-state-machine-definition commands; the SDK tests
 * cover those actions.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, ROLE, until } from './helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const AWS = '/usr/bin/aws';
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const built = existsSync(CLI);
if (!built) console.warn(`test/server/cli.test.ts: skipped, ${CLI} is missing (run npx tsup first)`);
if (!existsSync(AWS)) console.warn(`test/server/cli.test.ts: AWS CLI tests skipped, ${AWS} is not installed (apt-get install awscli)`);

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `asl-runtime serve` and resolves with its URL once it listens. */
function serveCli(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe.skipIf(!built)('asl-runtime serve (built CLI)', () => {
  describe.skipIf(!existsSync(AWS))('with the AWS CLI', () => {
    const store = mkdtempSync(join(tmpdir(), 'asl-serve-cli-'));
    let url = '';
    let stderr = () => '';
    // Async execFile: the server runs in another process, but nothing here may block the event loop.
    const aws = (...args: string[]) =>
      new Promise<{ code: number; out: unknown; err: string }>((resolve) => {
        const env = {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          // StartSyncExecution is otherwise sent to sync-<host> (its endpoint host prefix).
          AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
          AWS_PAGER: '',
        };
        execFile(AWS, ['stepfunctions', ...args, '--endpoint-url', url, '--output', 'json'], { env }, (error, stdout, err) => {
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout.trim() ? (JSON.parse(stdout) as unknown) : undefined, err });
        });
      });
    const ok = async (...args: string[]) => {
      const r = await aws(...args);
      if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.err}`);
      return r.out as Record<string, any>;
    };
    const finished = (executionArn: string) =>
      until(async () => {
        const d = await ok('describe-execution', '--execution-arn', executionArn);
        return d.status === 'RUNNING' ? undefined : d;
      }, 100);

    it('starts from the CLI, with the mock config from SFN_MOCK_CONFIG', async () => {
      ({ url, stderr } = await serveCli(['--store', store, '--handlers', fixture('handlers.mjs'), '--virtual-time'], { SFN_MOCK_CONFIG: fixture('MockConfigFile.json') }));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('creates a machine and runs a mock-config test case', async () => {
      const created = await ok('create-state-machine', '--name', 'Orders', '--role-arn', ROLE, '--definition', readFileSync(fixture('orders.asl.json'), 'utf8'));
      expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Orders');
      // CLI v1 prints the epoch seconds the API sends; v2 prints them as ISO-8601 text.
      const created_ms = typeof created.creationDate === 'number' ? created.creationDate * 1000 : Date.parse(created.creationDate as string);
      expect(Math.abs(created_ms - Date.now())).toBeLessThan(120_000);
      const started = await ok('start-execution', '--state-machine-arn', `${created.stateMachineArn as string}#HappyPath`, '--name', 'cli-1', '--input', '{"orderId":1}');
      expect(started.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:Orders:cli-1');
      const d = await finished(started.executionArn as string);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output as string).charge).toEqual({ chargeId: 'mock-c1' });
      const history = await ok('get-execution-history', '--execution-arn', started.executionArn as string);
      expect((history.events as { type: string }[]).map((e) => e.type)).toContain('TaskSucceeded');
      const listed = await ok('list-executions', '--state-machine-arn', created.stateMachineArn as string, '--status-filter', 'SUCCEEDED');
      expect((listed.executions as { name: string }[]).map((e) => e.name)).toEqual(['cli-1']);
    });

    it('reports InvalidDefinition and StateMachineDoesNotExist as AWS errors', async () => {
      const bad = await aws('create-state-machine', '--name', 'Bad', '--role-arn', ROLE, '--definition', '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}');
      expect(bad.code).not.toBe(0);
      expect(bad.err).toContain('An error occurred (InvalidDefinition) when calling the CreateStateMachine operation');
      const missing = await aws('describe-state-machine', '--state-machine-arn', 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope');
      expect(missing.err).toContain('(StateMachineDoesNotExist)');
    });

    it('answers a callback with send-task-success', async () => {
      const definition = {
        StartAt: 'Ask',
        States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
      };
      const { stateMachineArn } = await ok('create-state-machine', '--name', 'Ask', '--role-arn', ROLE, '--definition', JSON.stringify(definition));
      const { executionArn } = await ok('start-execution', '--state-machine-arn', stateMachineArn as string);
      const token = await until(async () => {
        const h = await ok('get-execution-history', '--execution-arn', executionArn as string);
        const e = (h.events as any[]).find((x) => x.type === 'TaskScheduled');
        return e ? (JSON.parse(e.taskScheduledEventDetails.parameters).MessageBody.token as string) : undefined;
      }, 50);
      await ok('send-task-success', '--task-token', token, '--task-output', '{"approved":true}');
      expect((await finished(executionArn as string)).output).toBe('{"approved":true}');
      expect(stderr()).toContain('nothing was sent');
    });

    it('serves an activity to get-activity-task', async () => {
      const { activityArn } = await ok('create-activity', '--name', 'Work');
      const definition = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true } } };
      const { stateMachineArn } = await ok('create-state-machine', '--name', 'Worked', '--role-arn', ROLE, '--definition', JSON.stringify(definition));
      const { executionArn } = await ok('start-execution', '--state-machine-arn', stateMachineArn as string, '--input', '{"job":4}');
      const task = await ok('get-activity-task', '--activity-arn', activityArn as string, '--worker-name', 'cli');
      expect(JSON.parse(task.input as string)).toEqual({ job: 4 });
      await ok('send-task-success', '--task-token', task.taskToken as string, '--task-output', '{"done":4}');
      expect((await finished(executionArn as string)).output).toBe('{"done":4}');
    });

    const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'ok', End: true } } });

    it('runs start-sync-execution where the AWS CLI can leave out the sync- host prefix', async (ctx) => {
      const { stateMachineArn } = await ok('create-state-machine', '--name', 'Fast', '--type', 'EXPRESS', '--role-arn', ROLE, '--definition', pass);
      const sync = await aws('start-sync-execution', '--state-machine-arn', stateMachineArn as string, '--input', '{}');
      // AWS CLI v2 before botocore's AWS_DISABLE_HOST_PREFIX_INJECTION sends it to sync-127.0.0.1, which no resolver knows.
      if (sync.code !== 0 && sync.err.includes('http://sync-')) {
        ctx.skip('this AWS CLI always prefixes StartSyncExecution with sync- (no AWS_DISABLE_HOST_PREFIX_INJECTION); the SDK test covers StartSyncExecution');
      }
      expect(sync.out).toMatchObject({ status: 'SUCCEEDED', output: '"ok"' });
    });

    it('stops on SIGTERM with exit code 0', async () => {
      const child = children.at(-1)!;
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    });
  });

  it('resumes a waiting execution after the server was killed (kill -9) and started again with --store', async () => {
    const store = mkdtempSync(join(tmpdir(), 'asl-serve-crash-'));
    const first = await serveCli(['--store', store]);
    const client = clientFor(first.url);
    const { CreateStateMachineCommand, StartExecutionCommand, GetExecutionHistoryCommand } = await import('@aws-sdk/client-sfn');
    const definition = {
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { Message: { 'token.$': '$$.Task.Token' } }, ResultPath: '$.answer', Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    };
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'Crash', definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"id":1}' }));
    const token = await until(async () => {
      const h = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
      const e = h.find((x) => x.type === 'TaskSubmitted') && h.find((x) => x.type === 'TaskScheduled');
      return e ? (JSON.parse(e.taskScheduledEventDetails!.parameters!) as { Message: { token: string } }).Message.token : undefined;
    });
    // Give the snapshot save of the last burst of events time to reach the disk, then crash.
    await until(async () => (existsSync(join(store, 'snapshots', 'executions')) ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGKILL');
    await exited(first.child);
    client.destroy();

    const second = await serveCli(['--store', store]);
    const again = clientFor(second.url);
    await again.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"yes":true}' }));
    const d = await until(async () => {
      const x = await again.send(new DescribeExecutionCommand({ executionArn }));
      return x.status === 'RUNNING' ? undefined : x;
    });
    expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"id":1,"answer":{"yes":true}}' });
    again.destroy();
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });
}, 120_000);
