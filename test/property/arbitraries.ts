/**
 * fast-check generators of Amazon States Language definitions: every state type, JSONPath and
 * JSONata, paths, payload templates, intrinsic functions, JSONata expressions, Choice rules,
 * Retry/Catch and nested Parallel/Map machines. `wild` mixes in values that are meant to be
 * invalid (bad paths, broken expressions, wrong types, dangling transitions) so the validator's
 * edges are exercised; without it most definitions are valid and worth running.
 */
import fc from 'fast-check';

/** Generation settings passed down the tree. */
export interface GenConfig {
  readonly language: 'JSONPath' | 'JSONata';
  /** How many more levels of Parallel/Map nesting are allowed. */
  readonly depth: number;
  /** Include invalid and hostile values. */
  readonly wild: boolean;
}

type Json = unknown;
type Arb<T> = fc.Arbitrary<T>;

/** Strings the generators put in inputs; error names read from the input come from here. */
export const INPUT_STRINGS = ['x', 'hello world', '', 'MyError', 'a*b', '2024-01-02T03:04:05Z', '__proto__', 'constructor'];
/** Error names Fail states and handlers use. */
export const FAIL_ERRORS = ['MyError', 'Custom.Error', 'Oops', 'States.MyOwn'];
export const HANDLER_ERRORS = ['HandlerError', 'Custom.Error'];

/** Builds an object with own data properties only, so `__proto__` stays a plain key. */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Keeps the first of entries whose names differ only by a `.$` suffix (they would produce the same field). */
function distinctFields(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const seen = new Set<string>();
  return objectOf(entries.filter(([k]) => {
    const base = k.endsWith('.$') ? k.slice(0, -2) : k;
    if (seen.has(base)) return false;
    seen.add(base);
    return true;
  }));
}

function weighted<T>(...pairs: [number, Arb<T>][]): Arb<T> {
  return fc.oneof(...pairs.filter(([w]) => w > 0).map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

/** Hostile strings: control characters, lone surrogates, markers, prototype names, path syntax. */
export const hostileString: Arb<string> = weighted(
  [3, fc.string({ unit: 'binary', maxLength: 12 })],
  [3, fc.string({ unit: fc.constantFrom(...'$.[]\'"*?@()-:,0123ab {}%\\'.split('')), maxLength: 16 })],
  [2, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', '\ud800', '\udfff\ud800', '{%', '%}', '{%}', '{% %}',
    '$', '$$', '$.', '$..', '$[', '$[]', "$['", '$[?(', '$[(@.length-1)]', '$.a,b', '$.a:b', '$.a?b', '$.a@b', '$.[0]', 'States.', 'States.Format(', '${x}')],
  [1, fc.tuple(fc.constantFrom('a', '[0]', '.b', '*', '(', '"'), fc.integer({ min: 100, max: 3000 })).map(([s, n]) => '$' + s.repeat(n))],
);

/** Small JSON leaves. */
const leaf: Arb<Json> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...INPUT_STRINGS),
);

/** Any small JSON value (objects may have `__proto__` and `constructor` keys). */
export const jsonValue: Arb<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom('a', 'b', 'n', 's', 'items', '__proto__', 'constructor', 'x y'), tie('v')), { maxLength: 3 }).map(objectOf),
  ),
})).v;

/** An execution input shaped like the paths below expect, with some surprises. */
export const inputArb: Arb<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    a: jsonValue,
    n: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant(1.5), fc.constant('1')),
    s: fc.constantFrom(...INPUT_STRINGS),
    b: fc.boolean(),
    items: fc.array(fc.oneof(fc.record({ b: fc.integer({ min: 0, max: 2 }) }), fc.record({ c: fc.record({ d: fc.integer({ min: 0, max: 2 }) }) }), leaf), { maxLength: 4 }),
    ts: fc.constantFrom('2024-01-02T03:04:05Z', 'not a date', '2024-01-02T03:04:05.123+01:00'),
  }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"items":[]}') as Json) },
);

const CLEAN_PATHS = ['$', '$.a', '$.n', '$.s', '$.b', '$.items', '$.items[0]', '$.items[0].b', "$['s']", '$.items[*].b', '$..b', '$.items[?(@.b == 1)]',
  '$.items[?(@.c.d > 0)]', '$.items[1:3]', '$.items[-1:]', '$$.Execution.Input', '$$.State.Name', '$$.Execution.Id', '$.missing', '$.a.b.c', "$['__proto__']",
  '$.constructor', '$.__proto__.polluted', '$.[0]', '$.ts'];

/** A JSONPath (InputPath, OutputPath, `.$` values, Variable). */
export function pathArb(wild: boolean, variables: readonly string[] = []): Arb<string> {
  return weighted(
    [10, fc.constantFrom(...CLEAN_PATHS)],
    [variables.length > 0 ? 2 : 0, fc.constantFrom(...(variables.length > 0 ? variables : ['x'])).map((v) => '$' + v)],
    [wild ? 3 : 0, hostileString.map((s) => (s.startsWith('$') ? s : '$' + s))],
  );
}

const CLEAN_REFERENCE_PATHS = ['$', '$.r', '$.a.b', "$['x y']", '$.items[0]', '$.n', '$.__proto__', "$['constructor']['prototype']", '$.result.value'];

/** A ResultPath, or null. */
export function resultPathArb(wild: boolean): Arb<string | null> {
  return weighted<string | null>(
    [10, fc.constantFrom(...CLEAN_REFERENCE_PATHS)],
    [2, fc.constant(null)],
    [wild ? 3 : 0, weighted([1, hostileString], [1, fc.constantFrom('$.a,b', '$.a:b', '$.a?b', '$.a@b', '$[0:1]', '$.*', '$..a', '$$.x', '$x', '$.a[-1]')])],
  );
}

const CLEAN_INTRINSICS = [
  "States.Format('{} and {}', $.s, $.n)", 'States.Array(1, $.a, \'x\')', 'States.StringToJson(\'{"k":1}\')', 'States.JsonToString($)',
  'States.MathAdd($.n, 1)', 'States.ArrayLength($.items)', 'States.UUID()', "States.Hash($.s, 'SHA-256')", 'States.ArrayRange(1, 5, 2)',
  'States.Base64Encode($.s)', 'States.ArrayContains($.items, 1)', 'States.ArrayGetItem($.items, 0)', 'States.MathRandom(1, 10)',
  'States.ArrayPartition($.items, 2)', 'States.ArrayUnique($.items)', 'States.StringSplit($.s, \' \')', 'States.Format(\'{}\', States.Array($.n))',
  "States.JsonMerge($.a, $.a, false)", 'States.Base64Decode($.s)',
];

/** An intrinsic function call. */
export function intrinsicArb(wild: boolean): Arb<string> {
  return weighted(
    [10, fc.constantFrom(...CLEAN_INTRINSICS)],
    [wild ? 3 : 0, weighted([1, hostileString.map((s) => 'States.' + s)], [1, fc.constantFrom('States.Format(', 'States.Nope()', 'States.Array($[(@.length-1)])', "States.Format('{}')", 'States.MathAdd(1)')])],
  );
}

/** A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign). */
export function templateArb(wild: boolean, keys: readonly string[] = ['a', 'b', 'x', 'y', 'nested', '__proto__', 'constructor']): Arb<Json> {
  const dynamic = weighted([3, pathArb(wild)], [2, intrinsicArb(wild)], [wild ? 1 : 0, jsonValue]);
  return fc.letrec<{ t: Record<string, unknown> }>((tie) => ({
    t: fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...keys).map((k) => k + '.$'), dynamic),
        fc.tuple(fc.constantFrom(...keys), fc.oneof({ depthSize: 'small' }, jsonValue, tie('t'))),
      ),
      { maxLength: 3 },
    ).map(distinctFields),
  })).t;
}

const CLEAN_JSONATA = ['{% $states.input %}', '{% $states.input.a %}', '{% $states.input.n + 1 %}', '{% $count($states.input.items) %}',
  '{% $string($states.input.n) %}', '{% $states.context.Execution.Id %}', '{% {"k": $states.input.s} %}', '{% $exists($states.input.a) %}',
  '{% $states.input.missing %}', '{% $partition([1,2,3], 2) %}', '{% $random() %}', '{% $uuid() %}', '{% $states.input.items[0] %}',
  '{% $hash("a", "SHA-256") %}', '{% $parse("{\\"a\\":1}") %}', '{% $x %}', '{% $states.input.__proto__ %}', '{% $merge([{"a":1},{"b":2}]) %}',
  '{% $range(0, 3, 1) %}', '{% $states.input.s & "!" %}'];

/** A JSONata `{% %}` expression string. */
export function jsonataArb(wild: boolean, extra: readonly string[] = []): Arb<string> {
  return weighted(
    [10, fc.constantFrom(...CLEAN_JSONATA, ...extra)],
    [wild ? 3 : 0, weighted([2, hostileString.map((s) => `{% ${s} %}`)], [1, fc.constantFrom('{% ( %}', '{%%}', '{% %}', '{% $states.result %}', '{% $states.errorOutput %}', '{% $$ %}')])],
  );
}

/** A JSONata field value: an expression or JSON with expressions inside. */
export function jsonataTemplateArb(wild: boolean, extra: readonly string[] = []): Arb<Json> {
  const expr = jsonataArb(wild, extra);
  return fc.oneof(
    expr,
    fc.array(fc.tuple(fc.constantFrom('a', 'b', 'v', '__proto__'), fc.oneof(expr, jsonValue)), { maxLength: 3 }).map(objectOf),
    fc.array(fc.oneof(expr, leaf), { maxLength: 3 }),
  );
}

/** Assign: variable names (some invalid when wild) to values. */
function assignArb(config: GenConfig): Arb<Json> {
  const names = config.wild ? ['x', 'y', 'total', 'states', '1bad', 'hasOwnProperty', '__proto__', 'a-b'] : ['x', 'y', 'total'];
  if (config.language === 'JSONata') {
    return fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(jsonataArb(config.wild), leaf)), { minLength: 1, maxLength: 2 }).map(objectOf);
  }
  return fc.array(fc.oneof(
    fc.tuple(fc.constantFrom(...names).map((n) => n + '.$'), weighted([3, pathArb(config.wild)], [1, intrinsicArb(config.wild)])),
    fc.tuple(fc.constantFrom(...names), leaf),
  ), { minLength: 1, maxLength: 2 }).map(distinctFields);
}

const ERROR_NAMES = ['States.ALL', 'States.TaskFailed', 'States.Timeout', 'States.Runtime', 'HandlerError', 'Custom.Error', 'MyError', 'States.QueryEvaluationError', 'States.BranchFailed'];

function retryArb(config: GenConfig): Arb<Json> {
  return fc.array(fc.record({
    ErrorEquals: fc.oneof({ weight: 4, arbitrary: fc.subarray(ERROR_NAMES.slice(1), { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant<string[]>(['States.ALL']) }),
    IntervalSeconds: fc.integer({ min: 1, max: 3 }),
    MaxAttempts: fc.integer({ min: 0, max: 3 }),
    BackoffRate: fc.constantFrom(1, 1.5, 2),
    JitterStrategy: fc.constantFrom('FULL', 'NONE'),
    MaxDelaySeconds: fc.integer({ min: 1, max: 10 }),
  }, { requiredKeys: ['ErrorEquals'] }), { minLength: 1, maxLength: 2 }).map((list) => (config.wild ? list : sortAllLast(list)));
}

/** States.ALL must be the only name of the last retrier/catcher; keep clean lists valid. */
function sortAllLast<T extends { ErrorEquals: string[] }>(list: T[]): T[] {
  const all = list.filter((r) => r.ErrorEquals.includes('States.ALL'));
  return [...list.filter((r) => !r.ErrorEquals.includes('States.ALL')), ...all.slice(0, 1)];
}

function catchArb(config: GenConfig, targets: readonly string[]): Arb<Json> {
  const extra: Record<string, Arb<Json>> = config.language === 'JSONata'
    ? { Output: jsonataTemplateArb(config.wild, ['{% $states.errorOutput %}']), Assign: assignArb(config) }
    : { ResultPath: resultPathArb(config.wild), Assign: assignArb(config) };
  return fc.array(fc.tuple(
    fc.oneof({ weight: 3, arbitrary: fc.subarray(ERROR_NAMES.slice(1), { minLength: 1, maxLength: 2 }) }, { weight: 2, arbitrary: fc.constant<string[]>(['States.ALL']) }),
    fc.constantFrom(...targets),
    fc.record(extra, { requiredKeys: [] }),
  ).map(([errors, next, rest]) => ({ ErrorEquals: errors, Next: next, ...rest })), { minLength: 1, maxLength: 2 }).map((list) => (config.wild ? list : sortAllLast(list)));
}

/** Task resources the execution tests' resolver knows (see `genericResolver`). */
export const RESOURCES = ['arn:aws:states:::echo', 'arn:aws:states:::fail', 'arn:aws:states:::slow', 'arn:aws:states:::undefined',
  'arn:aws:lambda:us-east-1:123456789012:function:Echo', 'arn:aws:states:::lambda:invoke', 'arn:aws:states:::states-error', 'arn:aws:states:::abortable'];

const OPERATORS: [string, Arb<Json>][] = [
  ['StringEquals', fc.constantFrom(...INPUT_STRINGS)], ['StringLessThan', fc.constantFrom('m', '')], ['StringGreaterThanEquals', fc.constant('a')],
  ['StringMatches', fc.constantFrom('*', 'a*b', 'hello*', '*\\**', 'x')], ['NumericEquals', fc.integer({ min: -1, max: 3 })],
  ['NumericLessThan', fc.constantFrom(1, 2.5)], ['NumericGreaterThanEquals', fc.integer({ min: 0, max: 2 })], ['BooleanEquals', fc.boolean()],
  ['TimestampEquals', fc.constant('2024-01-02T03:04:05Z')], ['TimestampLessThan', fc.constant('2030-01-01T00:00:00Z')],
  ['IsPresent', fc.boolean()], ['IsNull', fc.boolean()], ['IsNumeric', fc.boolean()], ['IsString', fc.boolean()], ['IsBoolean', fc.boolean()],
  ['IsTimestamp', fc.boolean()], ['StringEqualsPath', pathArb(false)], ['NumericLessThanPath', pathArb(false)], ['TimestampGreaterThanPath', fc.constant('$.ts')],
];

/** A JSONPath Choice rule (And/Or/Not nesting up to `depth`). */
function ruleArb(wild: boolean, depth: number): Arb<Record<string, unknown>> {
  const simple = fc.tuple(pathArb(wild), fc.constantFrom(...OPERATORS)).chain(([variable, [op, value]]) =>
    value.map((v) => ({ Variable: variable, [op]: v })));
  if (depth <= 0) return simple;
  const sub = ruleArb(wild, depth - 1);
  return weighted<Record<string, unknown>>(
    [4, simple],
    [1, fc.array(sub, { minLength: 1, maxLength: 2 }).map((And) => ({ And }))],
    [1, fc.array(sub, { minLength: 1, maxLength: 2 }).map((Or) => ({ Or }))],
    [1, sub.map((Not) => ({ Not }))],
    [wild ? 1 : 0, fc.constantFrom<Record<string, unknown>>({ Variable: '$.a' }, { And: [] }, { Variable: '$.a', StringEquals: 1 }, { Not: [] })],
  );
}

/** Picks optional fields: each entry is kept or dropped independently. */
function fields(entries: Record<string, Arb<Json>>, required: readonly string[] = []): Arb<Record<string, unknown>> {
  return fc.record(entries, { requiredKeys: required as string[] }) as Arb<Record<string, unknown>>;
}

/** A transition: Next to a later state (a loop or a dangling name when wild), or End. */
function transitionArb(index: number, names: readonly string[], wild: boolean): Arb<Record<string, unknown>> {
  const next = index + 1 < names.length ? fc.constant({ Next: names[index + 1] }) : fc.constant({ End: true });
  if (!wild) return next;
  return weighted<Record<string, unknown>>(
    [10, next],
    [1, fc.constantFrom(...names).map((n) => ({ Next: n }))],
    [1, fc.constantFrom<Record<string, unknown>>({ Next: 'Nowhere' }, {}, { Next: names[0], End: true }, { End: false })],
  );
}

/** A nested machine (Parallel branch or Map ItemProcessor). */
function machineArb(config: GenConfig, prefix: string): Arb<Record<string, unknown>> {
  return fc.integer({ min: 1, max: 4 }).chain((n) => {
    const names = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    return fc.tuple(...names.map((_, i) => stateArb(config, names, i))).map((states) =>
      objectOf([['StartAt', names[0]], ['States', objectOf(states.map((s, i) => [names[i]!, s]))]]));
  });
}

/** One state of any type, with the fields of its query language. */
function stateArb(config: GenConfig, names: readonly string[], index: number): Arb<Record<string, unknown>> {
  const { wild } = config;
  const jsonata = config.language === 'JSONata';
  const later = names.slice(index + 1);
  const targets = later.length > 0 ? later : names;
  const go = transitionArb(index, names, wild);
  const nested = (suffix: string): Arb<Record<string, unknown>> => machineArb({ ...config, depth: config.depth - 1 }, `${names[index]}${suffix}`);
  const common: Record<string, Arb<Json>> = jsonata ? { Output: jsonataTemplateArb(wild), Assign: assignArb(config) } : { InputPath: pathArb(wild), OutputPath: pathArb(wild), Assign: assignArb(config) };
  const withResult: Record<string, Arb<Json>> = jsonata
    ? { Output: jsonataTemplateArb(wild, ['{% $states.result %}']), Assign: assignArb(config) }
    : { InputPath: pathArb(wild), OutputPath: pathArb(wild), ResultPath: resultPathArb(wild), ResultSelector: templateArb(wild), Assign: assignArb(config) };
  const errorHandling: Record<string, Arb<Json>> = { Retry: retryArb(config), Catch: catchArb(config, targets) };
  const kinds: [number, Arb<Record<string, unknown>>][] = [
    [3, fc.tuple(go, fields(jsonata ? { ...common } : { ...common, ResultPath: resultPathArb(wild), Parameters: templateArb(wild), Result: jsonValue }))
      .map(([t, f]) => ({ Type: 'Pass', ...f, ...t }))],
    [4, fc.tuple(go, fields(<Record<string, Arb<Json>>>{
      ...withResult, ...errorHandling,
      ...(jsonata ? { Arguments: fc.oneof(jsonataArb(wild), jsonataTemplateArb(wild).filter((v) => !Array.isArray(v))), TimeoutSeconds: fc.oneof(fc.integer({ min: 5, max: 60 }), jsonataArb(wild, ['{% 10 %}'])) }
        : { Parameters: templateArb(wild), TimeoutSeconds: fc.integer({ min: 5, max: 60 }), HeartbeatSecondsPath: fc.constantFrom('$.n', '$.missing') }),
      Resource: fc.constantFrom(...RESOURCES),
    }, ['Resource'])).map(([t, f]) => ({ Type: 'Task', ...f, ...t }))],
    [2, fc.tuple(go, jsonata
      ? fc.oneof(fc.record({ Seconds: fc.oneof(fc.integer({ min: 0, max: 5 }), jsonataArb(wild, ['{% $states.input.n %}'])) }), fc.record({ Timestamp: fc.constantFrom('2020-01-01T00:00:00Z', '{% $states.input.ts %}') }))
      : fc.oneof(fc.record({ Seconds: fc.integer({ min: 0, max: 5 }) }), fc.record({ SecondsPath: fc.constantFrom('$.n', '$.s', '$.missing') }),
        fc.record({ Timestamp: fc.constant('2020-01-01T00:00:00Z') }), fc.record({ TimestampPath: fc.constantFrom('$.ts', '$.n') }))).map(([t, f]) => ({ Type: 'Wait', ...f, ...t }))],
    [1, fc.constant({ Type: 'Succeed' })],
    [1, (jsonata
      ? fields({ Error: fc.oneof(fc.constantFrom(...FAIL_ERRORS), fc.constant('{% $states.input.s %}')), Cause: fc.oneof(fc.constant('because'), jsonataArb(wild)) })
      : fc.oneof(fields({ Error: fc.constantFrom(...FAIL_ERRORS), Cause: fc.constant('because') }),
        fields({ ErrorPath: fc.constantFrom('$.s', '$.n', "States.ArrayGetItem(States.Array($.s), 0)", '$.missing'), CausePath: fc.oneof(pathArb(wild), intrinsicArb(wild)) }))).map((f) => ({ Type: 'Fail', ...f }))],
    [3, fc.tuple(
      fc.array(jsonata
        ? fc.record({ Condition: fc.oneof(jsonataArb(wild, ['{% $states.input.n > 1 %}', '{% $exists($states.input.a) %}', '{% $states.input.s = "x" %}']), fc.boolean()), Next: fc.constantFrom(...names) })
        : fc.tuple(ruleArb(wild, 2), fc.constantFrom(...names)).map(([r, next]) => ({ ...r, Next: next })), { minLength: 1, maxLength: 3 }),
      later.length === 0 ? fc.constant(undefined) : wild ? fc.option(fc.constant(later[0]!), { nil: undefined }) : fc.constant(later[0]!),
      fields(jsonata ? { Output: jsonataTemplateArb(wild) } : { InputPath: pathArb(wild), OutputPath: pathArb(wild) }),
    ).map(([choices, def, f]) => ({ Type: 'Choice', ...f, Choices: choices, ...(def === undefined ? {} : { Default: def }) }))],
  ];
  if (config.depth > 0) {
    kinds.push(
      [1, fc.tuple(go, fc.array(fc.nat(), { minLength: 1, maxLength: 2 }).chain((bs) => fc.tuple(...bs.map((_, k) => nested(`b${k}_`)))), fields({ ...withResult, ...errorHandling }))
        .map(([t, branches, f]) => ({ Type: 'Parallel', ...f, Branches: branches, ...t }))],
      [2, fc.tuple(go, nested('m_'), fields(jsonata
        ? <Record<string, Arb<Json>>>{ ...withResult, ...errorHandling, Items: fc.oneof(fc.constant('{% $states.input.items %}'), fc.constant([1, 2, '{% $states.input.n %}'])), ItemSelector: jsonataTemplateArb(wild, ['{% $states.context.Map.Item.Value %}']), MaxConcurrency: fc.integer({ min: 0, max: 3 }), ToleratedFailureCount: fc.integer({ min: 0, max: 2 }) }
        : <Record<string, Arb<Json>>>{ ...withResult, ...errorHandling, ItemsPath: fc.constantFrom('$.items', '$.a', '$'), ItemSelector: templateArb(wild, ['v', 'i', '__proto__']), MaxConcurrency: fc.integer({ min: 0, max: 3 }), ToleratedFailureCount: fc.integer({ min: 0, max: 2 }) }))
        .map(([t, processor, f]) => ({ Type: 'Map', ...f, ItemProcessor: processor, ...t }))],
    );
  }
  // clean machines are a chain: only the last state may end it, and a Choice there could loop forever
  const last = index === names.length - 1;
  if (!wild) return weighted(...kinds.filter((_, k) => (last ? k !== CHOICE : k !== SUCCEED && k !== FAIL)));
  return weighted(...kinds);
}

/** Positions in `kinds` above. */
const SUCCEED = 3;
const FAIL = 4;
const CHOICE = 5;

/** A whole definition. */
export function definitionArb(options: { wild: boolean; depth?: number }): Arb<Record<string, unknown>> {
  return fc.constantFrom<'JSONPath' | 'JSONata'>('JSONPath', 'JSONata').chain((language) =>
    fc.tuple(machineArb({ language, depth: options.depth ?? 2, wild: options.wild }, 'S'), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined })).map(([m, timeout]) => {
      const top: [string, unknown][] = [];
      if (language === 'JSONata') top.push(['QueryLanguage', 'JSONata']);
      if (timeout !== undefined) top.push(['TimeoutSeconds', timeout]);
      return objectOf([...top, ...Object.entries(m)]);
    }));
}

/** Mutations of a definition: replace, delete or rename a member somewhere, or change a Type. */
export function mutatedArb(base: Arb<Record<string, unknown>>): Arb<Record<string, unknown>> {
  const replacement = fc.oneof(jsonValue, hostileString, fc.constantFrom<Json>('Pass', 'Task', 'Map', null, {}, [], -1, 1e308, 99999999999));
  return fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'rename', 'type'), replacement, hostileString), { minLength: 1, maxLength: 3 }))
    .map(([def, edits]) => {
      const copy = JSON.parse(JSON.stringify(def)) as Record<string, unknown>;
      for (const [at, op, value, key] of edits) mutate(copy, at, op, value, key);
      return copy;
    });
}

function containers(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) v.forEach((c, i) => { out.push([v, i]); stack.push(c); });
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) { out.push([v as Record<string, unknown>, k]); stack.push((v as Record<string, unknown>)[k]); }
  }
  return out;
}

function mutate(root: Record<string, unknown>, at: number, op: string, value: Json, key: string): void {
  const members = containers(root);
  if (members.length === 0) return;
  const [parent, k] = members[at % members.length]!;
  if (Array.isArray(parent)) {
    if (op === 'delete') parent.splice(k as number, 1);
    else parent[k as number] = value;
    return;
  }
  const name = k as string;
  const old = parent[name];
  if (op === 'delete') delete parent[name];
  else if (op === 'rename') {
    delete parent[name];
    Object.defineProperty(parent, key, { value: old, enumerable: true, writable: true, configurable: true });
  } else if (op === 'type' && old !== null && typeof old === 'object' && !Array.isArray(old)) {
    (old as Record<string, unknown>).Type = typeof value === 'string' ? value : 'Pass';
  } else Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
}
