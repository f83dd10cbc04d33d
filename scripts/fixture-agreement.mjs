#!/usr/bin/env node
// Fixture agreement: runs our validate() over the fixture suites of other ASL validators and
// compares verdicts (valid / invalid). Their verdicts are read from their own test files, so a
// fixture counts only where its suite states what it expects.
//
//   node scripts/fixture-agreement.mjs [--dist] [--json] <suite-dir>...
//
// A suite dir is a checkout or a git directory without a work tree (a `fetch` mirror such as
// /work/.mirror/awslabs+statelint/repo). Recognised suites: awslabs/statelint (spec/*.rb),
// wmfs/statelint (test/*.js) and ChristopheBougere/asl-validator (valid-/invalid- file names).
// By default src/ is bundled with esbuild (always current); --dist uses the built ./dist.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Disagreements we keep on purpose, by fixture file name, with the reason (AWS developer guide
 * or AWS's own behaviour). A disagreement not listed here is printed as UNEXPLAINED.
 */
const KNOWN = {
  'map-with-parameters.json': "Map 'Parameters' as a string: our schema takes Map Parameters as a payload template (JSON object), as the guide's ItemSelector (Map) page describes it (key-value pairs); statelint's grammar puts no type on it. Pass/Task/Parallel Parameters already take any JSON here; a schema change (map.json) is requested",
  'map-with-itemspath-context-object.json': "same Map 'Parameters' string as map-with-parameters.json",
  'map-with-resultselector.json': "same Map 'Parameters' string as map-with-parameters.json",
  'invalid-json-surround-syntax-extra-spaces.json': "peer's pattern ^{% .+ %}$ refuses a newline inside {% %}; AWS evaluates the whole string between {% and %} as JSONata, where newlines are whitespace",
  'invalid-jsonata-surround-syntax-no-spaces.json': "'{%10%}': the guide's syntax is a string that starts with {% and ends with %}; nothing documents required spaces (peer's regex needs them)",
  'valid-assign.asl.json': "variable name 'top-level': the guide (Passing data between states with variables) allows Unicode identifier characters only; '-' is not one",
  'valid-cfn-definition-substitutions.json': "Resource '${lambdaArn}' is an unfilled template placeholder; AWS's ValidateStateMachineDefinition refuses it, so we report UNRESOLVED_PLACEHOLDER before run time (the loader's substitutions fill it)",
  'valid-current-value-predicate.json': "filter '@.OutputKey == FooBar' compares with an unquoted word; Jayway JsonPath, which AWS uses, refuses it (a string literal needs quotes)",
  'valid-map-with-item-batcher-jsonata.json': 'a JSONPath state inside a machine whose top-level QueryLanguage is JSONata: AWS refuses this (guide: Transforming data with JSONata; the CDK documents the same error)',
  'valid-path-array-context.json': "'$[(@.length-1)]' is a script expression; Jayway JsonPath, which AWS uses, has filters [?()] but no script expressions",
  'valid-task-intrisic-function.json': "Resource is a CloudFormation intrinsic object (Fn::GetAtt / Ref), not ASL; the template loader resolves it to an ARN before validation",
};

/** Files of a suite, from a work tree or from a git directory's HEAD. */
function openSuite(dir) {
  if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'Gemfile')) || existsSync(join(dir, 'spec')) || existsSync(join(dir, 'test'))) {
    const list = [];
    const walk = (d) => {
      for (const name of readdirSync(d)) {
        if (name === 'node_modules' || name === '.git') continue;
        const full = join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else list.push(relative(dir, full));
      }
    };
    walk(dir);
    return { files: list, read: (p) => readFileSync(join(dir, p), 'utf8') };
  }
  const git = (...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { files: git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean), read: (p) => git('show', `HEAD:${p}`) };
}

/** The top-level arguments of every `name(...)` call in JavaScript or Ruby text (quotes respected). */
function calls(text, name) {
  const found = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(name + '(', at);
    if (start < 0) return found;
    let depth = 0;
    let quote = null;
    let arg = '';
    const args = [];
    let i = start + name.length;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        arg += c;
        if (c === '\\') arg += text[++i];
        else if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      if (c === '(' || c === '[' || c === '{') depth++;
      if (c === ')' || c === ']' || c === '}') depth--;
      if (depth === 0) break;
      if (depth === 1 && c === ',') {
        args.push(arg.trim());
        arg = '';
      } else if (!(depth === 1 && c === '(' && arg === '')) arg += c;
    }
    if (arg.trim() !== '') args.push(arg.trim());
    found.push(args);
    at = i + 1;
  }
}

/** awslabs/statelint: each `File.read "test/x.json"` is followed by `expect(problems.size).to eq(N)`. */
function awslabsCases(suite) {
  const cases = new Map();
  for (const spec of suite.files.filter((f) => /^spec\/.*_spec\.rb$/.test(f))) {
    const re = /File\.read\(?\s*"(test\/[^"]+\.json)"[\s\S]*?expect\(problems\.size\)\.to eq\((\d+)\)/g;
    for (const m of suite.read(spec).matchAll(re)) cases.set(m[1], Number(m[2]) === 0);
  }
  return cases;
}

/** wmfs/statelint: `verify(label, require('./fixtures/x'), ...expected)`; expected messages or a count > 0 mean invalid. */
function wmfsCases(suite) {
  const cases = new Map();
  for (const test of suite.files.filter((f) => /^test\/[^/]+\.js$/.test(f))) {
    for (const args of calls(suite.read(test), 'verify')) {
      const m = /require\(\s*'\.\/(fixtures\/[^']+)'\s*\)/.exec(args[1] ?? '');
      if (!m) continue;
      const rest = args.slice(2);
      const valid = rest.length === 0 || (rest.length === 1 && /^\d+$/.test(rest[0]) && Number(rest[0]) === 0);
      const file = `test/${m[1].endsWith('.json') ? m[1] : m[1] + '.json'}`;
      cases.set(file, valid);
    }
  }
  return cases;
}

/** asl-validator: `src/__tests__/definitions/(valid|invalid)-….json`. */
function aslValidatorCases(suite) {
  const cases = new Map();
  for (const f of suite.files) {
    const m = /^src\/__tests__\/definitions\/(valid|invalid)-.+\.json$/.exec(f);
    if (m) cases.set(f, m[1] === 'valid');
  }
  return cases;
}

function detect(suite) {
  const has = (p) => suite.files.includes(p);
  if (has('spec/statelint_spec.rb')) return { name: 'awslabs/statelint', cases: awslabsCases(suite) };
  if (has('test/statelint_test.js')) return { name: 'wmfs/statelint', cases: wmfsCases(suite) };
  if (has('src/__tests__/validator.test.ts')) return { name: 'asl-validator', cases: aslValidatorCases(suite) };
  throw new Error('not a known fixture suite (awslabs/statelint, wmfs/statelint, asl-validator)');
}

/** Our validate(): from src (bundled with esbuild into node_modules/.cache) or from dist. */
async function loadValidate(useDist) {
  if (useDist) return (await import(pathToFileURL(join(root, 'dist/index.js')).href)).validate;
  const { build } = await import('esbuild');
  // inside the repo, so the bundle's lazy require() finds ajv and jsonata in node_modules
  const outdir = join(root, 'node_modules/.cache/fixture-agreement');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'validate.mjs');
  await build({ entryPoints: [join(root, 'src/validate/index.ts')], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile, logLevel: 'error' });
  return (await import(pathToFileURL(outfile).href + `?t=${Date.now()}`)).validate;
}

const argv = process.argv.slice(2);
const useDist = argv.includes('--dist');
const asJson = argv.includes('--json');
const dirs = argv.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: node scripts/fixture-agreement.mjs [--dist] [--json] <suite-dir>...');
  process.exit(2);
}
const validate = await loadValidate(useDist);
const report = [];
for (const dir of dirs) {
  const suite = openSuite(resolve(dir));
  const { name, cases } = detect(suite);
  const disagreements = [];
  let agreed = 0;
  for (const [file, expected] of [...cases].sort(([a], [b]) => a.localeCompare(b))) {
    let text;
    try {
      text = suite.read(file);
    } catch {
      disagreements.push({ file, expected: expected ? 'valid' : 'invalid', ours: 'missing file', diagnostics: [] });
      continue;
    }
    const result = validate(text);
    if (result.valid === expected) agreed++;
    else {
      const diagnostics = result.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.location}: ${d.message}`);
      const reason = KNOWN[file.split('/').pop()];
      disagreements.push({ file, expected: expected ? 'valid' : 'invalid', ours: result.valid ? 'valid' : 'invalid', diagnostics, ...(reason ? { reason } : {}) });
    }
  }
  report.push({ suite: name, fixtures: cases.size, agreed, percent: cases.size === 0 ? 0 : (100 * agreed) / cases.size, disagreements });
}
const total = report.reduce((n, r) => n + r.fixtures, 0);
const agreed = report.reduce((n, r) => n + r.agreed, 0);
if (asJson) {
  console.log(JSON.stringify({ suites: report, total, agreed, percent: (100 * agreed) / total }, null, 2));
} else {
  for (const r of report) {
    console.log(`${r.suite}: ${r.agreed}/${r.fixtures} agree (${r.percent.toFixed(1)} %)`);
    for (const d of r.disagreements) {
      const known = KNOWN[d.file.split('/').pop()];
      console.log(`  ${d.file}: theirs ${d.expected}, ours ${d.ours}${known ? '' : '  UNEXPLAINED'}`);
      if (known) console.log(`      reason: ${known}`);
      for (const line of d.diagnostics.slice(0, 4)) console.log(`      ${line}`);
    }
  }
  console.log(`all suites: ${agreed}/${total} agree (${((100 * agreed) / total).toFixed(1)} %)`);
}
