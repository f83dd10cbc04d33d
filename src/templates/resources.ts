/**
 * What `Ref` and `Fn::GetAtt` give for a resource of the template, locally: a plausible physical
 * ID or ARN of its service, named after the logical ID. Names are the logical ID (not a
 * `FunctionName` or `TableName` property), so a handler keyed by the logical ID
 * (`lambdas: { HelloFunction: fn }`) serves a Task that calls the resource.
 * Return shapes follow the CloudFormation resource reference ("Return values" of each type).
 */

/** Partition, region, account and URL suffix that ARNs and URLs are built from. */
export interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly urlSuffix: string;
}

/** Ref and attributes of one resource type, from its logical ID. */
interface Kind {
  ref(id: string, s: Scope): string;
  atts: Readonly<Record<string, (id: string, s: Scope) => string>>;
}

const arn = (s: Scope, service: string, rest: string, regional = true): string =>
  `arn:${s.partition}:${service}:${regional ? s.region : ''}:${regional ? s.accountId : ''}:${rest}`;

const lambdaArn = (id: string, s: Scope): string => arn(s, 'lambda', `function:${id}`);
const stateMachineArn = (id: string, s: Scope): string => arn(s, 'states', `stateMachine:${id}`);
const tableArn = (id: string, s: Scope): string => arn(s, 'dynamodb', `table/${id}`);
const named = (id: string): string => id;

const FUNCTION: Kind = { ref: named, atts: { Arn: lambdaArn } };
const STATE_MACHINE: Kind = { ref: stateMachineArn, atts: { Arn: stateMachineArn, Name: named } };
const TABLE: Kind = { ref: named, atts: { Arn: tableArn, StreamArn: (id, s) => `${tableArn(id, s)}/stream/1970-01-01T00:00:00.000` } };

const KINDS: Readonly<Record<string, Kind>> = {
  'AWS::Lambda::Function': FUNCTION,
  'AWS::Serverless::Function': FUNCTION,
  'AWS::StepFunctions::StateMachine': STATE_MACHINE,
  'AWS::Serverless::StateMachine': STATE_MACHINE,
  'AWS::StepFunctions::Activity': { ref: (id, s) => arn(s, 'states', `activity:${id}`), atts: { Arn: (id, s) => arn(s, 'states', `activity:${id}`), Name: named } },
  'AWS::SNS::Topic': { ref: (id, s) => arn(s, 'sns', id), atts: { TopicArn: (id, s) => arn(s, 'sns', id), TopicName: named } },
  'AWS::SQS::Queue': {
    ref: (id, s) => `https://sqs.${s.region}.${s.urlSuffix}/${s.accountId}/${id}`,
    atts: { Arn: (id, s) => arn(s, 'sqs', id), QueueName: named, QueueUrl: (id, s) => `https://sqs.${s.region}.${s.urlSuffix}/${s.accountId}/${id}` },
  },
  'AWS::DynamoDB::Table': TABLE,
  'AWS::DynamoDB::GlobalTable': TABLE,
  'AWS::Serverless::SimpleTable': TABLE,
  'AWS::S3::Bucket': {
    ref: named,
    atts: { Arn: (id, s) => arn(s, 's3', id, false), DomainName: (id, s) => `${id}.s3.${s.urlSuffix}`, RegionalDomainName: (id, s) => `${id}.s3.${s.region}.${s.urlSuffix}` },
  },
  'AWS::Events::EventBus': { ref: named, atts: { Arn: (id, s) => arn(s, 'events', `event-bus/${id}`), Name: named } },
  // IAM is global: its ARNs have an account but no region.
  'AWS::IAM::Role': { ref: named, atts: { Arn: (id, s) => `arn:${s.partition}:iam::${s.accountId}:role/${id}` } },
  'AWS::Logs::LogGroup': { ref: named, atts: { Arn: (id, s) => arn(s, 'logs', `log-group:${id}:*`) } },
  'AWS::Kinesis::Stream': { ref: named, atts: { Arn: (id, s) => arn(s, 'kinesis', `stream/${id}`) } },
  'AWS::ECS::Cluster': { ref: named, atts: { Arn: (id, s) => arn(s, 'ecs', `cluster/${id}`) } },
  'AWS::ECS::TaskDefinition': { ref: (id, s) => arn(s, 'ecs', `task-definition/${id}:1`), atts: { TaskDefinitionArn: (id, s) => arn(s, 'ecs', `task-definition/${id}:1`) } },
  'AWS::Batch::JobQueue': { ref: (id, s) => arn(s, 'batch', `job-queue/${id}`), atts: { JobQueueArn: (id, s) => arn(s, 'batch', `job-queue/${id}`) } },
};

/** The service of a resource type (`AWS::SNS::Topic` → `sns`), for the ARN of a type not in the table. */
function serviceOf(type: string): string | undefined {
  const m = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/.exec(type);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** What `Ref` of the resource gives. Types not in the table give the logical ID, as many types do. */
export function refOf(type: string, id: string, scope: Scope): string {
  const kind = KINDS[type];
  return kind ? kind.ref(id, scope) : id;
}

/**
 * What `Fn::GetAtt` of the resource gives, or undefined for an attribute the loader does not
 * know. `Arn` of a type not in the table is an ARN of the type's service.
 */
export function attributeOf(type: string, id: string, attribute: string, scope: Scope): string | undefined {
  const kind = KINDS[type];
  const fn = kind?.atts[attribute];
  if (fn) return fn(id, scope);
  if (!kind && attribute === 'Arn') {
    const service = serviceOf(type);
    const m = /::([A-Za-z0-9]+)$/.exec(type);
    if (service && m) return arn(scope, service, `${m[1]!.toLowerCase()}/${id}`);
  }
  return undefined;
}
