/**
 * Hostile object definitions (issue 11 §6): Proxies whose traps throw, getters that throw or
 * change their answer, values JSON cannot hold, cycles. validate() never throws and never says
 * `valid: true` for a definition it could not read; the constructor reads each member once,
 * agrees with validate(), and rejects only with AslValidationError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { checkAgreement, construct } from './agreement.js';
import { definitionArb } from './arbitraries.js';
import { Findings, FUZZING, params, TIMEOUT, validateRuns } from './budget.js';

type Hazard = 'throwing-getter' | 'throwing-proxy' | 'flipping-getter' | 'counting-getter' | 'non-json' | 'cycle';

const NON_JSON: (() => unknown)[] = [() => NaN, () => Infinity, () => 1n, () => Symbol('s'), () => () => 1, () => new Date(0), () => new Map(), () => [undefined], () => new (class Thing {})()];

/** Places one hazard at the `at`-th object of a (cloned) definition. */
function plant(definition: Record<string, unknown>, at: number, hazard: Hazard, pick: number): { value: Record<string, unknown>; reads: () => number; unreadable: boolean } {
  const root = JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
  const objects: Record<string, unknown>[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v !== null && typeof v === 'object') {
      if (!Array.isArray(v)) objects.push(v as Record<string, unknown>);
      for (const c of Object.values(v)) stack.push(c);
    }
  }
  const target = objects[at % objects.length]!;
  const keys = Object.keys(target);
  const key = keys.length > 0 ? keys[pick % keys.length]! : 'Comment';
  const original = target[key];
  let reads = 0;
  // whether reading the definition as JSON must hit the hazard (a trap that is never called is harmless)
  let unreadable = hazard === 'throwing-getter';
  const define = (get: () => unknown): void => { Object.defineProperty(target, key, { get, enumerable: true, configurable: true }); };
  switch (hazard) {
    case 'throwing-getter':
      // any value can be thrown, including ones that cannot be printed
      define(() => { throw [new Error('getter exploded'), Object.create(null), undefined, 42, Object.assign(new Error(), { message: {} })][pick % 5]; });
      break;
    case 'throwing-proxy': {
      const trap = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf'][pick % 5]!;
      const inner = typeof original === 'object' && original !== null ? original : {};
      const proxy = new Proxy(inner, { [trap]: () => { throw new Error(`${trap} trap exploded`); } });
      if (Array.isArray(inner)) unreadable = trap === 'get';
      else unreadable = trap === 'ownKeys' || trap === 'getPrototypeOf' || (Object.keys(inner).length > 0 && (trap === 'get' || trap === 'getOwnPropertyDescriptor'));
      target[key] = proxy;
      break;
    }
    case 'flipping-getter':
      define(() => (reads++ % 2 === 0 ? original : { Type: 'Nonsense' }));
      break;
    case 'counting-getter':
      define(() => { reads++; return original; });
      break;
    case 'non-json':
      target[key] = NON_JSON[pick % NON_JSON.length]!();
      break;
    case 'cycle':
      target[key] = root;
      break;
  }
  return { value: root, reads: () => reads, unreadable };
}

describe('hostile object definitions', () => {
  it('never make validate() throw or fail open, and the constructor agrees', () => {
    const findings = new Findings();
    const hazards: Hazard[] = ['throwing-getter', 'throwing-proxy', 'flipping-getter', 'counting-getter', 'non-json', 'cycle'];
    fc.assert(fc.property(definitionArb({ wild: false, depth: 1 }), fc.nat(), fc.constantFrom(...hazards), fc.nat(), (definition, at, hazard, pick) => {
      const planted = plant(definition, at, hazard, pick);
      if (hazard === 'flipping-getter') {
        // validate and the constructor may read different values; each must still be total
        findings.cases++;
        try { validate(planted.value); } catch (e) { findings.add('validate() threw', String(e)); }
        const built = construct(planted.value);
        if (built.kind === 'threw') findings.add('constructor threw a non-AslValidationError', String(built.error));
        return;
      }
      if (hazard === 'counting-getter') {
        const before = planted.reads();
        findings.cases++;
        const built = construct(planted.value);
        if (built.kind !== 'built') findings.add('constructor rejected a valid definition behind a getter', String(built.kind === 'threw' ? built.error : built.error.message));
        if (planted.reads() - before !== 1) findings.add('constructor read a member more than once', `${planted.reads() - before} reads`);
        return;
      }
      // JSON text of a hazard is not the same definition (NaN becomes null…), so only the object is compared
      checkAgreement(planted.value, findings, `${hazard}: `, false);
      if ((planted.unreadable || hazard === 'non-json' || hazard === 'cycle') && validate(planted.value).valid) findings.add(`${hazard}: accepted`, hazard);
    }), params(validateRuns(100, 0.1)));
    if (FUZZING) console.log(findings.summary('hostile objects'));
    expect(findings.list()).toEqual([]);
  }, TIMEOUT);
});
