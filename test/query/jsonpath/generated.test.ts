/**
 * The generated path getters, template builders and ResultPath writers against the
 * interpreters they replace: one table, compiled both ways, must give the same values, the
 * same errors (name and cause) and the same template sizes. The interpreter is what runs where
 * code generation is forbidden (a CSP without 'unsafe-eval', node --disallow-code-generation-from-strings).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { codegenEnabled } from '../../../src/query/codegen.js';
import { compilePath } from '../../../src/query/jsonpath/path.js';
import { compileResultPath } from '../../../src/query/jsonpath/result-path.js';
import { compileSizedTemplate, compileTemplate } from '../../../src/query/jsonpath/template.js';
import type { EvalScope } from '../../../src/query/scope.js';
import { jsonSize } from '../../../src/runtime/json-size.js';

const flag = globalThis as { __ASL_RUNTIME_NO_CODEGEN__?: boolean };
afterEach(() => {
  delete flag.__ASL_RUNTIME_NO_CODEGEN__;
});

/** Compiles with `compile` twice: generated code, then the interpreter (the browser switch). */
function both<T>(compile: () => T): { generated: T; interpreted: T } {
  delete flag.__ASL_RUNTIME_NO_CODEGEN__;
  const generated = compile();
  flag.__ASL_RUNTIME_NO_CODEGEN__ = true;
  const interpreted = compile();
  delete flag.__ASL_RUNTIME_NO_CODEGEN__;
  return { generated, interpreted };
}

type Outcome = { value: unknown } | { error: string; message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (e) {
    const err = e as { error?: string; name: string; message: string; cause?: unknown };
    return { error: err.error ?? err.name, message: String(err.cause ?? err.message) };
  }
}

/** Own data `__proto__` key, as JSON.parse makes it. */
const withProtoKey = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Record<string, unknown>;

const inputs: unknown[] = [
  { a: { b: [10, { c: 'deep' }] }, n: null, list: [1, 2, 3], 'odd key': 1, "it's": 2, '': 3, 'é\u2028': 4 },
  withProtoKey,
  { constructor: 'own', toString: 5 },
  [1, 2, 3],
  'text',
  7,
  null,
  {},
];

const scope = (input: unknown, variables: Record<string, unknown> = { v: { w: 1 } }): EvalScope => ({
  input,
  context: { Execution: { Id: 'arn:x' }, State: { Name: 'S' } },
  variables,
  random: () => 0.5,
  uuid: () => 'u',
});

const paths = [
  '$',
  '$.a',
  '$.a.b',
  '$.a.b[0]',
  '$.a.b[1].c',
  '$.a.b[5]',
  '$.a.b.c',
  '$.n',
  '$.n.x',
  '$[1]',
  '$.list[2]',
  "$['odd key']",
  "$['it\\'s']",
  "$['']",
  "$['é\\u2028']",
  '$.__proto__',
  "$['__proto__'].x",
  '$.constructor',
  '$.toString',
  '$.hasOwnProperty',
  '$.length',
  '$$.Execution.Id',
  '$$.State.Name.length',
  '$v',
  '$v.w',
  '$v.toString',
  '$missing',
  '$.a.[0]',
  '$[99999999999999999999]',
];

describe('generated path getters agree with the step loop', () => {
  for (const path of paths) {
    it(path, () => {
      const { generated, interpreted } = both(() => compilePath(path));
      // An index beyond 2^53 is left to the loop; every other simple path is generated (unless
      // the whole run has ASL_RUNTIME_NO_CODEGEN=1, when both sides are the interpreter).
      if (path !== '$[99999999999999999999]' && codegenEnabled()) expect(generated.get.toString()).not.toBe(interpreted.get.toString());
      for (const input of inputs) {
        const s = scope(input);
        expect(outcome(() => generated.get(s)), JSON.stringify(input)).toEqual(outcome(() => interpreted.get(s)));
      }
    });
  }

  it('do not follow Object.prototype: $.constructor and $.__proto__ find nothing in {}', () => {
    const { generated } = both(() => compilePath('$.constructor'));
    expect(generated.get(scope({}))).toBeUndefined();
    expect(compilePath('$.__proto__').get(scope({}))).toBeUndefined();
    expect(compilePath("$['__proto__'].x").get(scope(withProtoKey))).toBe(1);
  });

  it('see inherited variable scopes but not Object.prototype names', () => {
    const outer = Object.create(null) as Record<string, unknown>;
    outer.v = 1;
    const inner = Object.create(outer) as Record<string, unknown>;
    const { generated, interpreted } = both(() => compilePath('$v'));
    expect(generated.get(scope({}, inner))).toBe(1);
    expect(interpreted.get(scope({}, inner))).toBe(1);
    const { generated: g2 } = both(() => compilePath('$toString'));
    expect(g2.get(scope({}, inner))).toBeUndefined();
  });
});

const SAME_FIELD = { a: 1, 'a.$': '$.n' };
const SAME_FIELD_TWICE = new Set<unknown>([SAME_FIELD]);

const templates: unknown[] = [
  { 'a.$': '$.a' },
  { literal: 'x', 'n.$': '$.n', nested: [{ 'deep.$': '$.a.b[1].c' }, 3, 'y'], k: { c: [1, 2] } },
  { 'sum.$': 'States.MathAdd($.list[0], $.list[2])' },
  { 'f.$': "States.Format('v={}', $.a.b[0])", 'ctx.$': '$$.Execution.Id', 'var.$': '$v.w' },
  { 'missing.$': '$.nope', 'second.$': "States.MathAdd('x', 1)" },
  { 'first.$': "States.MathAdd('x', 1)", 'missing.$': '$.nope' },
  JSON.parse('{"__proto__": {"polluted.$": "$.a"}, "plain": 1}'),
  JSON.parse('{"__proto__.$": "$.a"}'),
  { '1': 'one', 'b.$': '$.a', '0.$': '$.n' },
  SAME_FIELD,
  [{ 'x.$': '$' }, -0, 1e21, 0.1, true, null, 'q"\\\n'],
  { 'uuid.$': 'States.UUID()', 'rand.$': 'States.MathRandom(1, 10)', 'arr.$': 'States.Array()' },
  { 'whole.$': '$', quoted: { 'it\'s "x"': 'é😀\u0007' } },
  { constant: { only: [1, { two: 2 }] } },
  'just a string',
  // Deeper than generated code goes (32 levels): the tree walk takes over.
  JSON.parse('{"a":'.repeat(40) + '{"x.$": "$"}' + '}'.repeat(40)),
];

describe('generated template builders agree with the tree walk', () => {
  templates.forEach((template, i) => {
    it(`template ${i}: ${JSON.stringify(template)}`, () => {
      const plain = both(() => compileTemplate(template, 'Parameters'));
      const sized = both(() => compileSizedTemplate(template, 'Parameters', jsonSize));
      for (const input of inputs) {
        const s = scope(input);
        const expected = outcome(() => plain.interpreted(s));
        expect(outcome(() => plain.generated(s)), JSON.stringify(input)).toEqual(expected);
        const slots = { generated: { size: -1 }, interpreted: { size: -1 } };
        expect(outcome(() => sized.generated(s, slots.generated))).toEqual(expected);
        expect(outcome(() => sized.interpreted(s, slots.interpreted))).toEqual(expected);
        if ('value' in expected) {
          // The reported size is exact for JSON data, whichever way the builder was made; two
          // keys making one field (which validate() refuses) can only make it larger.
          const exact = jsonSize(expected.value);
          expect(slots.generated.size).toBe(slots.interpreted.size);
          if (SAME_FIELD_TWICE.has(template)) expect(slots.generated.size).toBeGreaterThan(exact);
          else expect(slots.generated.size).toBe(exact);
        }
      }
    });
  });

  it('handle a template with 70,000 .$ fields (past what generated code takes) the same way', () => {
    const template = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`f${i}.$`, '$.n']));
    const { generated, interpreted } = both(() => compileTemplate(template, 'Parameters'));
    const out = generated(scope({ n: 1 })) as Record<string, unknown>;
    expect(out).toEqual(interpreted(scope({ n: 1 })));
    expect(Object.keys(out)).toHaveLength(70_000);
  });

  it('handle a template with 70,000 constant fields around one .$ field the same way', () => {
    const template: Record<string, unknown> = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`c${i}`, i % 2 ? 'text' : i]));
    template['x.$'] = '$.n';
    const { generated, interpreted } = both(() => compileTemplate(template, 'Parameters'));
    expect(generated(scope({ n: 1 }))).toEqual(interpreted(scope({ n: 1 })));
  });

  it('keep __proto__ a plain key and leave Object.prototype alone', () => {
    const { generated } = both(() => compileTemplate(JSON.parse('{"__proto__.$": "$.a", "b": 1}'), 'Parameters'));
    const out = generated(scope({ a: { polluted: true } })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never splice template text into code: a key or value that looks like code stays data', () => {
    const hostile = { '"]: 1}); globalThis.__pwned = 1; ({"x.$': '$.a', "'); globalThis.__pwned = 2; //": 1 };
    const { generated } = both(() => compileTemplate(hostile, 'Parameters'));
    const out = generated(scope({ a: 9 })) as Record<string, unknown>;
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
    expect(Object.keys(out)).toEqual(['"]: 1}); globalThis.__pwned = 1; ({"x', "'); globalThis.__pwned = 2; //"]);
  });
});

const resultPaths = ['$.r', '$.a.b', '$.a.b[0]', '$.a.b[1].c', '$.a.new.deeper', '$.a.b[9]', '$.x[0]', '$.x.y[0]', "$['__proto__']", "$['__proto__'].y", '$.constructor', '$.n.x', '$[1]', '$ '];

describe('generated ResultPath writers agree with the recursive writer', () => {
  for (const path of resultPaths) {
    it(path, () => {
      const { generated, interpreted } = both(() => compileResultPath(path));
      for (const input of inputs) {
        const before = JSON.stringify(input);
        const expected = outcome(() => interpreted(input, { res: 1 }));
        const got = outcome(() => generated(input, { res: 1 }));
        expect(got, before).toEqual(expected);
        if ('value' in got && 'value' in expected) {
          // Same own keys in the same order, including a data key named __proto__.
          expect(JSON.stringify(got.value)).toBe(JSON.stringify(expected.value));
          expect(Object.getPrototypeOf(got.value)).toBe(Object.getPrototypeOf(expected.value));
        }
        expect(JSON.stringify(input), 'the input is never changed').toBe(before);
      }
    });
  }

  it('handle a path of 500 steps (left to the interpreter past 32) the same way', () => {
    const path = '$' + '.k'.repeat(500);
    const { generated, interpreted } = both(() => compileResultPath(path));
    expect(JSON.stringify(generated({}, 1))).toBe(JSON.stringify(interpreted({}, 1)));
    expect(JSON.stringify(generated({}, 1))).toBe('{"k":'.repeat(500) + '1' + '}'.repeat(500));
  });

  it('keep an own __proto__ key of the input a data key when adding another key', () => {
    const { generated } = both(() => compileResultPath('$.added'));
    const out = generated(withProtoKey, 1) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: 1 });
    expect(out.added).toBe(1);
  });
});
