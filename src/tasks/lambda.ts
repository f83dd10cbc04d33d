import { isIntegration, parseResource } from '../definition/resource.js';
import { StatesError } from '../errors.js';
import type { LambdaContext, LambdaHandler, ResolvedTask, TaskContext, TaskResolver } from './types.js';

const PARTIAL_ARN = /^([0-9]{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME_WITH_QUALIFIER = /^([A-Za-z0-9_-]+)(?::([^:]+))?$/;

/** True for a Resource that is a Lambda function ARN used directly (the legacy form). */
export function isLambdaArn(resource: string): boolean {
  return parseResource(resource).kind === 'lambda';
}

/** True for the optimised Lambda integration, `arn:aws:states:::lambda:invoke[.waitForTaskToken]`. */
export function isLambdaInvoke(resource: string): boolean {
  const r = parseResource(resource);
  return r.kind === 'integration' && isIntegration(r, 'lambda', 'invoke') && (r.pattern === 'request-response' || r.pattern === 'waitForTaskToken');
}

/** Function name and qualifier from a name, partial ARN or full ARN, as Lambda accepts them. */
export function parseFunctionName(ref: string): { name: string; qualifier?: string } | undefined {
  const full = parseResource(ref);
  if (full.kind === 'lambda') return { name: full.functionName, qualifier: full.qualifier };
  const partial = PARTIAL_ARN.exec(ref);
  if (partial) return { name: partial[2]!, qualifier: partial[3] };
  const plain = NAME_WITH_QUALIFIER.exec(ref);
  if (plain) return { name: plain[1]!, qualifier: plain[2] };
  return undefined;
}

/**
 * Serves Lambda ARNs used as `Resource` and `arn:aws:states:::lambda:invoke` from the user's
 * own Lambda handler code, keyed by function name or ARN (qualifier optional).
 */
export function lambdaResolver(lambdas: Readonly<Record<string, LambdaHandler>>): TaskResolver {
  const byKey = new Map<string, LambdaHandler>();
  for (const [key, fn] of Object.entries(lambdas)) {
    if (typeof fn !== 'function') continue;
    const ref = parseFunctionName(key);
    if (!ref) continue;
    byKey.set(ref.qualifier ? `${ref.name}:${ref.qualifier}` : ref.name, fn);
  }
  const find = (ref: string) => {
    const p = parseFunctionName(ref);
    if (!p) return undefined;
    const fn = (p.qualifier && byKey.get(`${p.name}:${p.qualifier}`)) || byKey.get(p.name);
    return fn ? { fn, name: p.name, qualifier: p.qualifier, arn: ref } : undefined;
  };
  return {
    resolve({ resource, parameters }) {
      if (isLambdaArn(resource)) {
        const hit = find(resource);
        if (!hit) return undefined;
        return direct(hit.fn, hit.name, hit.qualifier, resource);
      }
      if (isLambdaInvoke(resource)) {
        const p = parameters as { FunctionName?: unknown } | null;
        if (!p || typeof p !== 'object' || typeof p.FunctionName !== 'string') return undefined;
        const hit = find(p.FunctionName);
        if (!hit) return undefined;
        return invokeIntegration(hit.fn, hit.name, hit.qualifier, p.FunctionName);
      }
      return undefined;
    },
  };
}

function direct(fn: LambdaHandler, name: string, qualifier: string | undefined, arn: string): ResolvedTask {
  return {
    undefinedResult: 'lambda',
    invoke: (input, ctx) => callLambda(fn, input, ctx, name, qualifier, arn).then((r) => r.payload),
  };
}

function invokeIntegration(fn: LambdaHandler, name: string, qualifier: string | undefined, ref: string): ResolvedTask {
  return {
    invoke: async (input, ctx) => {
      const payload = (input as { Payload?: unknown }).Payload;
      const { payload: result, requestId } = await callLambda(fn, payload === undefined ? {} : payload, ctx, name, qualifier, ref);
      // AWS's lambda:invoke response envelope (Lambda Invoke API response, as Step Functions returns it).
      return {
        ExecutedVersion: qualifier ?? '$LATEST',
        Payload: result === undefined ? null : result,
        SdkHttpMetadata: {
          AllHttpHeaders: { 'X-Amz-Executed-Version': [qualifier ?? '$LATEST'], 'x-amzn-Remapped-Content-Length': ['0'], Connection: ['keep-alive'], 'x-amzn-RequestId': [requestId], 'Content-Type': ['application/json'] },
          HttpHeaders: { Connection: 'keep-alive', 'Content-Type': 'application/json', 'X-Amz-Executed-Version': qualifier ?? '$LATEST', 'x-amzn-Remapped-Content-Length': '0', 'x-amzn-RequestId': requestId },
          HttpStatusCode: 200,
        },
        SdkResponseMetadata: { RequestId: requestId },
        StatusCode: 200,
      };
    },
  };
}

async function callLambda(
  fn: LambdaHandler,
  event: unknown,
  ctx: TaskContext,
  name: string,
  qualifier: string | undefined,
  ref: string,
): Promise<{ payload: unknown; requestId: string }> {
  const requestId = ctx.requestId;
  const env = ctx.context.Execution.Id.split(':');
  const region = env[3] ?? 'us-east-1';
  const account = env[4] ?? '123456789012';
  const started = ctx.clock.now();
  const lambdaContext: LambdaContext = {
    functionName: name,
    functionVersion: qualifier ?? '$LATEST',
    invokedFunctionArn: ref.startsWith('arn:') ? ref : `arn:aws:lambda:${region}:${account}:function:${name}${qualifier ? ':' + qualifier : ''}`,
    awsRequestId: requestId,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 900_000 - (ctx.clock.now() - started)),
  };
  try {
    return { payload: await fn(event, lambdaContext), requestId };
  } catch (e) {
    if (e instanceof StatesError) throw e;
    throw lambdaError(e, requestId);
  }
}

/** A function error as Lambda reports it: Error = errorType, Cause = the error JSON Lambda returns. */
export function lambdaError(e: unknown, requestId: string): StatesError {
  const err = e instanceof Error ? e : undefined;
  const errorType = err?.name || 'Error';
  const errorMessage = err ? err.message : String(e);
  const stackTrace = err?.stack ? err.stack.split('\n').slice(1).map((l) => l.trim()) : [];
  return new StatesError(errorType, JSON.stringify({ errorMessage, errorType, requestId, stackTrace }));
}
