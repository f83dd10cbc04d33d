/** The one Resource grammar: what kind of resource a Task names, as AWS's history reads it. */
import { describe, expect, it } from 'vitest';
import { parseResource } from '../../src/definition/resource.js';

describe('parseResource', () => {
  it('reads a Lambda function ARN with and without a qualifier', () => {
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:function:Hello')).toEqual({
      kind: 'lambda', partition: 'aws', region: 'us-east-1', account: '123456789012', functionName: 'Hello',
    });
    expect(parseResource('arn:aws:lambda:us-east-1:123456789012:function:Hello:live')).toMatchObject({ functionName: 'Hello', qualifier: 'live' });
  });

  it('reads an activity ARN', () => {
    expect(parseResource('arn:aws:states:eu-west-1:123456789012:activity:Approve')).toEqual({
      kind: 'activity', partition: 'aws', region: 'eu-west-1', account: '123456789012', name: 'Approve',
    });
  });

  it('reads service integrations with their pattern; the action keeps the suffix as history shows it', () => {
    expect(parseResource('arn:aws:states:::lambda:invoke')).toMatchObject({ kind: 'integration', service: 'lambda', operation: 'invoke', action: 'invoke', pattern: 'request-response' });
    expect(parseResource('arn:aws:states:::lambda:invoke.waitForTaskToken')).toMatchObject({ service: 'lambda', operation: 'invoke', action: 'invoke.waitForTaskToken', pattern: 'waitForTaskToken' });
    expect(parseResource('arn:aws:states:::states:startExecution.sync:2')).toMatchObject({ service: 'states', operation: 'startExecution', action: 'startExecution.sync:2', pattern: 'sync:2' });
    expect(parseResource('arn:aws:states:::batch:submitJob.sync')).toMatchObject({ service: 'batch', operation: 'submitJob', pattern: 'sync' });
    // aws-sdk integrations keep the SDK service in `service`; a region and account are allowed.
    expect(parseResource('arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject')).toMatchObject({ service: 'aws-sdk:s3', operation: 'getObject', pattern: 'request-response' });
  });

  it('calls anything else other: URIs of other schemes and placeholders', () => {
    expect(parseResource('local:sendEmail')).toEqual({ kind: 'other' });
    expect(parseResource('${HelloFunctionArn}')).toEqual({ kind: 'other' });
  });
});
