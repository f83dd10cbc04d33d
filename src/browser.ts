/**
 * `asl-runtime` for browsers, workers and edge runtimes (the `browser` export condition): the same
 * API as the main entry, with the dependencies that Node loads lazily imported up front, since
 * those hosts have no `require`.
 * @packageDocumentation
 */
import jsonata from 'jsonata';
import * as jsonpathPlus from 'jsonpath-plus';
import * as re2js from 're2js';
import { provideModules } from './lazy-require.js';

provideModules({ jsonata, re2js, 'jsonpath-plus': jsonpathPlus });

export * from './index.js';
