/**
 * The HTTP transport (node:http only): reads a JSON 1.0 request, finds the action named by
 * `X-Amz-Target`, and writes its result or its error. Bad requests get AWS's protocol errors
 * (`UnknownOperationException`, `SerializationException`); an unexpected exception becomes a
 * 500 `InternalFailure` and is logged, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ACTIONS } from './actions/index.js';
import type { ServerContext } from './context.js';
import type { Body } from './params.js';
import { ApiError, CONTENT_TYPE, errorBody, TARGET_PREFIX } from './protocol.js';

/** Larger than any valid request (a 1 MiB definition escaped in JSON); bigger bodies are refused unread. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The abort reason when a client hangs up: one shared value, not a DOMException per request. */
const GONE = Object.freeze({ clientGone: true });

/** Handles one request. */
export async function handle(req: IncomingMessage, res: ServerResponse, ctx: ServerContext): Promise<void> {
  const requestId = randomUUID();
  // Fires when the client goes away before the answer (a GetActivityTask poll ends then).
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(GONE);
  });
  try {
    if (req.method !== 'POST') throw new ApiError('UnknownOperationException', `Use POST / with an X-Amz-Target header; got ${req.method ?? '?'} ${req.url ?? ''}`, 404);
    const target = req.headers['x-amz-target'];
    const name = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const action = name !== undefined && Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new ApiError('UnknownOperationException', `Unknown operation: ${String(target)}`);
    const body = await readBody(req);
    const out = await action(body, ctx, gone.signal);
    send(res, 200, JSON.stringify(out), requestId);
  } catch (e) {
    let error: ApiError;
    if (e instanceof ApiError) error = e;
    else {
      ctx.log(`Internal error (request ${requestId}): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      error = new ApiError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
    }
    if (!res.headersSent && !res.destroyed) send(res, error.status, errorBody(error), requestId, error.name);
  }
}

function send(res: ServerResponse, status: number, text: string, requestId: string, errorType?: string): void {
  const headers: Record<string, string | number> = {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('ValidationException', `The request body is larger than ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('SerializationException', 'The request body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ApiError('SerializationException', 'The request body must be a JSON object');
  return value as Body;
}
