/** Loads a handlers module: an ES module exporting `handlers` and/or `lambdas` (objects, or functions returning them). */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Handlers } from './task-resolvers.js';

/** @throws Error naming the file when it cannot be loaded or exports neither member. */
export async function loadHandlersModule(file: string): Promise<Handlers> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load the handlers module '${file}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const fallback = mod.default as Record<string, unknown> | undefined;
  const pick = async (member: string): Promise<Record<string, never> | undefined> => {
    let v = mod[member] ?? fallback?.[member];
    if (typeof v === 'function') v = await (v as () => unknown)();
    if (v === undefined) return undefined;
    if (!v || typeof v !== 'object') throw new Error(`the handlers module '${file}' exports '${member}' that is not an object of functions`);
    return v as Record<string, never>;
  };
  const handlers = await pick('handlers');
  const lambdas = await pick('lambdas');
  if (!handlers && !lambdas) throw new Error(`the handlers module '${file}' exports neither 'handlers' nor 'lambdas'`);
  return { ...(handlers ? { handlers } : {}), ...(lambdas ? { lambdas } : {}) };
}
