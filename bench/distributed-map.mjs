// Distributed Map at scale: `node bench/distributed-map.mjs [items=1000000] [NONE|COMPACT|FLATTEN] [maxConcurrency=0]`.
// Writes a JSONL file of `items` small objects, runs a Distributed Map over it (EXPRESS children,
// a Pass item processor, MaxConcurrency 0 = AWS's 10,000) with a ResultWriter, and prints one JSON
// line: items, seconds, items per second, peak RSS in MB, result files and their bytes.
// The aim (issue 15): bounded memory (< 300 MB peak RSS) and > 200k items/s. Needs `npm run build`.
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import './node20-polyfill.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ITEMS = Number(process.argv[2] ?? 1_000_000);
const TRANSFORMATION = process.argv[3] ?? 'NONE';
const MAX_CONCURRENCY = Number(process.argv[4] ?? 0);
const lib = await import(pathToFileURL(join(HERE, '..', 'dist', 'index.js')).href);

/** A minimal folder-backed store (what DirectoryObjectStore does), used if dist does not export that class. */
class FolderStore {
  constructor(root) {
    this.root = root;
  }
  async getObject({ Bucket, Key }) {
    const file = join(this.root, Bucket, Key);
    return { Body: createReadStream(file), ContentLength: statSync(file).size };
  }
  async listObjectsV2() {
    return { Contents: [], IsTruncated: false, KeyCount: 0 };
  }
  async putObject({ Bucket, Key, Body }) {
    const file = join(this.root, Bucket, Key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, Body);
    return { ETag: '""' };
  }
}

const root = mkdtempSync(join(tmpdir(), 'asl-dmap-bench-'));
try {
  mkdirSync(join(root, 'in'));
  mkdirSync(join(root, 'out'));
  // The input, streamed to disk: {"id":n,"v":"item-n"} per line.
  await new Promise((resolve, reject) => {
    const out = createWriteStream(join(root, 'in', 'items.jsonl'));
    out.on('error', reject);
    let i = 0;
    const write = () => {
      let ok = true;
      while (i < ITEMS && ok) ok = out.write(`{"id":${i},"v":"item-${i++}"}\n`);
      if (i < ITEMS) out.once('drain', write);
      else out.end(resolve);
    };
    write();
  });
  const store = lib.DirectoryObjectStore ? new lib.DirectoryObjectStore(root) : new FolderStore(root);
  const machine = new lib.StateMachine({
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'in', Key: 'items.jsonl' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        MaxConcurrency: MAX_CONCURRENCY,
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'bench' }, WriterConfig: { OutputType: 'JSON', Transformation: TRANSFORMATION } },
        End: true,
      },
    },
  });
  const started = performance.now();
  const execution = machine.start({}, { objectStore: store, maxHistoryEvents: Infinity });
  const result = await execution.result;
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'SUCCEEDED') throw new Error(`The run ${result.status}: ${result.error} ${result.cause}`);
  const manifestKey = result.output.ResultWriterDetails.Key;
  const { readFileSync } = await import('node:fs');
  const manifest = JSON.parse(readFileSync(join(root, 'out', manifestKey), 'utf8'));
  const files = manifest.ResultFiles.SUCCEEDED;
  const counts = execution.mapRuns[0]?.itemCounts;
  console.log(
    JSON.stringify({
      items: ITEMS,
      transformation: TRANSFORMATION,
      succeeded: counts?.succeeded,
      seconds: Math.round(seconds * 100) / 100,
      itemsPerSecond: Math.round(ITEMS / seconds),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      resultFiles: files.length,
      resultBytes: files.reduce((n, f) => n + f.Size, 0),
      parentHistoryEvents: execution.history.length,
      store: lib.DirectoryObjectStore ? 'DirectoryObjectStore' : 'bench FolderStore',
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
