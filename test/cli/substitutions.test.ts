/** `--sub`, `--parameters` and repeatable options, as the commands read them. */
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { isTemplate } from '../../src/cli/machines.js';
import { fillPlaceholders, parseParameters, parseSubs } from '../../src/cli/substitutions.js';

describe('repeatable options', () => {
  it('keeps every value of a repeatable option, in order, whichever way it is written', () => {
    const parsed = parseArgs(['--sub', 'A=1', 'file.yaml', '--sub=B=2', '--format', 'json'], ['format'], [], { repeatable: ['sub'] });
    expect(parsed.repeated.get('sub')).toEqual(['A=1', 'B=2']);
    expect(parsed.positionals).toEqual(['file.yaml']);
    expect(parsed.options.get('format')).toBe('json');
  });

  it('refuses a repeatable option without a value', () => {
    expect(() => parseArgs(['--sub'], [], [], { repeatable: ['sub'] })).toThrow(UsageError);
  });
});

describe('--sub KEY=VALUE', () => {
  it('splits at the first =, so a value may hold = and may be empty', () => {
    expect(parseSubs(['Query=a=b', 'Empty=', 'Arn=arn:aws:lambda:us-east-1:123456789012:function:f'])).toEqual({
      Query: 'a=b',
      Empty: '',
      Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    });
  });

  it('refuses a pair without = or without a key', () => {
    expect(() => parseSubs(['Env'])).toThrow(UsageError);
    expect(() => parseSubs(['=x'])).toThrow(UsageError);
  });
});

describe('--parameters FILE', () => {
  it("reads `aws cloudformation create-stack --parameters file://…`'s list", () => {
    const text = JSON.stringify([
      { ParameterKey: 'Stage', ParameterValue: 'prod' },
      { ParameterKey: 'Size', ParameterValue: '3' },
    ]);
    expect(parseParameters(text, 'p.json')).toEqual({ Stage: 'prod', Size: '3' });
  });

  it('reads a CodePipeline template configuration and a plain object; values become text as CloudFormation passes them', () => {
    expect(parseParameters('{"Parameters": {"Stage": "prod"}, "Tags": {"team": "a"}}', 'p.json')).toEqual({ Stage: 'prod' });
    expect(parseParameters('{"Stage": "prod", "Size": 3, "Debug": false, "Zones": ["a", "b"]}', 'p.json')).toEqual({ Stage: 'prod', Size: '3', Debug: 'false', Zones: 'a,b' });
  });

  it('names the file and what is wrong with it', () => {
    expect(() => parseParameters('{oops', 'p.json')).toThrow("the parameters file 'p.json' is not valid JSON");
    expect(() => parseParameters('[{"ParameterValue": "x"}]', 'p.json')).toThrow('has no ParameterKey string at index 0');
    expect(() => parseParameters('{"Stage": {"nested": true}}', 'p.json')).toThrow("gives 'Stage' a value that is not a string");
    expect(() => parseParameters('"prod"', 'p.json')).toThrow('is neither a list nor an object');
  });
});

describe('filling a Terraform-style definition', () => {
  const inputs = { substitutions: { fn: 'arn:aws:lambda:us-east-1:123456789012:function:f', seconds: '5' }, parameters: { fn: 'ignored', stage: 'dev' } };

  it('fills ${name} (spaces inside the braces allowed); --sub wins over a parameter of the same name', () => {
    expect(fillPlaceholders('{"Resource": "${fn}", "Seconds": ${ seconds }, "Comment": "${stage}"}', inputs)).toBe(
      '{"Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Seconds": 5, "Comment": "dev"}',
    );
  });

  it('leaves names without a value, and turns the $${name} escape into a literal ${name}', () => {
    expect(fillPlaceholders('"${other}" "$${fn}"', inputs)).toBe('"${other}" "${fn}"');
  });
});

describe('what counts as a template', () => {
  it('a CloudFormation or SAM template, CDK output, or serverless.yml; never an ASL definition', () => {
    expect(isTemplate({ Resources: {} })).toBe(true);
    expect(isTemplate({ AWSTemplateFormatVersion: '2010-09-09' })).toBe(true);
    expect(isTemplate({ Transform: 'AWS::Serverless-2016-10-31' })).toBe(true);
    expect(isTemplate({ service: 'x', stepFunctions: { stateMachines: {} } })).toBe(true);
    expect(isTemplate({ StartAt: 'A', States: { A: { Type: 'Succeed' } } })).toBe(false);
    expect(isTemplate(['Resources'])).toBe(false);
  });
});
