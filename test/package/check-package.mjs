#!/usr/bin/env node
/**
 * `npm run check:package`: packs the package as npm would publish it (from the current dist/,
 * so build first) and checks the tarball with publint and Are the Types Wrong (every entry
 * point, every resolution mode: node10, node16 CJS and ESM, bundler), then that it ships no
 * source maps and no dead CommonJS build of the CLI. Exit 1 on any problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('check:package: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'asl-pack-'));
let failed = false;
const step = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  } catch {
    failed = true;
  }
};
try {
  // --ignore-scripts: `prepare` would rebuild; the check is about the dist/ that is there.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }));
  const tarball = join(out, packed.filename);
  const files = packed.files.map((f) => f.path);
  console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`);

  const unwanted = files.filter((f) => f.endsWith('.map') || /^dist\/cli(\.d)?\.c?[jt]s$/.test(f) && f !== 'dist/cli.js' || /^(src|test|bench)\//.test(f));
  if (unwanted.length > 0) {
    console.error(`✖ the tarball ships files nothing uses: ${unwanted.join(', ')}`);
    failed = true;
  }
  step('publint', bin('publint'), ['run', tarball, '--strict']);
  step('attw', bin('attw'), [tarball, '--format', 'table', '--no-emoji', '--no-color']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failed) {
  console.error('\ncheck:package failed');
  process.exit(1);
}
console.log('\ncheck:package: publint and attw are clean');
