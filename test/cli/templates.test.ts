/**
 * The CLI on templates (issue 14): `validate` checks every state machine of a SAM,
 * CloudFormation, CDK or Serverless template at its positions in the template's files; `run`,
 * `graph` and `test-state` pick one with `--state-machine`; `--sub` and `--parameters` fill
 * placeholders, in templates and in Terraform-style definition files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capture, scratch } from './fixtures.js';
import { cli } from './spawn.js';

const { dir, file } = scratch('asl-cli-templates-');
const samApp = 'examples/sam-app';

interface Result {
  file: string;
  stateMachine?: string;
  valid: boolean;
  diagnostics: { code: string; message: string; location: string; line?: number; column?: number }[];
}

async function validateJson(args: string[]): Promise<{ code: number; results: Result[] }> {
  const c = capture();
  const code = await main(['validate', '--format', 'json', ...args], c.io);
  return { code, results: JSON.parse(c.stdout()) as Result[] };
}

// Two machines; in First, `Next: Nowhere` is on line 17 with `Next` at column 13.
const twoMachines = file(
  'two.yaml',
  `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
  First:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: first-flow
      Definition:
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Hello.Arn
            Next: Nowhere
  Second:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: second-flow
      Definition:
        StartAt: Greet
        States:
          Greet:
            Type: Pass
            Parameters:
              greeting: !Sub "Hello from \${Env}"
              machine.$: $$.StateMachine.Name
            End: true
`,
);

describe('validate on a template', () => {
  it('validates the SAM example: one state machine, found through DefinitionUri', async () => {
    const c = capture();
    expect(await main(['validate', `${samApp}/template.yaml`], c.io)).toBe(0);
    expect(c.stdout()).toBe('');
    expect(c.stderr()).toContain('1 state machine valid');
  });

  it('reports each state machine of a template, at its line and column in the template', async () => {
    const c = capture();
    expect(await main(['validate', twoMachines, '--sub', 'Env=dev'], c.io)).toBe(1);
    expect(c.stdout()).toContain(`${twoMachines}:17:13  MISSING_TRANSITION_TARGET  First: transition target 'Nowhere' is not a state of this state machine`);
    expect(c.stderr()).toContain('in 1 of 2 state machines');
    const { results } = await validateJson([twoMachines, '--sub', 'Env=dev']);
    expect(results.map((r) => [r.stateMachine, r.valid])).toEqual([
      ['First', false],
      ['Second', true],
    ]);
  });

  it('reports a placeholder nothing fills, and --sub fills it', async () => {
    const missing = await validateJson([twoMachines]);
    const second = missing.results.find((r) => r.stateMachine === 'Second');
    expect(second?.valid).toBe(false);
    const placeholder = second?.diagnostics.find((d) => d.code === 'UNRESOLVED_PLACEHOLDER');
    expect(placeholder?.message).toContain('--sub Env=');
    // The !Sub is on line 28 of the template.
    expect(placeholder?.line).toBe(28);
    const filled = await validateJson([twoMachines, '--sub', 'Env=dev']);
    expect(filled.results.find((r) => r.stateMachine === 'Second')?.valid).toBe(true);
  });

  it('reports an error in a DefinitionUri file at its position in that file', async () => {
    mkdirSync(join(dir, 'uri', 'statemachine'), { recursive: true });
    // `"Next": "Done"` on line 4, column 55; there is no state Done.
    const asl = file('uri/statemachine/flow.asl.json', '{\n  "StartAt": "Call",\n  "States": {\n    "Call": { "Type": "Task", "Resource": "${FnArn}", "Next": "Done" }\n  }\n}\n');
    const template = file(
      'uri/template.yaml',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/flow.asl.json\n      DefinitionSubstitutions:\n        FnArn: !GetAtt Fn.Arn\n',
    );
    const { code, results } = await validateJson([template]);
    expect(code).toBe(1);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ file: asl, stateMachine: 'Flow', valid: false });
    expect(results[0]?.diagnostics.find((d) => d.code === 'MISSING_TRANSITION_TARGET')).toMatchObject({ location: '/States/Call/Next', line: 4, column: 55 });
  });

  it('takes parameter values from a CloudFormation parameters file or a plain object', async () => {
    // A parameter without a Default has no value until one is given.
    const template = file(
      'params.json',
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Parameters: { Greeting: { Type: 'String' } },
        Resources: {
          Flow: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: { DefinitionString: { 'Fn::Sub': '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Greeting}","End":true}}}' } },
          },
        },
      },
    );
    expect((await validateJson([template])).code).toBe(1);
    const cloudFormation = file('cfn-params.json', [{ ParameterKey: 'Greeting', ParameterValue: 'hi' }]);
    expect((await validateJson([template, '--parameters', cloudFormation])).code).toBe(0);
    const plain = file('plain-params.json', { Greeting: 'hi' });
    expect((await validateJson([template, '--parameters', plain])).code).toBe(0);
    const c = capture();
    expect(await main(['run', template, '--parameters', plain, '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: 'hi' });
  });

  it("validates for the template's workflow type: an Express machine cannot use .sync", async () => {
    // "Standard vs. Express workflows" (AWS Step Functions Developer Guide): Express workflows
    // do not support the Run a Job (.sync) or Wait for Callback (.waitForTaskToken) patterns.
    const express = file(
      'express.yaml',
      'Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      StateMachineType: EXPRESS\n      Definition:\n        StartAt: Child\n        States:\n          Child:\n            Type: Task\n            Resource: arn:aws:states:::states:startExecution.sync:2\n            Parameters:\n              StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:child\n            End: true\n',
    );
    expect((await validateJson([express])).code).toBe(1);
    expect((await validateJson([express, '--type', 'STANDARD'])).code).toBe(0);
    const c = capture();
    expect(await main(['run', express], c.io)).toBe(1);
    expect(c.stderr()).toContain('INVALID_RESOURCE');
  });

  it('refuses a template with no state machine in it', async () => {
    const empty = file('bucket.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
    const { code, results } = await validateJson([empty]);
    expect(code).toBe(1);
    expect(results[0]?.diagnostics[0]?.message).toContain('no state machine');
  });

  it('names each state machine in JUnit test cases', async () => {
    const c = capture();
    await main(['validate', '--format', 'junit', twoMachines, '--sub', 'Env=dev'], c.io);
    expect(c.stdout()).toContain(`name="${twoMachines} First"`);
    expect(c.stdout()).toContain(`name="${twoMachines} Second"`);
  });
});

describe('CDK synth output and serverless.yml', () => {
  it('reports a CDK DefinitionString (an Fn::Join of text and Fn::GetAtt) at the property', async () => {
    const cdk = file(
      'Stack.template.json',
      '{\n  "Resources": {\n    "HelloFnABCD1234": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "index.handler" } },\n    "FlowStateMachine5678": {\n      "Type": "AWS::StepFunctions::StateMachine",\n      "Properties": {\n        "DefinitionString": { "Fn::Join": ["", ["{\\"StartAt\\":\\"Hello\\",\\"States\\":{\\"Hello\\":{\\"Type\\":\\"Task\\",\\"Resource\\":\\"", { "Fn::GetAtt": ["HelloFnABCD1234", "Arn"] }, "\\",\\"Next\\":\\"Gone\\"}}}"]] }\n      }\n    }\n  }\n}\n',
    );
    const c = capture();
    expect(await main(['validate', cdk], c.io)).toBe(1);
    // The definition is text inside the template, so its problems point at DefinitionString (line 7, column 9).
    expect(c.stdout()).toContain(`${cdk}:7:9  MISSING_TRANSITION_TARGET  FlowStateMachine5678: transition target 'Gone'`);
  });

  it('runs a Serverless Framework state machine whose Task is Fn::GetAtt [hello, Arn]', async () => {
    const sls = file(
      'serverless.yml',
      'service: greeter\nprovider:\n  name: aws\nfunctions:\n  hello:\n    handler: handler.hello\nstepFunctions:\n  stateMachines:\n    greet:\n      definition:\n        StartAt: Hello\n        States:\n          Hello:\n            Type: Task\n            Resource:\n              Fn::GetAtt: [hello, Arn]\n            End: true\n',
    );
    // Serverless names the function's CloudFormation resource HelloLambdaFunction.
    const handlers = file('greeter.mjs', 'export const lambdas = { HelloLambdaFunction: async (event) => ({ greeting: `Hello, ${event.name}` }) };\n');
    const c = capture();
    expect(await main(['run', sls, '--handlers', handlers, '--input', '{"name":"Ada"}', '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada' } });
  });
});

describe('a Terraform templatefile() definition with --sub', () => {
  // `${wait_seconds}` stands where JSON needs a number (line 4, column 39), as templatefile() allows.
  const tftpl = file(
    'flow.asl.json.tftpl',
    '{\n  "StartAt": "W",\n  "States": {\n    "W": { "Type": "Wait", "Seconds": ${wait_seconds}, "Next": "Say" },\n    "Say": { "Type": "Pass", "Result": "${greeting} $${literal}", "End": true }\n  }\n}\n',
  );

  it('fills each ${var} in the text; $${…} stays a literal ${…}', async () => {
    const c = capture();
    expect(await main(['run', tftpl, '--sub', 'wait_seconds=30', '--sub', 'greeting=hi', '--virtual-time', '--format', 'json', '--history'], c.io)).toBe(0);
    const out = JSON.parse(c.stdout()) as { output: unknown; history: { type: string; timestamp: string }[] };
    expect(out.output).toBe('hi ${literal}');
    const times = out.history.map((e) => Date.parse(e.timestamp));
    expect(times.at(-1)! - times[0]!).toBe(30_000);
  });

  it('names each placeholder left without a value, at its position', async () => {
    const c = capture();
    expect(await main(['validate', tftpl, '--sub', 'greeting=hi'], c.io)).toBe(1);
    expect(c.stdout()).toContain(`${tftpl}:4:39  UNRESOLVED_PLACEHOLDER  the placeholder \${wait_seconds} has no value; supply it with --sub wait_seconds=…`);
  });
});

describe('run, graph and test-state pick a state machine of a template', () => {
  it('runs the SAM example with its functions served by logical ID', async () => {
    const c = capture();
    const args = ['run', `${samApp}/template.yaml`, '--handlers', `${samApp}/local-handlers.mjs`, '--input-file', `${samApp}/events/order.json`, '--format', 'json'];
    expect(await main(args, c.io)).toBe(0);
    // 2 × 15 + 1 × 9 (events/order.json), charged by ChargePaymentFunction.
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: { orderId: 'A-1001', status: 'PAID', chargeId: 'ch_A-1001', amount: 39 } });
  });

  it('needs --state-machine when a template has several, and lists their IDs', async () => {
    let c = capture();
    expect(await main(['run', twoMachines, '--sub', 'Env=dev'], c.io)).toBe(2);
    expect(c.stderr()).toContain('has 2 state machines (First, Second); choose one with --state-machine ID');
    c = capture();
    expect(await main(['graph', twoMachines, '--state-machine', 'Third'], c.io)).toBe(2);
    expect(c.stderr()).toContain("has no state machine 'Third'; its state machines: First, Second");
  });

  it('refuses --state-machine on a definition file, unless run uses it for a mock config', async () => {
    const plain = file('plain.asl.json', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const c = capture();
    expect(await main(['graph', plain, '--state-machine', 'Orders'], c.io)).toBe(2);
    expect(c.stderr()).toContain('is a state machine definition, not a template');
    const config = file('MockConfig.json', { StateMachines: { Orders: { TestCases: { Happy: {} } } }, MockedResponses: {} });
    expect(await main(['run', plain, '--state-machine', 'Orders', '--mock-config', config, '--test-case', 'Happy'], capture().io)).toBe(0);
  });

  it("runs the one chosen, under the template's name for it", async () => {
    const c = capture();
    expect(await main(['run', twoMachines, '--state-machine', 'Second', '--sub', 'Env=dev', '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: { greeting: 'Hello from dev', machine: 'second-flow' } });
  });

  it('reports an invalid chosen machine at its template position', async () => {
    const c = capture();
    expect(await main(['run', twoMachines, '--state-machine', 'First'], c.io)).toBe(1);
    expect(c.stderr()).toContain(`${twoMachines}:17:13  MISSING_TRANSITION_TARGET`);
  });

  it('graph draws the chosen state machine', async () => {
    const c = capture();
    expect(await main(['graph', twoMachines, '--state-machine', 'Second', '--sub', 'Env=dev'], c.io)).toBe(0);
    expect(c.stdout()).toContain('flowchart');
    expect(c.stdout()).toContain('Greet');
  });

  it('test-state tests a state of the chosen state machine', async () => {
    const c = capture();
    expect(await main(['test-state', `${samApp}/template.yaml`, '--state', 'ChargePayment', '--input', '{"orderId":"A-9"}', '--mock', '{"result":{"Payload":{"chargeId":"ch_9","amount":5}}}', '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toMatchObject({ status: 'SUCCEEDED', nextState: 'RecordOrder', output: { orderId: 'A-9', payment: { chargeId: 'ch_9', amount: 5 } } });
  });
});

describe('--type and --strict-resources on run', () => {
  const callback = file('callback.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' }, End: true } } });
  const local = file('local.json', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'local:sendEmail', End: true } } });
  const handlers = file('send-email.mjs', "export const handlers = { 'local:sendEmail': () => ({ sent: true }) };\n");

  it('--type EXPRESS refuses .waitForTaskToken before running, as AWS does', async () => {
    const c = capture();
    expect(await main(['run', callback, '--type', 'EXPRESS'], c.io)).toBe(1);
    expect(c.stderr()).toContain('INVALID_RESOURCE');
    expect(await main(['run', callback, '--type', 'express'], capture().io)).toBe(2);
  });

  it('a local URI runs by default; --strict-resources refuses it', async () => {
    const c = capture();
    expect(await main(['run', local, '--handlers', handlers, '--format', 'json'], c.io)).toBe(0);
    expect(JSON.parse(c.stdout())).toEqual({ status: 'SUCCEEDED', output: { sent: true } });
    const strict = capture();
    expect(await main(['run', local, '--handlers', handlers, '--strict-resources'], strict.io)).toBe(1);
    expect(strict.stderr()).toContain('INVALID_RESOURCE');
  });
});

// The built command, spawned as a user runs it (npm test builds dist/ first): the loader is a
// chunk of its own that the command imports only for templates.
describe('the built command on a template', { timeout: 60_000 }, () => {
  it('validates and runs the SAM example', async () => {
    const checked = await cli(['validate', `${samApp}/template.yaml`]);
    expect(checked).toMatchObject({ code: 0, stdout: '' });
    expect(checked.stderr).toContain('1 state machine valid');
    const ran = await cli(['run', 'template.yaml', '--handlers', 'local-handlers.mjs', '--input-file', 'events/order.json', '--format', 'json'], { cwd: samApp });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ status: 'SUCCEEDED', output: { status: 'PAID', amount: 39 } });
  });
});

describe('usage', () => {
  it('--sub needs KEY=VALUE; --parameters needs a readable, well-formed file', async () => {
    let c = capture();
    expect(await main(['validate', twoMachines, '--sub', 'Env'], c.io)).toBe(2);
    expect(c.stderr()).toContain("--sub takes KEY=VALUE, not 'Env'");
    c = capture();
    expect(await main(['run', twoMachines, '--parameters', file('bad-params.json', '[{"Key": "x"}]')], c.io)).toBe(1);
    expect(c.stderr()).toContain('has no ParameterKey string at index 0');
  });

  it.each(['validate', 'run', 'graph', 'test-state', 'view'])('%s --help documents --sub and --parameters', async (command) => {
    const c = capture();
    expect(await main([command, '--help'], c.io)).toBe(0);
    expect(c.stdout()).toContain('--sub KEY=VALUE');
    expect(c.stdout()).toContain('--parameters FILE');
  });
});
