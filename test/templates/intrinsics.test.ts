/**
 * Intrinsic functions and short-form tags, each checked against what CloudFormation documents
 * for it (AWS CloudFormation User Guide, "Intrinsic function reference").
 */
import { describe, expect, it } from 'vitest';
import { loadStateMachines } from '../../src/templates/index.js';

/** Loads a template whose one state machine has a Pass state with `Result: <value>`, and returns the resolved Result. */
async function resolved(value: string, extra = '', options = {}): Promise<unknown> {
  const text = `${extra}
Resources:
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: P
        States:
          P:
            Type: Pass
            End: true
            Result: ${value}
`;
  const [m] = await loadStateMachines(text, options);
  return (m!.definition as { States: { P: { Result: unknown } } }).States.P.Result;
}

describe('short-form tags become their long forms, which are then evaluated', () => {
  it('!Ref, !Sub in both forms, !Join', async () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\n    Default: test\n';
    expect(await resolved('!Ref Env', extra)).toBe('test');
    expect(await resolved("!Sub '${Env}-${AWS::Region}'", extra)).toBe('test-us-east-1');
    expect(await resolved("!Sub ['${A}-${AWS::Region}', { A: x }]")).toBe('x-us-east-1');
    expect(await resolved("!Join ['/', [a, !Ref 'AWS::AccountId']]")).toBe('a/123456789012');
  });

  it('!Select, !Split, !GetAZs, !Base64, !FindInMap, !If with !Equals/!Not/!And/!Or conditions', async () => {
    expect(await resolved("!Select [1, !Split [',', 'a,b,c']]")).toBe('b');
    expect(await resolved("!GetAZs ''")).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    // Base64 of the UTF-8 bytes of "Hello"
    expect(await resolved('!Base64 Hello')).toBe('SGVsbG8=');
    const mappings = 'Mappings:\n  Sizes:\n    us-east-1:\n      Memory: 512\n';
    expect(await resolved("!FindInMap [Sizes, !Ref 'AWS::Region', Memory]", mappings)).toBe(512);
    const conditions = `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsNotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsNotProd, !Equals [a, b]]
`;
    expect(await resolved('[!If [IsProd, yes, no], !If [IsNotProd, yes, no], !If [Both, yes, no], !If [Either, yes, no]]', conditions)).toEqual(['yes', 'no', 'yes', 'no']);
  });

  it('Ref AWS::NoValue removes the member, as in CloudFormation', async () => {
    expect(await resolved("{ keep: 1, drop: !Ref 'AWS::NoValue' }")).toEqual({ keep: 1 });
  });

  it('a CommaDelimitedList parameter is a list', async () => {
    expect(await resolved('!Ref Names', 'Parameters:\n  Names:\n    Type: CommaDelimitedList\n    Default: a,b\n')).toEqual(['a', 'b']);
  });

  it('pseudo parameters default to the runtime execution context and follow the options', async () => {
    const all = "!Sub '${AWS::Partition}|${AWS::Region}|${AWS::AccountId}|${AWS::StackName}|${AWS::URLSuffix}'";
    expect(await resolved(all)).toBe('aws|us-east-1|123456789012|asl-runtime-stack|amazonaws.com');
    expect(await resolved(all, '', { pseudo: { partition: 'aws-cn', region: 'cn-north-1', accountId: '210987654321', stackName: 'prod' } })).toBe('aws-cn|cn-north-1|210987654321|prod|amazonaws.com.cn');
  });

  it('an Fn::ImportValue stays a placeholder named after the export, which a substitution fills', async () => {
    expect(await resolved('!ImportValue SharedTableName')).toBe('${SharedTableName}');
    expect(await resolved('!ImportValue SharedTableName', '', { substitutions: { SharedTableName: 'Orders' } })).toBe('Orders');
  });
});

describe('resources become ARNs of their services, named after the logical ID', () => {
  const resources = `
  Fn: { Type: AWS::Serverless::Function }
  Machine: { Type: AWS::StepFunctions::StateMachine }
  Work: { Type: AWS::StepFunctions::Activity }
  Topic: { Type: AWS::SNS::Topic }
  Queue: { Type: AWS::SQS::Queue }
  Table: { Type: AWS::DynamoDB::Table }
  Bucket: { Type: AWS::S3::Bucket }
  Bus: { Type: AWS::Events::EventBus }
`;
  it('Ref and Fn::GetAtt give what each resource type documents', async () => {
    const text = `Resources:${resources}
  M:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: P
        States:
          P:
            Type: Pass
            End: true
            Result:
              - !GetAtt Fn.Arn
              - !GetAtt [Fn, Arn]
              - !Ref Machine
              - !Ref Work
              - !Ref Topic
              - !Ref Queue
              - !GetAtt Queue.Arn
              - !Ref Table
              - !GetAtt Table.Arn
              - !Ref Bucket
              - !GetAtt Bucket.Arn
              - !GetAtt Bus.Arn
`;
    const loaded = await loadStateMachines(text);
    const m = loaded.find((x) => x.id === 'M')!;
    expect((m.definition as { States: { P: { Result: unknown } } }).States.P.Result).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      'arn:aws:states:us-east-1:123456789012:stateMachine:Machine',
      'arn:aws:states:us-east-1:123456789012:activity:Work',
      'arn:aws:sns:us-east-1:123456789012:Topic',
      'https://sqs.us-east-1.amazonaws.com/123456789012/Queue',
      'arn:aws:sqs:us-east-1:123456789012:Queue',
      'Table',
      'arn:aws:dynamodb:us-east-1:123456789012:table/Table',
      'Bucket',
      'arn:aws:s3:::Bucket',
      'arn:aws:events:us-east-1:123456789012:event-bus/Bus',
    ]);
    expect(m.diagnostics).toEqual([]);
  });
});
