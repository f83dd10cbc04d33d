/**
 * A Distributed Map's Map Run: a streaming reader (ItemReader, or the state's items) → the
 * ItemSelector → the ItemBatcher → a bounded pool of child workflow executions, each with its
 * own history → the tolerated-failure check → the ResultWriter. Only the MapRun events go into
 * the parent's history, as on AWS. AWS: "Distributed Map state", "Map Run".
 *
 * This file compiles; the run (./map-distributed-run.ts) is imported on the first run.
 */
import type { MapState } from '../../definition/types.js';
import type { CompiledMachine } from '../machine.js';
import { compileBatcher } from './map-batcher.js';
import type { MapRunParts, MapRunPlan, MapRunner } from './map-distributed-run.js';
import { lazyModule } from './map-lazy.js';
import { compileItemReader } from './map-reader.js';
import { compileResultWriter } from './map-writer.js';

export type { MapRunParts, MapRunPlan, MapRunner, MapRunSettings } from './map-distributed-run.js';

/** The run itself, loaded on the first Distributed Map run (compiling stays synchronous). */
const runs = lazyModule(() => import('./map-distributed-run.js'));

/**
 * Compiles a Distributed Map's run. ItemReader, ItemBatcher and ResultWriter are compiled here,
 * synchronously, so their errors surface when the machine is built.
 */
export function compileMapRun(name: string, def: MapState, processor: CompiledMachine, jsonata: boolean, parts: MapRunParts): MapRunner {
  const config = (def.ItemProcessor ?? def.Iterator)?.ProcessorConfig;
  const plan: MapRunPlan = {
    name,
    label: typeof def.Label === 'string' && def.Label ? def.Label : name,
    executionType: config?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    processor,
    parts,
    reader: def.ItemReader ? compileItemReader(def.ItemReader, jsonata) : undefined,
    batcher: def.ItemBatcher ? compileBatcher(def.ItemBatcher, jsonata) : undefined,
    writer: compileResultWriter(def.ResultWriter, jsonata),
  };
  return async (selected, raw, frame, settings) => (runs.value ?? (await runs.load(frame.env.clock))).runMap(plan, selected, raw, frame, settings);
}
