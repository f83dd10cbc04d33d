/**
 * The switches between generated code and the interpreters: the environment variable, the
 * browser flag, and a host that refuses `new Function` (CSP, --disallow-code-generation-from-strings).
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';

type CodegenModule = typeof import('../../src/query/codegen.js');
type PathModule = typeof import('../../src/query/jsonpath/path.js');

/** A fresh copy of the modules, so the once-per-process probe runs again. */
async function fresh(): Promise<{ codegen: CodegenModule; path: PathModule }> {
  vi.resetModules();
  const codegen = await import('../../src/query/codegen.js');
  const path = await import('../../src/query/jsonpath/path.js');
  return { codegen, path };
}

const scope = (input: unknown) => ({ input, context: {}, variables: {}, random: () => 0, uuid: () => 'u' });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  delete (globalThis as { __ASL_RUNTIME_NO_CODEGEN__?: boolean }).__ASL_RUNTIME_NO_CODEGEN__;
});

describe('code generation switches', () => {
  it('is on by default where the host allows new Function', async () => {
    vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '');
    const { codegen, path } = await fresh();
    expect(codegen.codegenEnabled()).toBe(true);
    expect(path.compilePath('$.a.b').get.toString()).toContain('function get(s)');
  });

  it('ASL_RUNTIME_NO_CODEGEN=1 turns it off for the process, and paths still work', async () => {
    vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '1');
    const { codegen, path } = await fresh();
    expect(codegen.codegenEnabled()).toBe(false);
    const p = path.compilePath('$.a.b');
    expect(p.get.toString()).not.toContain('function get(s)');
    expect(p.get(scope({ a: { b: 3 } }))).toBe(3);
  });

  it('globalThis.__ASL_RUNTIME_NO_CODEGEN__ = true turns it off for machines compiled afterwards', async () => {
    vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '');
    const { codegen, path } = await fresh();
    expect(codegen.codegenEnabled()).toBe(true);
    (globalThis as { __ASL_RUNTIME_NO_CODEGEN__?: boolean }).__ASL_RUNTIME_NO_CODEGEN__ = true;
    expect(codegen.codegenEnabled()).toBe(false);
    expect(path.compilePath('$.a').get.toString()).not.toContain('function get(s)');
  });

  it('a host that refuses code generation (EvalError) gets the interpreter, found by one probe', async () => {
    const refuse = vi.fn(function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    });
    vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '');
    vi.stubGlobal('Function', refuse);
    const { codegen, path } = await fresh();
    expect(codegen.codegenEnabled()).toBe(false);
    expect(codegen.codegenEnabled()).toBe(false);
    const p = path.compilePath('$.a');
    expect(p.get(scope({ a: 1 }))).toBe(1);
    expect(refuse).toHaveBeenCalledTimes(1);
  });

  it('a refusal after the probe (a policy installed later) falls back; other errors surface', async () => {
    vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '');
    const { codegen } = await fresh();
    expect(codegen.generate({}, 'return 1;')).toBe(1);
    vi.stubGlobal('Function', function () {
      throw new EvalError('refused');
    });
    expect(codegen.generate({}, 'return 2;')).toBeUndefined();
    vi.unstubAllGlobals();
    // A syntax error is a bug in a generator, not a host policy.
    expect(() => codegen.generate({}, 'return ((;')).toThrow(SyntaxError);
  });

  it('node --disallow-code-generation-from-strings refuses with an EvalError (what the probe expects)', () => {
    const out = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '-e', "try { new Function('return 1'); console.log('allowed') } catch (e) { console.log(e.constructor.name) }"],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('EvalError');
  });
});
