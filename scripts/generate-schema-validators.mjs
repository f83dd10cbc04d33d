#!/usr/bin/env node
// Compiles the ASL JSON Schemas (schemas/) into standalone validation code at build time, so no
// JSON Schema is compiled at run time and ajv is not loaded by the library at all: the first
// validate() in a process then costs what the checks cost, not ajv's code generation.
//
//   node scripts/generate-schema-validators.mjs           # writes src/validate/schema-validators.generated.js
//   node scripts/generate-schema-validators.mjs --check   # exits 1 when that file is out of date
//
// The output is committed (vitest and tsc read src/ directly) and regenerated before each build.
// Besides one validator per state type and query language it exports the field sets the
// validator derives from the schemas, so the schema documents need not ship in the bundle.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'src', 'validate', 'schema-validators.generated.js');
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js');
const standaloneCode = require('ajv/dist/standalone').default;

const read = (file) => JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8'));
const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const defs = read('defs.json');
const machine = read('state-machine.json');
const states = Object.fromEntries(STATE_TYPES.map((t) => [t, read(`states/${t.toLowerCase()}.json`)]));

// schema-check.ts validates a Parallel or Map with every nested state replaced by the stub
// { Type: 'Succeed' } (nested states are checked on their own, in their own query language), so
// the schemas of a nested machine's states only ever see that stub. Checking it against the full
// state schemas would give the same verdict; generating that code would more than double the file
// (every state schema again inside Parallel and Map), which every cold start parses.
for (const name of ['stateJSONPathDefault', 'stateJSONataDefault', 'stateAnyDefault']) {
  const full = defs.$defs[name];
  defs.$defs[name] = { type: full.type, required: full.required, properties: full.properties };
}

// The options schema-check.ts relies on: every error (allErrors) with its schema (verbose: the
// messages read `parentSchema.description` and its `properties`).
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, validateSchema: false, code: { source: true, esm: true } });
for (const schema of [defs, machine, ...Object.values(states)]) ajv.addSchema(schema);

/** Export name → schema reference: `<Type>_JSONPath` and `<Type>_JSONata`. */
const refs = {};
for (const [type, schema] of Object.entries(states)) {
  refs[`${type}_JSONPath`] = `${schema.$id}#/$defs/jsonpath`;
  refs[`${type}_JSONata`] = `${schema.$id}#/$defs/jsonata`;
}
let code = standaloneCode(ajv, refs);

// ajv's one runtime helper the schemas need: string length in code points (minLength/maxLength
// count a surrogate pair as one character, as JSON Schema says). Written here so the generated
// code imports nothing.
code = code.replace(
  /const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/,
  'const $1 = (s) => { let n = 0; for (const _ of s) n++; return n; };',
);
// Every error is built by one helper instead of an inline object literal and push: the literals
// were three fifths of the file, which every cold start parses. The error keeps the fields
// schema-check.ts reads (`schema` and `data`, which `verbose` also adds, are dropped).
let literals = 0;
const FIELDS_OF_ERROR = /^instancePath(?::(.*?))?,schemaPath:(".*?"),keyword:(".*?"),params:(.*?),message:(.*?),schema:.*?,parentSchema:(.*?),data(?::[\w.]+)?(?:,propertyName:(\w+))?$/;
code = code.replace(
  /const (err\d+) = \{((?:(?!\};if\(vErrors === null\)).)*)\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g,
  (literal, _err, body) => {
    const f = FIELDS_OF_ERROR.exec(body);
    if (!f) return literal;
    literals++;
    const [, instancePath = 'instancePath', schemaPath, keyword, params, message, parentSchema, propertyName] = f;
    return `vErrors = pushError(vErrors,${instancePath},${schemaPath},${keyword},${params},${message},${parentSchema}${propertyName ? `,${propertyName}` : ''});errors++;`;
  },
);
// (ajv's empty placeholder errors, `{}`, stay as they are.)
const inline = code.match(/const err\d+ = \{[^}].{0,300}/g) ?? [];
if (literals === 0 || inline.length > 0) throw new Error(`${inline.length} error literals left as they were (${literals} replaced), e.g. ${inline[0]}: update the pattern in ${fileURLToPath(import.meta.url)}`);
code += '\nfunction pushError(errors, instancePath, schemaPath, keyword, params, message, parentSchema, propertyName) { const e = { instancePath, schemaPath, keyword, params, message, parentSchema }; if (propertyName !== undefined) e.propertyName = propertyName; if (errors === null) return [e]; errors.push(e); return errors; }\n';

const leftover = code.match(/require\([^)]*\)/);
if (leftover) throw new Error(`generated code still needs ${leftover[0]}: inline it in ${fileURLToPath(import.meta.url)}`);

const keys = (schema) => Object.keys(schema?.properties ?? {});
const fields = {
  topLevel: keys(machine),
  states: Object.fromEntries(Object.entries(states).map(([t, s]) => [t, { JSONPath: keys(s.$defs.jsonpath), JSONata: keys(s.$defs.jsonata) }])),
  jsonpathRule: keys(states.Choice.$defs.topRule),
  jsonataRule: keys(states.Choice.$defs.jsonataRule),
  nestedRule: keys(states.Choice.$defs.nestedRule),
};
code += `\nexport const FIELDS = ${JSON.stringify(fields)};\n`;

// Minified: the file is read at every cold start, and nobody edits it.
const { outputFiles } = await build({ stdin: { contents: code, loader: 'js' }, write: false, format: 'esm', minify: true, target: 'es2022', logLevel: 'error' });
const text = `// Generated by scripts/generate-schema-validators.mjs from schemas/ (ajv ${require('ajv/package.json').version} standalone code). Do not edit.\n${outputFiles[0].text}`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${OUT} is out of date: run node scripts/generate-schema-validators.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT} (${(text.length / 1024).toFixed(0)} KB)`);
}
