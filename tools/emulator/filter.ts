/**
 * The small AIP-160 subset the Chat API accepts in `filter` and `query` parameters:
 * comparisons `field op value`, AND, OR (OR binds tighter than AND, as AIP-160 says), and parentheses.
 */

import { invalidArgument } from './errors';

export type Operator = '=' | '!=' | ':' | '>' | '>=' | '<' | '<=';
export interface Comparison {
  kind: 'cmp';
  field: string;
  op: Operator;
  value: string;
}
export interface Junction {
  kind: 'and' | 'or';
  items: Expr[];
}
export type Expr = Comparison | Junction;

type Token = { type: 'word' | 'string' | 'op' | 'lparen' | 'rparen'; text: string };

function tokenize(source: string, what: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', text: ch });
      i++;
    } else if (ch === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0) throw invalidArgument(`Invalid ${what}: unterminated string`);
      tokens.push({ type: 'string', text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      const op = /^(!=|>=|<=|=|:|>|<)/.exec(source.slice(i));
      if (op) {
        tokens.push({ type: 'op', text: op[0] });
        i += op[0].length;
        continue;
      }
      const word = /^[A-Za-z0-9_.\-/]+/.exec(source.slice(i));
      if (!word) throw invalidArgument(`Invalid ${what}: unexpected character '${ch}'`);
      tokens.push({ type: 'word', text: word[0] });
      i += word[0].length;
    }
  }
  return tokens;
}

/** Parses a filter expression; throws INVALID_ARGUMENT on syntax errors. */
export function parseFilter(source: string, what = 'filter'): Expr {
  const tokens = tokenize(source, what);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (message: string): never => {
    throw invalidArgument(`Invalid ${what} "${source}": ${message}`);
  };

  const parseAnd = (): Expr => {
    const items = [parseOr()];
    while (peek()?.type === 'word' && peek()?.text === 'AND') {
      pos++;
      items.push(parseOr());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'and', items };
  };
  const parseOr = (): Expr => {
    const items = [parsePrimary()];
    while (peek()?.type === 'word' && peek()?.text === 'OR') {
      pos++;
      items.push(parsePrimary());
    }
    return items.length === 1 ? (items[0] as Expr) : { kind: 'or', items };
  };
  const parsePrimary = (): Expr => {
    const token = tokens[pos++];
    if (!token) return fail('expected a condition');
    if (token.type === 'lparen') {
      const inner = parseAnd();
      if (tokens[pos++]?.type !== 'rparen') fail('missing ")"');
      return inner;
    }
    if (token.type !== 'word' || token.text === 'AND' || token.text === 'OR') return fail(`unexpected "${token.text}"`);
    const op = tokens[pos++];
    if (op?.type !== 'op') return fail(`expected an operator after "${token.text}"`);
    const value = tokens[pos++];
    if (!value || (value.type !== 'string' && value.type !== 'word'))
      return fail(`expected a value after "${op.text}"`);
    return { kind: 'cmp', field: token.text, op: op.text as Operator, value: value.text };
  };

  if (tokens.length === 0) fail('empty');
  const expr = parseAnd();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]?.text}"`);
  return expr;
}

export function comparisons(expr: Expr): Comparison[] {
  return expr.kind === 'cmp' ? [expr] : expr.items.flatMap(comparisons);
}

/** Top-level conjuncts: the conditions every match must satisfy. */
export function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'and' ? expr.items : [expr];
}

export function evaluate(expr: Expr, test: (cmp: Comparison) => boolean): boolean {
  if (expr.kind === 'cmp') return test(expr);
  return expr.kind === 'and' ? expr.items.every((e) => evaluate(e, test)) : expr.items.some((e) => evaluate(e, test));
}
