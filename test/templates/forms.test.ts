/**
 * Each way users write a state machine, loaded from a realistic template, validated, and run
 * with handlers keyed by logical ID. Resolution follows the CloudFormation intrinsic function
 * reference and the SAM / Serverless Framework documentation; ARNs follow each service's format.
 */
import { describe, expect, it } from 'vitest';
import { Runtime } from '../../src/tasks/hub.js';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { loadStateMachines } from '../../src/templates/index.js';
import { expectValid, fixture, machine } from './helpers.js';

const hello = (event: { name?: string; prefix?: string }) => ({ greeting: `${event.prefix ?? 'Hello'}, ${event.name}!` });

describe('a SAM template (YAML short-form tags, DefinitionUri, DefinitionSubstitutions)', () => {
  it('finds both state machines, with their type, name and position in the template', async () => {
    const loaded = await loadStateMachines(fixture('sam', 'template.yaml'));
    expect(loaded.map((m) => m.id)).toEqual(['OrderStateMachine', 'InlineStateMachine']);
    const order = machine(loaded, 'OrderStateMachine');
    expect(order.type).toBe('EXPRESS');
    // !Sub "${AWS::StackName}-orders-${Stage}": the default stack name and the parameter's Default
    expect(order.name).toBe('asl-runtime-stack-orders-dev');
    expect(order.source).toEqual({ file: fixture('sam', 'template.yaml'), line: 28, column: 3 });
    expect(order.diagnostics).toEqual([]);
    expect(machine(loaded, 'InlineStateMachine').type).toBe('STANDARD');
  });

  it('fills DefinitionSubstitutions from !GetAtt, !Ref and !If, also where a number is expected', async () => {
    const order = machine(await loadStateMachines(fixture('sam', 'template.yaml')), 'OrderStateMachine');
    const states = (order.definition as { States: Record<string, Record<string, unknown>> }).States;
    expect(states['Greet']!['Resource']).toBe('arn:aws:lambda:us-east-1:123456789012:function:HelloFunction');
    // IsProd is false for the default Stage 'dev', so !If gives '1'; the file has it unquoted
    expect(states['Greet']!['Retry']).toEqual([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1 }]);
    expect(states['Notify']!['Parameters']).toMatchObject({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:OrderTopic' });
    expectValid(order);
  });

  it('runs: the Lambda keyed by its logical ID greets, the table and topic get their names', async () => {
    const order = machine(await loadStateMachines(fixture('sam', 'template.yaml')), 'OrderStateMachine');
    const calls: unknown[] = [];
    const result = await new StateMachine(order.definition, {
      lambdas: { HelloFunction: hello },
      handlers: {
        'arn:aws:states:::dynamodb:putItem': (input) => (calls.push(input), {}),
        'arn:aws:states:::sns:publish': (input) => (calls.push(input), { MessageId: 'm-1' }),
      },
    }).run({ orderId: '42', name: 'Ada' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { orderId: '42', name: 'Ada', hello: { greeting: 'Hello, Ada!' } } });
    expect(calls).toEqual([
      { TableName: 'OrdersTable', Item: { id: { S: '42' } } },
      { TopicArn: 'arn:aws:sns:us-east-1:123456789012:OrderTopic', Message: 'Hello, Ada!' },
    ]);
  });

  it('takes Parameters from the options: Stage=prod makes IsProd true', async () => {
    const order = machine(await loadStateMachines(fixture('sam', 'template.yaml'), { parameters: { Stage: 'prod' } }), 'OrderStateMachine');
    expect(order.name).toBe('asl-runtime-stack-orders-prod');
    expect((order.definition as { States: { Greet: { Retry: unknown } } }).States.Greet.Retry).toEqual([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 5 }]);
  });

  it('resolves intrinsics inside an inline Definition and runs it', async () => {
    const inline = machine(await loadStateMachines(fixture('sam', 'template.yaml'), { pseudo: { region: 'eu-west-1', accountId: '111122223333' } }), 'InlineStateMachine');
    expect(inline.definition).toMatchObject({
      Comment: 'Greets in eu-west-1',
      States: { Greet: { Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:HelloFunction', ResultSelector: { 'greeting.$': '$.greeting', account: '111122223333' } } },
    });
    expectValid(inline);
    const result = await new StateMachine(inline.definition, { lambdas: { HelloFunction: hello } }).run({ name: 'Grace' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'Hello, Grace!', account: '111122223333' } });
  });

  it('locates a path of an inline definition in the template, and one of a DefinitionUri in its file', async () => {
    const loaded = await loadStateMachines(fixture('sam', 'template.yaml'));
    expect(machine(loaded, 'InlineStateMachine').locate(['States', 'Greet', 'Resource'])).toEqual({ file: fixture('sam', 'template.yaml'), line: 52, column: 13 });
    expect(machine(loaded, 'OrderStateMachine').locate(['States', 'Store'])).toEqual({ file: fixture('sam', 'statemachine', 'order.asl.json'), line: 12, column: 5 });
  });
});

describe('a CloudFormation JSON template (DefinitionString with Fn::Sub)', () => {
  it('substitutes parameters, pseudo parameters, resources and Fn::Sub variables', async () => {
    const [approval] = await loadStateMachines(fixture('cloudformation', 'template.json'), { parameters: { WaitSeconds: '0' } });
    expect(approval).toMatchObject({ id: 'ApprovalStateMachine', name: 'approval', type: 'STANDARD', diagnostics: [] });
    expect(approval!.source).toMatchObject({ line: 24, column: 5 });
    expect(approval!.definition).toMatchObject({
      States: {
        Greet: { Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction' } },
        Pause: { Seconds: 0 },
        // Ref of an SQS queue is its URL; GetAtt Arn its ARN
        Enqueue: { Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/ApprovalQueue', MessageAttributes: { region: { StringValue: 'us-east-1' } } } },
        // ${!Literal} is Fn::Sub's escape for the text ${Literal}: kept, and not reported
        Done: { Parameters: { queue: 'arn:aws:sqs:us-east-1:123456789012:ApprovalQueue', literal: '${NotASubstitution}' } },
      },
    });
  });

  it('uses a parameter Default when no value is given', async () => {
    const [approval] = await loadStateMachines(fixture('cloudformation', 'template.json'));
    expect(approval!.definition).toMatchObject({ States: { Pause: { Seconds: 5 } } });
  });

  it('validates and runs with the Lambda keyed by logical ID (not FunctionName)', async () => {
    const [approval] = await loadStateMachines(fixture('cloudformation', 'template.json'), { parameters: { WaitSeconds: '0' } });
    expectValid(approval!);
    const sent: unknown[] = [];
    const result = await new StateMachine(approval!.definition, {
      lambdas: { HelloFunction: hello },
      handlers: { 'arn:aws:states:::sqs:sendMessage': (input) => (sent.push(input), { MessageId: 'm-1' }) },
    }).run({ name: 'Ada' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada!', queue: 'arn:aws:sqs:us-east-1:123456789012:ApprovalQueue' } });
    expect(sent).toMatchObject([{ MessageBody: 'Hello, Ada!' }]);
  });
});

describe('a CDK synth template (DefinitionString as Fn::Join of text, Ref and Fn::GetAtt)', () => {
  it('joins the fragments into the definition; the nested machine is reachable by its ARN', async () => {
    const loaded = await loadStateMachines(fixture('cdk', 'CdkStack.template.json'));
    expect(loaded.map((m) => m.id)).toEqual(['ChildStateMachine4E3F1A2B', 'MainStateMachine8D9C3E2F']);
    const main = machine(loaded, 'MainStateMachine8D9C3E2F');
    expect(main.diagnostics).toEqual([]);
    expect(main.definition).toMatchObject({
      States: {
        Hello: { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunctionD909AE8C' } },
        Child: { Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ChildStateMachine4E3F1A2B' } },
      },
    });
    for (const m of loaded) expectValid(m);

    const child = new StateMachine(machine(loaded, 'ChildStateMachine4E3F1A2B').definition);
    const runtime = new Runtime().register('arn:aws:states:us-east-1:123456789012:stateMachine:ChildStateMachine4E3F1A2B', child);
    const result = await new StateMachine(main.definition, { lambdas: { HelloFunctionD909AE8C: hello }, runtime }).run({ name: 'Ada' });
    // .sync:2 returns the child's output as JSON; OutputPath picks it
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'HELLO, ADA!' });
  });
});

describe('a serverless.yml (stepFunctions.stateMachines, Framework variables)', () => {
  it('resolves ${self:…} and ${sls:stage}, maps Fn::GetAtt [hello, Arn] to HelloLambdaFunction, and runs', async () => {
    const [greeter] = await loadStateMachines(fixture('serverless', 'serverless.yml'));
    expect(greeter).toMatchObject({ id: 'greeter', name: 'greeter-dev', type: 'EXPRESS', diagnostics: [] });
    expect(greeter!.definition).toMatchObject({
      Comment: 'greeter state machine',
      States: { Hello: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:HelloLambdaFunction', Parameters: { prefix: 'Hello' } } },
    });
    expectValid(greeter!);
    const result = await new StateMachine(greeter!.definition, { lambdas: { HelloLambdaFunction: hello } }).run({ name: 'Ada' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada!', stage: 'dev' } });
  });

  it('takes --stage as the substitution opt:stage', async () => {
    const [greeter] = await loadStateMachines(fixture('serverless', 'serverless.yml'), { substitutions: { 'opt:stage': 'prod' } });
    expect(greeter!.name).toBe('greeter-prod');
    expect(greeter!.definition).toMatchObject({ States: { Done: { Parameters: { stage: 'prod' } } } });
  });
});

describe('a Terraform templatefile() definition', () => {
  it('fills ${var}s from substitutions, also where the text is not JSON before they are filled', async () => {
    const [workflow] = await loadStateMachines(fixture('terraform', 'workflow.asl.json.tftpl'), {
      substitutions: { hello_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction', timeout_seconds: '30' },
    });
    expect(workflow).toMatchObject({ id: 'workflow', type: 'STANDARD', diagnostics: [] });
    expect(workflow!.definition).toMatchObject({ States: { Hello: { TimeoutSeconds: 30 } } });
    expectValid(workflow!);
    const result = await new StateMachine(workflow!.definition, { lambdas: { HelloFunction: hello } }).run({ name: 'Ada' });
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada!' } });
  });

  it('reports each ${var} nobody filled, at its path, with the option that fills it', async () => {
    const text = '{\n  "StartAt": "Hello",\n  "States": { "Hello": { "Type": "Task", "Resource": "${hello_function_arn}", "End": true } }\n}';
    const [workflow] = await loadStateMachines(text);
    expect(workflow!.definition).toMatchObject({ States: { Hello: { Resource: '${hello_function_arn}' } } });
    expect(workflow!.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'ERROR',
        code: 'UNRESOLVED_PLACEHOLDER',
        path: ['States', 'Hello', 'Resource'],
        location: '/States/Hello/Resource',
        stateName: 'Hello',
        line: 3,
      }),
    ]);
    expect(workflow!.diagnostics[0]!.message).toContain('substitutions: { "hello_function_arn": "…" }');
    expect(workflow!.diagnostics[0]!.message).toContain('--sub hello_function_arn=');
  });
});
