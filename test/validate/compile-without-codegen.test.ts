/**
 * The validator compiles every path, ResultPath and `.$` value only to learn whether it
 * compiles, so it does so with code generation off (the interpreters share the generators'
 * parser, so the verdict is the same); machines built afterwards still get generated code.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** Fresh modules with `Function` replaced by a counting pass-through, so each `new Function` is seen. */
async function counted() {
  const RealFunction = Function;
  const calls: string[] = [];
  const counting = function (...args: string[]) {
    calls.push(args[args.length - 1] ?? '');
    return RealFunction(...args);
  };
  vi.stubEnv('ASL_RUNTIME_NO_CODEGEN', '');
  vi.stubGlobal('Function', counting);
  vi.resetModules();
  const codegen = await import('../../src/query/codegen.js');
  const path = await import('../../src/query/jsonpath/path.js');
  const { validate } = await import('../../src/validate/index.js');
  return { calls, codegen, path, validate };
}

describe('withoutCodegen', () => {
  it('turns code generation off inside, also when nested, and back on after a throw', async () => {
    const { codegen } = await counted();
    expect(codegen.codegenEnabled()).toBe(true);
    codegen.withoutCodegen(() => {
      expect(codegen.codegenEnabled()).toBe(false);
      codegen.withoutCodegen(() => expect(codegen.codegenEnabled()).toBe(false));
      expect(codegen.codegenEnabled()).toBe(false);
    });
    expect(() =>
      codegen.withoutCodegen(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(codegen.codegenEnabled()).toBe(true);
  });
});

describe('validate()', () => {
  it('generates no code for the paths it checks, and gives the same verdicts', async () => {
    const { calls, path, validate } = await counted();
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', InputPath: '$.unique.input', Parameters: { 'x.$': '$.unique.param' }, ResultPath: '$.unique.result', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.unique.flag', BooleanEquals: true, Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      },
    };
    const before = calls.length;
    expect(validate(definition).valid).toBe(true);
    expect(calls.slice(before).filter((body) => body.includes('function'))).toEqual([]);
    // A path the compiler refuses is still refused (AWS: InputPath must be a valid Reference Path).
    const bad = { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.a[', End: true } } };
    const result = validate(bad);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.some((d) => d.path.join('/') === 'States/P/InputPath')).toBe(true);
    // Outside the validator, compiling still generates code.
    expect(path.compilePath('$.unique.after').get.toString()).toContain('function get(s)');
  });
});
