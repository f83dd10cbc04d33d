/**
 * What cannot be loaded gives a typed error with the position, or a diagnostic on the machine;
 * never a crash, and never a `${X}` kept silently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AslUsageError } from '../../src/errors.js';
import { loadStateMachines, TemplateError } from '../../src/templates/index.js';
import { fixture, machine } from './helpers.js';

async function failure(promise: Promise<unknown>): Promise<TemplateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemplateError);
  expect(error).toBeInstanceOf(AslUsageError);
  return error as TemplateError;
}

describe('a template that cannot be loaded throws a TemplateError', () => {
  it('names a missing file', async () => {
    const error = await failure(loadStateMachines(fixture('errors', 'nope.yaml')));
    expect(error.file).toBe(fixture('errors', 'nope.yaml'));
    expect(error.message).toContain('no such file');
  });

  it('gives the line and column of a YAML syntax error', async () => {
    const error = await failure(loadStateMachines(fixture('errors', 'bad.yaml')));
    expect(error.file).toBe(fixture('errors', 'bad.yaml'));
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/not valid YAML/);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const error = await failure(loadStateMachines('{\n  "Resources": {\n    "A": { "Type": "AWS::StepFunctions::StateMachine", }\n  }\n}'));
    expect(error).toMatchObject({ line: 3 });
    expect(error.column).toBeGreaterThan(50);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('says what it looked for when the template declares no state machine', async () => {
    const error = await failure(loadStateMachines(fixture('errors', 'no-machine.yaml')));
    expect(error.message).toMatch(/no state machine found.*AWS::StepFunctions::StateMachine.*AWS::Serverless::StateMachine/);
  });

  it('refuses a source that is neither text nor an object', async () => {
    await failure(loadStateMachines(42 as unknown as string));
    await failure(loadStateMachines('[1, 2]'));
  });

  describe('where there is no file system (a browser)', () => {
    const process = globalThis.process as { getBuiltinModule?: unknown };
    const original = process.getBuiltinModule;
    afterEach(() => {
      process.getBuiltinModule = original;
    });

    it('a file path is a TemplateError, while text still loads', async () => {
      process.getBuiltinModule = undefined;
      const error = await failure(loadStateMachines(fixture('sam', 'template.yaml')));
      expect(error.message).toMatch(/needs a file system/);
      const [m] = await loadStateMachines('StartAt: A\nStates:\n  A: { Type: Succeed }\n');
      expect(m!.definition).toEqual({ StartAt: 'A', States: { A: { Type: 'Succeed' } } });
    });
  });
});

describe('what a machine cannot resolve is a diagnostic on it', () => {
  it('a DefinitionUri in S3, and a local definition file that does not exist', async () => {
    const loaded = await loadStateMachines(fixture('errors', 's3.yaml'));
    expect(machine(loaded, 'FromBucket')).toMatchObject({ definition: {}, diagnostics: [expect.objectContaining({ severity: 'ERROR', code: 'UNSUPPORTED_TEMPLATE_FEATURE' })] });
    expect(machine(loaded, 'FromBucket').diagnostics[0]!.message).toMatch(/local file/);
    expect(machine(loaded, 'Missing')).toMatchObject({ definition: {}, diagnostics: [expect.objectContaining({ code: 'FILE_NOT_READABLE' })] });
    expect(machine(loaded, 'Missing').diagnostics[0]!.message).toContain('does-not-exist.asl.json');
  });

  const template = `Parameters:
  ApproverEmail:
    Type: String
Resources:
  Approval:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Notify
        States:
          Notify:
            Type: Task
            Resource: !GetAtt hello.Arn
            Parameters:
              Email: !Ref ApproverEmail
              Table: \${TableName}
            End: true
`;

  it('a parameter without a Default, a resource that is not there, a DefinitionSubstitutions key not given', async () => {
    const [approval] = await loadStateMachines(template);
    expect(approval!.definition).toEqual({
      StartAt: 'Notify',
      States: { Notify: { Type: 'Task', Resource: '${hello.Arn}', Parameters: { Email: '${ApproverEmail}', Table: '${TableName}' }, End: true } },
    });
    const byPath = Object.fromEntries(approval!.diagnostics.map((d) => [d.location, d]));
    expect(Object.keys(byPath).sort()).toEqual(['/States/Notify/Parameters/Email', '/States/Notify/Parameters/Table', '/States/Notify/Resource']);
    for (const d of approval!.diagnostics) expect(d).toMatchObject({ severity: 'ERROR', code: 'UNRESOLVED_PLACEHOLDER', stateName: 'Notify' });
    // the position is in the template, where the value is written
    expect(byPath['/States/Notify/Resource']).toMatchObject({ line: 13, column: 13 });
    expect(byPath['/States/Notify/Resource']!.message).toMatch(/no resource 'hello'/);
    expect(byPath['/States/Notify/Parameters/Email']!.message).toMatch(/parameter 'ApproverEmail' has no Default.*parameters: \{ "ApproverEmail"/);
    expect(byPath['/States/Notify/Parameters/Table']!.message).toMatch(/--sub TableName=/);
  });

  it('the options fill all three', async () => {
    const [approval] = await loadStateMachines(template, {
      parameters: { ApproverEmail: 'ada@example.com' },
      substitutions: { 'hello.Arn': 'arn:aws:lambda:us-east-1:123456789012:function:hello', TableName: 'Approvals' },
    });
    expect(approval!.diagnostics).toEqual([]);
    expect(approval!.definition).toMatchObject({ States: { Notify: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hello', Parameters: { Email: 'ada@example.com', Table: 'Approvals' } } } });
  });

  it('an unknown StateMachineType is reported and loaded as STANDARD', async () => {
    const [m] = await loadStateMachines({ Resources: { M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineType: 'FAST', Definition: { StartAt: 'A', States: { A: { Type: 'Succeed' } } } } } } });
    expect(m).toMatchObject({ type: 'STANDARD', source: { line: 0, column: 0 } });
    expect(m!.diagnostics).toEqual([expect.objectContaining({ severity: 'ERROR', message: expect.stringContaining('FAST') })]);
  });
});
