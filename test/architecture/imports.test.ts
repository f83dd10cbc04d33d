/**
 * The architecture as a test: `src/` has no import cycle (type-only imports included, so the
 * layers stay readable), and the layers import only downwards (see ARCHITECTURE.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of each file, as files under src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/gm)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      deps.push(relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Ground-floor folders every layer may use (web-standard helpers: base64, digests). */
const GROUND = ['web'];

/** Which top-level folders each layer may import (besides its own folder, the ground floor and the root files). */
const ALLOWED: Record<string, readonly string[]> = {
  web: [],
  definition: [],
  query: ['definition'],
  objects: ['definition'],
  tasks: ['definition', 'query', 'runtime', 'objects'],
  validate: ['definition', 'query', 'runtime'],
  runtime: ['definition', 'query', 'tasks', 'validate', 'objects'],
  store: ['definition', 'runtime'],
  testing: ['definition', 'query', 'runtime', 'tasks', 'validate', 'visual'],
  templates: ['definition', 'validate', 'runtime'],
};

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds the files it checks (the test itself can fail)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('keeps the core layers free of the CLI, the server and the viewer', () => {
    const outward = [...graph].flatMap(([file, deps]) => {
      const layer = file.split('/')[0]!;
      const allowed = ALLOWED[layer];
      if (!allowed) return [];
      return deps
        .filter((d) => d.endsWith('.ts') && d.includes('/') && d.split('/')[0] !== layer && !allowed.includes(d.split('/')[0]!) && !GROUND.includes(d.split('/')[0]!))
        .map((d) => `${file} -> ${d}`);
    });
    expect(outward).toEqual([]);
  });
});

describe('API misuse', () => {
  it('throws AslUsageError, never a bare TypeError or RangeError, anywhere in src/', () => {
    const offenders = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => /\bnew (TypeError|RangeError)\(/.test(line))
        .map(([, n]) => `${relative(SRC, file)}:${n}`),
    );
    expect(offenders).toEqual([]);
  });
});
