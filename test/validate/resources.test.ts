/**
 * A Task's `Resource`. The ASL spec says it "MUST be a URI", so by default any `scheme:rest`
 * passes; `strictResources` applies the ARN grammar a deployment to AWS needs (AWS developer
 * guide, "Task workflow state" and "Integrating services with Step Functions"). A `${X}` left by
 * a template is never a resource: AWS's ValidateStateMachineDefinition refuses it.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { errors, LAMBDA, single } from './helpers.js';

const task = (resource: string): Record<string, unknown> => single({ Type: 'Task', Resource: resource, End: true });
const messageOf = (resource: string, strict = false): string =>
  validate(task(resource), { strictResources: strict }).diagnostics.find((d) => d.severity === 'ERROR')?.message ?? '';

describe('Resource by default: any URI', () => {
  it('accepts URIs of any scheme, including short local names', () => {
    for (const r of ['local:sendEmail', 'module:hello', 'foo:bar', 'urn:example:task', LAMBDA]) expect(errors(task(r)), r).toEqual([]);
  });

  it('accepts service integration ARNs with a region and account, as a deployed machine shows them', () => {
    expect(errors(task('arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject'))).toEqual([]);
  });

  it('refuses text that is not a URI, naming the URI form', () => {
    for (const r of ['sendEmail', ':x', 'local: x', '1abc:x', '']) expect(errors(task(r)), r).toEqual(['INVALID_RESOURCE /States/S/Resource']);
    expect(messageOf('sendEmail')).toMatch(/not a URI \(scheme:rest\)/);
  });

  it('an arn: URI must have ARN shape, and a Lambda ARN a well-formed function name and qualifier', () => {
    expect(errors(task('arn:aws:lambda'))).toEqual(['INVALID_RESOURCE /States/S/Resource']);
    // Lambda qualifiers: $LATEST, a version or an alias of letters, digits, - and _
    for (const ok of [`${LAMBDA}:$LATEST`, `${LAMBDA}:7`, `${LAMBDA}:live-2_b`]) expect(errors(task(ok)), ok).toEqual([]);
    for (const bad of [`${LAMBDA}:`, `${LAMBDA}:$*#$7485`, 'arn:aws:lambda:us-east-1:123456789012:function:bad name']) {
      expect(errors(task(bad)), bad).toEqual(['INVALID_RESOURCE /States/S/Resource']);
    }
  });
});

describe('CloudFormation intrinsic functions left in a Resource', () => {
  it('are one INVALID_RESOURCE that says the definition is still inside its template', () => {
    for (const resource of [{ 'Fn::GetAtt': ['HelloFunction', 'Arn'] }, { Ref: 'HelloFunction' }, '!GetAtt HelloFunction.Arn']) {
      const result = validate(single({ Type: 'Task', Resource: resource, End: true }));
      expect(result.diagnostics.map((d) => `${d.code} ${d.location}`), JSON.stringify(resource)).toEqual(['INVALID_RESOURCE /States/S/Resource']);
      expect(result.diagnostics[0]?.message).toContain('loadStateMachines()');
    }
  });

  it('leaves other wrong types to the schema', () => {
    expect(errors(single({ Type: 'Task', Resource: { Arn: 'x' }, End: true }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/S/Resource']);
  });
});

describe('placeholders a template left', () => {
  it('are an error in Resource that names the placeholder and the option that fills it', () => {
    const message = messageOf('${HelloFunctionArn}');
    expect(errors(task('${HelloFunctionArn}'))).toEqual(['UNRESOLVED_PLACEHOLDER /States/S/Resource']);
    expect(message).toContain('${HelloFunctionArn}');
    expect(message).toContain('substitutions: { HelloFunctionArn:');
    expect(message).toContain('--sub HelloFunctionArn=');
  });

  it('count inside a longer Resource too, and Fn::Sub\'s ${!Literal} escape is not one', () => {
    expect(errors(task('arn:aws:lambda:${AWS::Region}:123456789012:function:Hello'))).toEqual(['UNRESOLVED_PLACEHOLDER /States/S/Resource']);
    expect(errors(task('local:${!Literal}'))).toEqual([]);
  });

  it('are a warning in any other string, which may legitimately hold such text', () => {
    const def = single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${HelloFunctionArn}' }, End: true });
    const result = validate(def);
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.location}`)).toEqual(['WARNING UNRESOLVED_PLACEHOLDER /States/S/Parameters/FunctionName']);
  });
});

describe('strictResources: AWS\'s ARN grammar', () => {
  it('accepts Lambda functions with qualifiers, activities and service integrations (with or without region and account)', () => {
    for (const r of [LAMBDA, `${LAMBDA}:$LATEST`, `${LAMBDA}:3`, `${LAMBDA}:prod`, 'arn:aws:states:eu-west-1:123456789012:activity:Approve',
      'arn:aws:states:::lambda:invoke', 'arn:aws:states:::states:startExecution.sync:2', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      'arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject', 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:F']) {
      expect(errors(task(r), { strictResources: true }), r).toEqual([]);
    }
  });

  it('refuses local URIs with a message that shows the ARN forms', () => {
    expect(errors(task('local:sendEmail'), { strictResources: true })).toEqual(['INVALID_RESOURCE /States/S/Resource']);
    expect(messageOf('local:sendEmail', true)).toContain('arn:aws:lambda:REGION:ACCOUNT:function:NAME');
  });

  it('refuses a partial Lambda ARN and suggests the full one or lambda:invoke', () => {
    const message = messageOf('arn:aws:lambda:::function:Hello', true);
    expect(message).toContain('partial Lambda ARN');
    expect(message).toContain('arn:aws:states:::lambda:invoke');
  });

  it('names the part of a Lambda ARN that is wrong', () => {
    expect(messageOf('arn:aws:lambda:region-1:1234567890:function:F', true)).toContain("region 'region-1'");
    expect(messageOf('arn:aws:lambda:us-east-1:1234567890:function:F', true)).toContain('12 digits');
    expect(messageOf(`${LAMBDA}:`, true)).toContain(':$LATEST');
  });
});
