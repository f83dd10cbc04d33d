/**
 * CloudFormation's intrinsic functions, evaluated locally over a {@link TemplateScope}. What
 * cannot be evaluated becomes a visible `${key}` placeholder, with a note of why and which
 * option fills it; the definition's final scan turns each remaining placeholder into a
 * diagnostic. Semantics follow the CloudFormation "Intrinsic function reference".
 */
import { bytesToBase64 } from '../web/base64.js';
import { isObject } from '../validate/diagnostics.js';
import { TemplateError } from './error.js';
import { attributeOf, refOf } from './resources.js';
import type { TemplateScope } from './scope.js';
import { splitSub } from './sub.js';

/** `Ref: AWS::NoValue`: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Why a placeholder stayed, and the option that would fill it. */
export interface Unresolved {
  readonly why: string;
  /** The option to suggest: substitutions (the default) or parameters. */
  readonly fill: 'substitutions' | 'parameters';
}

const MAX_DEPTH = 512;

/** True for `{ Ref: … }` and `{ "Fn::X": … }`: one key that names an intrinsic function. */
function intrinsicKey(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  const key = keys[0];
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::')) ? key : undefined;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/** Evaluates intrinsics for one state machine, collecting notes on what it could not evaluate. */
export class Intrinsics {
  /** Placeholder key to why it could not be filled. */
  readonly notes = new Map<string, Unresolved>();
  /** Names written `${!Name}` in an Fn::Sub: their `${Name}` is meant literally (or for DefinitionSubstitutions). */
  readonly escaped = new Set<string>();
  /** Count of evaluations that produced a placeholder (a condition is undecidable when it grows). */
  private failures = 0;
  private readonly evaluating = new Set<string>();

  constructor(private readonly scope: TemplateScope) {}

  /** A placeholder `${key}` (or the user's substitution for `key`), noting why. */
  unresolved(key: string, why: string, fill: Unresolved['fill'] = 'substitutions'): string {
    const given = this.scope.options.substitutions?.[key];
    if (given !== undefined) return given;
    this.failures++;
    if (!this.notes.has(key)) this.notes.set(key, { why, fill });
    return `\${${key}}`;
  }

  /** Resolves every intrinsic inside `value`; `AWS::NoValue` members and items are dropped. */
  resolve(value: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH) throw new TemplateError(`the template is nested more than ${MAX_DEPTH} levels deep (or refers to itself)`);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, depth + 1)).filter((v) => v !== NO_VALUE);
    if (!isObject(value)) return value;
    const fn = intrinsicKey(value);
    if (fn !== undefined) return this.call(fn, value[fn], depth + 1);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v, depth + 1);
      if (r !== NO_VALUE) Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** Resolves to a string, or a placeholder when the value is not a scalar. */
  private text(value: unknown, depth: number, what: string): string {
    const r = this.resolve(value, depth);
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    return this.unresolved(what, `${what} is ${show(r)}, not a string`);
  }

  private list(value: unknown, depth: number): unknown[] | undefined {
    const r = this.resolve(value, depth);
    return Array.isArray(r) ? r : undefined;
  }

  private call(fn: string, arg: unknown, depth: number): unknown {
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : this.unresolved('Ref', `Ref takes a name, not ${show(arg)}`);
      case 'Fn::GetAtt': {
        const a = typeof arg === 'string' ? arg.split(/\.(.*)/s, 2) : this.list(arg, depth);
        const [id, attribute] = a ?? [];
        if (typeof id !== 'string' || attribute === undefined) return this.unresolved('Fn::GetAtt', `Fn::GetAtt takes [LogicalId, Attribute], not ${show(arg)}`);
        return this.getAtt(id, this.text(attribute, depth, 'Fn::GetAtt attribute'));
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join': {
        const [delimiter, items] = Array.isArray(arg) ? arg : [];
        const list = this.list(items, depth);
        if (typeof delimiter !== 'string' || !list) return this.unresolved('Fn::Join', `Fn::Join takes [delimiter, [values]], not ${show(arg)}`);
        return list.map((v, i) => this.text(v, depth, `Fn::Join item ${i}`)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, items] = Array.isArray(arg) ? arg : [];
        const i = Number(this.resolve(index, depth));
        const list = this.list(items, depth);
        if (!list || !Number.isInteger(i) || i < 0 || i >= list.length) return this.unresolved('Fn::Select', `Fn::Select index ${show(index)} is not an index of ${show(list ?? items)}`);
        return list[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = Array.isArray(arg) ? arg : [];
        if (typeof delimiter !== 'string') return this.unresolved('Fn::Split', `Fn::Split takes [delimiter, string], not ${show(arg)}`);
        return this.text(source, depth, 'Fn::Split source').split(delimiter);
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = Array.isArray(arg) ? arg : [];
        const holds = typeof name === 'string' ? this.condition(name) : undefined;
        if (holds === undefined) return this.unresolved(`Fn::If ${show(name)}`, `the condition ${show(name)} could not be evaluated`, 'parameters');
        return this.resolve(holds ? whenTrue : whenFalse, depth);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const b = this.test({ [fn]: arg }, depth);
        return b ?? this.unresolved(fn, `${fn} could not be evaluated`, 'parameters');
      }
      case 'Fn::FindInMap': {
        const [map, top, second, options] = Array.isArray(arg) ? arg : [];
        const keys = [map, top, second].map((k, i) => this.text(k, depth, `Fn::FindInMap key ${i}`));
        let found: unknown = this.scope.mappings;
        for (const k of keys) found = isObject(found) && Object.hasOwn(found, k) ? found[k] : undefined;
        if (found !== undefined) return found;
        if (isObject(options) && 'DefaultValue' in options) return this.resolve(options['DefaultValue'], depth);
        return this.unresolved(keys.join('.'), `Mappings has no ${keys.join(' → ')}`);
      }
      case 'Fn::Base64':
        return bytesToBase64(new TextEncoder().encode(this.text(arg, depth, 'Fn::Base64')));
      case 'Fn::GetAZs': {
        const region = this.text(arg, depth, 'Fn::GetAZs') || this.scope.region;
        return ['a', 'b', 'c'].map((z) => `${region}${z}`);
      }
      case 'Fn::Length': {
        const list = this.list(arg, depth);
        return list ? list.length : this.unresolved('Fn::Length', `Fn::Length takes a list, not ${show(arg)}`);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(arg, depth));
      case 'Fn::ImportValue': {
        const name = this.text(arg, depth, 'Fn::ImportValue');
        return this.unresolved(name, `it is imported (Fn::ImportValue) from another stack's Outputs`);
      }
      default:
        return this.unresolved(fn, `${fn} is not evaluated locally`);
    }
  }

  /** `Ref`: a parameter (options first, then its Default), a pseudo parameter, or a resource of the template. */
  ref(name: string): unknown {
    const s = this.scope;
    const given = s.options.parameters?.[name] ?? s.options.substitutions?.[name];
    const declared = s.parameters[name];
    if (given !== undefined) return isObject(declared) ? parameterValue(declared, given) : given;
    if (isObject(declared)) {
      const fallback = declared['Default'];
      if (fallback === undefined) return this.unresolved(name, `parameter '${name}' has no Default and no value was given`, 'parameters');
      return parameterValue(declared, fallback);
    }
    switch (name) {
      case 'AWS::Partition':
        return s.partition;
      case 'AWS::Region':
        return s.region;
      case 'AWS::AccountId':
        return s.accountId;
      case 'AWS::StackName':
        return s.stackName;
      case 'AWS::URLSuffix':
        return s.urlSuffix;
      case 'AWS::StackId':
        return `arn:${s.partition}:cloudformation:${s.region}:${s.accountId}:stack/${s.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const resource = s.resources.get(name);
    if (resource) return refOf(resource.type, resource.id, s);
    return this.unresolved(name, `the template has no parameter or resource '${name}'`);
  }

  /** `Fn::GetAtt`: an attribute of a resource of the template, or the user's substitution for `Id.Attribute`. */
  getAtt(id: string, attribute: string): string {
    const key = `${id}.${attribute}`;
    const given = this.scope.options.substitutions?.[key];
    if (given !== undefined) return given;
    const resource = this.scope.resources.get(id);
    if (!resource) return this.unresolved(key, `the template has no resource '${id}'`);
    return attributeOf(resource.type, resource.id, attribute, this.scope) ?? this.unresolved(key, `the loader does not know the attribute '${attribute}' of ${resource.type}`);
  }

  /** `Fn::Sub`: `${Name}` (a variable, parameter, pseudo parameter or resource), `${Id.Attribute}`, `${!Literal}`. */
  private sub(arg: unknown, depth: number): string {
    const [template, vars] = typeof arg === 'string' ? [arg, undefined] : Array.isArray(arg) ? arg : [];
    if (typeof template !== 'string') return this.unresolved('Fn::Sub', `Fn::Sub takes a string or [string, {variables}], not ${show(arg)}`);
    const variables = isObject(vars) ? vars : {};
    return splitSub(template)
      .map((part) => {
        if (part.kind === 'text') return part.text;
        if (part.kind === 'escaped') {
          this.escaped.add(part.name.trim());
          return `\${${part.name}}`;
        }
        const name = part.name;
        const given = this.scope.options.substitutions?.[name];
        if (given !== undefined) return given;
        if (Object.hasOwn(variables, name)) return this.text(variables[name], depth, name);
        const dot = name.indexOf('.');
        if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1));
        const v = this.ref(name);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
        return this.unresolved(name, `'${name}' is ${v === NO_VALUE ? 'AWS::NoValue' : show(v)}, which Fn::Sub cannot insert`);
      })
      .join('');
  }

  /** Evaluates a named condition of the template; undefined when it cannot be decided. */
  condition(name: string): boolean | undefined {
    if (this.evaluating.has(name) || !Object.hasOwn(this.scope.conditions, name)) return undefined;
    this.evaluating.add(name);
    try {
      return this.test(this.scope.conditions[name], 0);
    } finally {
      this.evaluating.delete(name);
    }
  }

  /** A condition expression (`Fn::Equals`, `And`, `Or`, `Not`, `Condition`); undefined when undecidable. */
  private test(expr: unknown, depth: number): boolean | undefined {
    if (typeof expr === 'boolean') return expr;
    if (!isObject(expr)) return undefined;
    const [key] = Object.keys(expr);
    const arg = key === undefined ? undefined : expr[key];
    const args = Array.isArray(arg) ? arg : [];
    switch (key) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : undefined;
      case 'Fn::Equals': {
        const before = this.failures;
        const [a, b] = args.map((v) => show(this.resolve(v, depth + 1)));
        return this.failures > before ? undefined : a === b;
      }
      case 'Fn::Not': {
        const v = this.test(args[0], depth + 1);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args.map((v) => this.test(v, depth + 1));
        if (values.includes(undefined)) return undefined;
        return key === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      default:
        return undefined;
    }
  }
}

/** A parameter's value as `Ref` gives it: list types split at commas. */
function parameterValue(declared: Record<string, unknown>, value: unknown): unknown {
  const type = declared['Type'];
  if (typeof value === 'string' && typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'))) return value.split(',').map((v) => v.trim());
  return value;
}
