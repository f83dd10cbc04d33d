/** Types of fixtures.mjs (plain JavaScript so the recorder runs under bare node). */
export declare const START: string;
export declare function fixedRandom(seed?: number): () => number;
export declare function fixedUuid(): () => string;
export declare const benchHandlers: Record<string, (input: { v: number }) => number>;
export interface DifferentialCase {
  readonly id: string;
  readonly definition: object;
  readonly input?: unknown;
  /** 'bench': the bench handler; 'real': realHandlers(); conformance cases name stand-ins per resource. */
  readonly handlers?: 'bench' | 'real' | Readonly<Record<string, string>>;
}
export declare function realHandlers(definition: object): Record<string, (input: unknown) => unknown>;
export declare function benchCases(): DifferentialCase[];
/** What one run gives: `thrown` when the constructor refused the definition. */
export interface Outcome {
  readonly result?: string;
  readonly history?: string;
  readonly thrown?: string;
}
export declare function runCase(
  api: { StateMachine: new (definition: object) => { start(input: unknown, options: object): { result: Promise<unknown>; history: readonly unknown[] } }; VirtualClock: new (start: string) => object },
  c: DifferentialCase,
  handlers: Record<string, unknown> | undefined,
): Promise<Outcome>;
