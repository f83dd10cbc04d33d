import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/tasks/glob.js';
import { handlersResolver } from '../../src/tasks/handlers.js';
import { isLambdaArn, isLambdaInvoke, parseFunctionName } from '../../src/tasks/lambda.js';

describe('resource patterns', () => {
  it('* matches any run of characters; everything else is literal', () => {
    expect(globToRegExp('arn:aws:states:::dynamodb:*').test('arn:aws:states:::dynamodb:putItem')).toBe(true);
    expect(globToRegExp('arn:aws:states:::dynamodb:*').test('arn:aws:states:::sqs:sendMessage')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('handlers: exact resource first, then the first matching pattern', () => {
    const r = handlersResolver({ 'x:*': () => 'glob', 'x:y': () => 'exact' });
    const call = (resource: string) => r.resolve({ resource, stateName: 'S', parameters: {} })?.invoke({}, {} as never);
    expect(call('x:y')).toBe('exact');
    expect(call('x:z')).toBe('glob');
    expect(r.resolve({ resource: 'other', stateName: 'S', parameters: {} })).toBeUndefined();
  });
});

// AWS Lambda Invoke: FunctionName may be a name, a partial ARN or a full ARN, with a qualifier.
describe('Lambda function references', () => {
  it('recognise the direct ARN form and the lambda:invoke integration', () => {
    expect(isLambdaArn('arn:aws:lambda:us-east-1:123456789012:function:f')).toBe(true);
    expect(isLambdaArn('arn:aws:lambda:us-east-1:123456789012:function:f:live')).toBe(true);
    expect(isLambdaArn('arn:aws:states:::lambda:invoke')).toBe(false);
    expect(isLambdaInvoke('arn:aws:states:::lambda:invoke')).toBe(true);
    expect(isLambdaInvoke('arn:aws:states:::lambda:invoke.waitForTaskToken')).toBe(true);
  });

  it('parse names, partial and full ARNs with qualifiers', () => {
    expect(parseFunctionName('f')).toEqual({ name: 'f', qualifier: undefined });
    expect(parseFunctionName('f:3')).toEqual({ name: 'f', qualifier: '3' });
    expect(parseFunctionName('123456789012:function:f:live')).toEqual({ name: 'f', qualifier: 'live' });
    expect(parseFunctionName('arn:aws:lambda:eu-west-1:123456789012:function:f')).toEqual({ name: 'f', qualifier: undefined });
    expect(parseFunctionName('not a function!')).toBeUndefined();
  });
});
