// Summarises a .cpuprofile: self time per function, mapped back to src/ through dist's source maps.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith('file://') || !url.includes('/dist/')) return undefined;
  if (!maps.has(url)) {
    const path = fileURLToPath(url) + '.map';
    maps.set(url, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : undefined);
  }
  return maps.get(url);
}
function where(cf) {
  const map = sourceMapFor(cf.url);
  if (map) {
    const e = map.findEntry(cf.lineNumber, cf.columnNumber);
    if (e && e.originalSource) return `${e.originalSource.replace(/^.*?(src\/|node_modules\/)/, '$1')}:${e.originalLine + 1}`;
  }
  if (!cf.url) return '(native)';
  return `${cf.url.replace(/^.*?(node_modules\/|bench\/)/, '$1').replace(/^node:/, 'node:')}:${cf.lineNumber + 1}`;
}

// Self time: each sample belongs to one node; time deltas are per sample.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(profile.samples[i]);
  total += dt;
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${where(node.callFrame)}`;
  self.set(key, (self.get(key) ?? 0) + dt);
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
