/**
 * Recursive-descent parser for one intrinsic call:
 *
 *     call     := NAME '(' [argument (',' argument)*] ')'
 *     argument := call | STRING | NUMBER | 'true' | 'false' | 'null' | PATH
 *
 * It checks syntax only; function names, arity and nesting are checked by `analyse.ts`, so the
 * validator can report every problem rather than the first.
 */
import type { ArgumentNode, CallNode } from './ast.js';
import { IntrinsicSyntaxError } from './errors.js';
import { tokenize, type Token } from './tokenizer.js';

/** Parses `text` (one call, optionally surrounded by whitespace). Throws {@link IntrinsicSyntaxError}. */
export function parseIntrinsic(text: string): CallNode {
  const tokens = tokenize(text);
  let index = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;

  function expect(type: '(' | ')' | ',', what: string): Token {
    const token = next();
    if (token.type !== type) throw new IntrinsicSyntaxError(`Expected ${what} but found ${describe(token)}`, token.position);
    return token;
  }

  function parseCall(): CallNode {
    const nameToken = next();
    if (nameToken.type !== 'name') {
      throw new IntrinsicSyntaxError(`Expected an intrinsic function name but found ${describe(nameToken)}`, nameToken.position);
    }
    expect('(', `'(' after ${nameToken.text}`);
    const args: ArgumentNode[] = [];
    if (peek().type !== ')') {
      for (;;) {
        args.push(parseArgument());
        const separator = peek();
        if (separator.type === ',') {
          next();
          continue;
        }
        if (separator.type === ')') break;
        throw new IntrinsicSyntaxError(`Expected ',' or ')' but found ${describe(separator)}`, separator.position);
      }
    }
    expect(')', "')'");
    return { kind: 'call', name: nameToken.text, args, position: nameToken.position };
  }

  function parseArgument(): ArgumentNode {
    const token = peek();
    switch (token.type) {
      case 'string':
        next();
        return { kind: 'string', value: token.value, raw: token.raw, position: token.position };
      case 'number':
        next();
        return { kind: 'number', value: token.value, position: token.position };
      case 'path':
        next();
        return { kind: 'path', path: token.text, position: token.position };
      case 'name': {
        if (tokens[index + 1]?.type === '(') return parseCall();
        next();
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'boolean', value: token.text === 'true', position: token.position };
        }
        if (token.text === 'null') return { kind: 'null', position: token.position };
        throw new IntrinsicSyntaxError(
          `Unexpected '${token.text}': an argument must be a string in single quotes, a number, true, false, null, a path or an intrinsic call`,
          token.position,
        );
      }
      default:
        throw new IntrinsicSyntaxError(`Expected an argument but found ${describe(token)}`, token.position);
    }
  }

  const call = parseCall();
  const rest = peek();
  if (rest.type !== 'end') {
    throw new IntrinsicSyntaxError(`Unexpected ${describe(rest)} after the end of the intrinsic call`, rest.position);
  }
  return call;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the text';
    case 'name':
      return `'${token.text}'`;
    case 'string':
      return `the string '${token.raw}'`;
    case 'number':
      return `the number ${token.text}`;
    case 'path':
      return `the path ${token.text}`;
    default:
      return `'${token.type}'`;
  }
}
