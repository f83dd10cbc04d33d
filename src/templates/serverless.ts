/**
 * Serverless Framework variables in a `serverless.yml` state machine: `${self:path}`,
 * `${opt:stage}`, `${sls:stage}`, `${aws:region}`, `${env:X}`, `${file(./x.json)}` (optionally
 * `:key`), with `, fallback` values, innermost first. Anything else (`${AWS::Region}` of an
 * `Fn::Sub`, for one) is left for the intrinsics. `#{AWS::Region}` (serverless-pseudo-parameters)
 * becomes an `Fn::Sub`.
 */
import { isObject } from '../validate/diagnostics.js';
import type { Intrinsics } from './intrinsics.js';
import type { TemplateScope } from './scope.js';

/** The variable sources of the Framework; other `${…}` belong to CloudFormation. */
const SOURCE = /^(self|opt|sls|env|aws|ssm|cf|s3|file\(|param|strToBool)/;
/** An innermost variable: no braces inside. */
const VARIABLE = /\$\{([^{}]+)\}/g;
const MAX_ROUNDS = 10;

export interface ServerlessContext {
  readonly root: Record<string, unknown>;
  readonly scope: TemplateScope;
  readonly intrinsics: Intrinsics;
  /** Reads and parses a file named relative to the serverless.yml. */
  readFile(name: string): Promise<unknown>;
}

function lookup(root: unknown, path: string): unknown {
  let v = root;
  for (const key of path.split('.').filter(Boolean)) v = isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
  return v;
}

/** A fallback literal: `'dev'`, `"dev"`, a number, or text a previous round resolved. */
function literal(text: string): unknown {
  const t = text.trim();
  const quoted = /^(['"])(.*)\1$/s.exec(t);
  if (quoted) return quoted[2];
  return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t.includes('${') ? undefined : t;
}

/** The value of one variable (`opt:stage, 'dev'`), or undefined when nothing gives one. */
async function variable(inner: string, ctx: ServerlessContext): Promise<unknown> {
  const [ref = '', ...fallbacks] = inner.split(',');
  const name = ref.trim();
  const given = ctx.scope.options.substitutions?.[name];
  if (given !== undefined) return given;
  let value: unknown;
  const [source = '', rest = ''] = name.split(/:(.*)/s, 2);
  const stage = (): unknown => ctx.scope.options.substitutions?.['opt:stage'] ?? ctx.scope.options.substitutions?.['stage'] ?? lookup(ctx.root, 'provider.stage') ?? 'dev';
  if (source === 'self') value = rest === '' ? ctx.root : lookup(ctx.root, rest);
  else if (name === 'sls:stage' || name === 'opt:stage') value = name === 'sls:stage' || ctx.scope.options.substitutions?.['stage'] !== undefined ? stage() : undefined;
  else if (name === 'aws:region' || name === 'opt:region') value = name === 'aws:region' ? ctx.scope.region : undefined;
  else if (name === 'aws:accountId') value = ctx.scope.accountId;
  else if (name === 'sls:instanceId') value = 'local';
  else {
    const file = /^file\(([^)]+)\)(?::(.*))?$/s.exec(name);
    if (file) {
      const content = await ctx.readFile(file[1]!.trim());
      value = file[2] ? lookup(content, file[2].trim()) : content;
    }
  }
  for (const f of fallbacks) value ??= literal(f);
  return value;
}

/** Resolves Framework variables in every string of `value` (a whole-string variable may give an object). */
export async function resolveServerless(value: unknown, ctx: ServerlessContext, depth = 0): Promise<unknown> {
  if (depth > 64) return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveServerless(v, ctx, depth + 1)));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: await resolveServerless(v, ctx, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (typeof value !== 'string') return value;
  let text = value;
  for (let round = 0; round < MAX_ROUNDS && text.includes('${'); round++) {
    const whole = /^\$\{([^{}]+)\}$/.exec(text);
    if (whole && SOURCE.test(whole[1]!.trim())) {
      const v = await variable(whole[1]!, ctx);
      if (v === undefined) return ctx.intrinsics.unresolved(whole[1]!.trim(), 'no value for this Serverless variable (and no fallback)');
      if (typeof v !== 'string') return resolveServerless(v, ctx, depth + 1);
      text = v;
      continue;
    }
    let changed = false;
    const pending: Promise<string>[] = [];
    text.replace(VARIABLE, (m, inner: string) => {
      pending.push(SOURCE.test(inner.trim()) ? variable(inner, ctx).then((v) => (v === undefined ? ctx.intrinsics.unresolved(inner.split(',')[0]!.trim(), 'no value for this Serverless variable (and no fallback)') : String(v))) : Promise.resolve(m));
      return m;
    });
    const values = await Promise.all(pending);
    let i = 0;
    const next = text.replace(VARIABLE, () => values[i++]!);
    changed = next !== text;
    text = next;
    if (!changed) break;
  }
  // serverless-pseudo-parameters: `#{AWS::Region}` in any string stands for an Fn::Sub variable.
  return text.includes('#{') ? text.replace(/#\{([^{}]+)\}/g, (_, name: string) => String(ctx.intrinsics.resolve({ 'Fn::Sub': `\${${name}}` }))) : text;
}
