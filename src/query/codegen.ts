/**
 * Generated code for the data-flow hot path (path getters, payload templates, ResultPath
 * writers). Each compiler keeps an interpreter that does the same thing; it is used when the
 * host forbids code generation from strings (a Content-Security-Policy without 'unsafe-eval',
 * Node's `--disallow-code-generation-from-strings`) or when it is switched off:
 *
 * - `ASL_RUNTIME_NO_CODEGEN=1` in the environment (read once, where `process` exists);
 * - `globalThis.__ASL_RUNTIME_NO_CODEGEN__ = true` (browsers; read each time a machine is compiled).
 *
 * Safety rule for every generator: data from a definition never becomes code except as a
 * `JSON.stringify`d string literal, `true`/`false`/`null`, or a finite number printed by
 * `String()`; everything else (objects, compiled helpers) is passed in as a value.
 */

let probed: boolean | undefined;

/** Depth of {@link withoutCodegen} calls in progress (it may nest). */
let suppressed = 0;

type Factory = (...values: unknown[]) => unknown;

/**
 * Factories by source text. States with the same shape (a thousand Pass states with the same
 * template) then share one function, which V8 optimises once for all of them.
 */
const factories = new Map<string, Factory>();
const MAX_FACTORIES = 2048;
const MAX_BINDINGS = 1000;
const MAX_CACHED_SOURCE = 8192;

function hostAllows(): boolean {
  if (probed !== undefined) return probed;
  let allowed = true;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.ASL_RUNTIME_NO_CODEGEN === '1') allowed = false;
  else {
    try {
      allowed = new Function('return 1')() === 1;
    } catch {
      allowed = false;
    }
  }
  probed = allowed;
  return allowed;
}

/** Whether compilers may generate code now (see the module comment for the switches). */
export function codegenEnabled(): boolean {
  if (suppressed > 0) return false;
  if ((globalThis as { __ASL_RUNTIME_NO_CODEGEN__?: unknown }).__ASL_RUNTIME_NO_CODEGEN__ === true) return false;
  return hostAllows();
}

/**
 * Runs `fn` with code generation off: compilers build their interpreters. For callers that
 * compile only to check that a text compiles (the validator) and throw the result away; the
 * generated code would cost far more than the check.
 */
export function withoutCodegen<T>(fn: () => T): T {
  suppressed++;
  try {
    return fn();
  } finally {
    suppressed--;
  }
}

/**
 * Builds a function from generated `body`, whose free names are the keys of `bindings` (compiled
 * helpers and values handed in by reference). Returns undefined when code generation is off or
 * refused, so the caller uses its interpreter.
 */
export function generate<F>(bindings: Readonly<Record<string, unknown>>, body: string): F | undefined {
  if (!codegenEnabled()) return undefined;
  const names = Object.keys(bindings);
  // Each binding is a parameter of the factory, and engines cap parameter counts (V8: 65,535).
  if (names.length > MAX_BINDINGS) return undefined;
  const source = `${names.join(',')}\n${body}`;
  try {
    let factory = factories.get(source);
    if (factory === undefined) {
      factory = new Function(...names, `'use strict';\n${body}`) as Factory;
      // Big sources are rarely shared; keeping them would let the cache grow to gigabytes.
      if (source.length <= MAX_CACHED_SOURCE) {
        if (factories.size >= MAX_FACTORIES) factories.clear();
        factories.set(source, factory);
      }
    }
    return factory(...names.map((n) => bindings[n])) as F;
  } catch (e) {
    // Refused by a policy installed after the probe, or past an engine limit (RangeError: the
    // parser's stack): the interpreter does the same work. A SyntaxError or anything else is a
    // bug in a generator and must surface.
    if (e instanceof EvalError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A property key as a JavaScript string literal (never raw text in generated code). */
export function literal(key: string): string {
  return JSON.stringify(key);
}
