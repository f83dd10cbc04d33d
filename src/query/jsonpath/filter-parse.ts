/**
 * The filter language inside `[?( … )]`, parsed as Jayway JsonPath (AWS's path engine) reads
 * it: `@` is the current item and `$` the document root; comparisons `== != < <= > >=`,
 * `=~ /regex/flags`, `in nin subsetof anyof noneof size empty contains`; `&& || !` and
 * parentheses; string, number, boolean, null, regex and JSON array/object literals; and the
 * path functions `length() min() max() sum() avg() first() last()`. A bare path tests that it
 * exists. For definitions written for jsonpath-plus, `.length` of an array or string and
 * `.match(/regex/)` are understood too. Anything else is a {@link FilterSyntaxError}.
 */

/** Why a filter does not parse. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
}

export type PathStep =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'match'; readonly pattern: string; readonly flags: string };

export type RelOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | 'in' | 'nin' | 'subsetof' | 'anyof' | 'noneof' | 'size' | 'empty' | 'contains';

export type Operand =
  | { readonly kind: 'path'; readonly root: '@' | '$'; readonly steps: readonly PathStep[] }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags: string };

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'exists'; readonly path: Operand & { kind: 'path' } }
  | { readonly kind: 'compare'; readonly op: RelOp; readonly left: Operand; readonly right: Operand };

const WORD_OPS = new Set(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);
const SYMBOL_OPS = ['===', '!==', '==', '!=', '<=', '>=', '=~', '<', '>'];
const FUNCTIONS = new Set(['length', 'size', 'min', 'max', 'sum', 'avg', 'first', 'last']);
const NAME_CHAR = /[^\s.[\]()=!<>~&|,'"]/;

/** Parses a filter body (the text between `?(` and `)`). Throws {@link FilterSyntaxError}. */
export function parseFilter(text: string): FilterNode {
  const p = new Parser(text);
  const node = p.or();
  p.space();
  if (!p.done()) p.fail(`unexpected '${p.rest().slice(0, 10)}'`);
  return node;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }
  rest(): string {
    return this.s.slice(this.i);
  }
  fail(why: string): never {
    throw new FilterSyntaxError(`Invalid filter '${this.s}': ${why} at position ${this.i}`);
  }
  space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  private eat(token: string): boolean {
    this.space();
    if (this.s.startsWith(token, this.i)) {
      this.i += token.length;
      return true;
    }
    return false;
  }

  or(): FilterNode {
    let left = this.and();
    while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    this.space();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.s[this.i] === '(') {
      this.i++;
      const inner = this.or();
      if (!this.eat(')')) this.fail("expected ')'");
      return inner;
    }
    return this.relation();
  }

  private relation(): FilterNode {
    const left = this.operand();
    const op = this.operator();
    if (op === undefined) {
      if (left.kind !== 'path') this.fail('a condition must test or compare a path');
      const last = left.steps[left.steps.length - 1];
      // `@.s.match(/re/)` on its own is a test, not an existence check.
      if (last?.kind === 'match') return { kind: 'compare', op: '==', left, right: { kind: 'literal', value: true } };
      return { kind: 'exists', path: left };
    }
    return { kind: 'compare', op, left, right: this.operand() };
  }

  private operator(): RelOp | undefined {
    this.space();
    for (const op of SYMBOL_OPS) {
      if (this.s.startsWith(op, this.i)) {
        this.i += op.length;
        return op === '===' ? '==' : op === '!==' ? '!=' : (op as RelOp);
      }
    }
    const m = /^[a-z]+/.exec(this.rest());
    if (m && WORD_OPS.has(m[0])) {
      this.i += m[0].length;
      return m[0] as RelOp;
    }
    return undefined;
  }

  private operand(): Operand {
    this.space();
    const c = this.s[this.i];
    if (c === '@' || c === '$') {
      this.i++;
      let root: '@' | '$' = c;
      if (c === '@' && this.s.startsWith('root', this.i)) {
        this.i += 4;
        root = '$';
      } else if (c === '@' && /^[A-Za-z]/.test(this.s[this.i] ?? '')) {
        this.fail(`'@${/^[A-Za-z]+/.exec(this.rest())![0]}' is not part of the filter language`);
      }
      return { kind: 'path', root, steps: this.steps() };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.string(c) };
    if (c === '/') return { kind: 'regex', ...this.regex() };
    if (c === '[' || c === '{') return { kind: 'literal', value: this.json() };
    const m = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(this.rest());
    if (m) {
      this.i += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.i) && !NAME_CHAR.test(this.s[this.i + word.length] ?? ' ')) {
        this.i += word.length;
        return { kind: 'literal', value };
      }
    }
    const word = /^[^\s)&|]+/.exec(this.rest())?.[0];
    // Jayway reads an unquoted word as a number and rejects the path.
    if (word) this.fail(`the unquoted word '${word}' is not a value; write a string as '${word}'`);
    return this.fail('expected a value');
  }

  private steps(): PathStep[] {
    const steps: PathStep[] = [];
    for (;;) {
      const c = this.s[this.i];
      if (c === '.') {
        this.i++;
        const start = this.i;
        while (this.i < this.s.length && NAME_CHAR.test(this.s[this.i]!)) this.i++;
        const name = this.s.slice(start, this.i);
        if (name === '') this.fail("expected a name after '.'");
        if (this.s[this.i] === '(') {
          this.i++;
          if (name === 'match') {
            this.space();
            if (this.s[this.i] !== '/') this.fail('match() takes a /regex/');
            steps.push({ kind: 'match', ...this.regex() });
          } else if (FUNCTIONS.has(name)) {
            steps.push({ kind: 'function', name: name === 'size' ? 'length' : name });
          } else {
            this.fail(`unknown function '${name}()'`);
          }
          if (!this.eat(')')) this.fail("expected ')'");
        } else {
          steps.push({ kind: 'name', name });
        }
      } else if (c === '[') {
        this.i++;
        this.space();
        const q = this.s[this.i];
        if (q === "'" || q === '"') steps.push({ kind: 'name', name: this.string(q) });
        else {
          const m = /^\d+/.exec(this.rest());
          if (!m) this.fail('expected a quoted name or an index');
          this.i += m[0].length;
          steps.push({ kind: 'index', index: Number(m[0]) });
        }
        if (!this.eat(']')) this.fail("expected ']'");
      } else {
        return steps;
      }
    }
  }

  private string(quote: string): string {
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === quote) return out;
      if (c === '\\' && this.i < this.s.length) {
        const e = this.s[this.i++]!;
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      } else out += c;
    }
    return this.fail(`unterminated string`);
  }

  private regex(): { pattern: string; flags: string } {
    const start = ++this.i;
    while (this.i < this.s.length && this.s[this.i] !== '/') this.i += this.s[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.s.length) this.fail('unterminated /regex/');
    const pattern = this.s.slice(start, this.i++);
    const flags = /^[a-z]*/.exec(this.rest())![0];
    this.i += flags.length;
    return { pattern, flags };
  }

  /** A JSON array or object literal; strings may use single quotes, as Jayway allows. */
  private json(): unknown {
    this.space();
    const c = this.s[this.i];
    if (c === '[') {
      this.i++;
      const items: unknown[] = [];
      if (this.eat(']')) return items;
      do items.push(this.json());
      while (this.eat(','));
      if (!this.eat(']')) this.fail("expected ']'");
      return items;
    }
    if (c === '{') {
      this.i++;
      const obj: Record<string, unknown> = {};
      if (this.eat('}')) return obj;
      do {
        this.space();
        const q = this.s[this.i];
        if (q !== '"' && q !== "'") this.fail('expected a quoted key');
        const key = this.string(q);
        if (!this.eat(':')) this.fail("expected ':'");
        Object.defineProperty(obj, key, { value: this.json(), enumerable: true, writable: true, configurable: true });
      } while (this.eat(','));
      if (!this.eat('}')) this.fail("expected '}'");
      return obj;
    }
    const v = this.operand();
    if (v.kind !== 'literal') this.fail('a JSON literal may hold only values');
    return v.value;
  }
}
