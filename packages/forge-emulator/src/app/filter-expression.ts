/**
 * The subset of Jira expressions a trigger `filter.expression` may use on the emulator: `event`,
 * member access (`.x`, `?.x`, `[i]`), string/number/boolean/null literals, array literals,
 * `! - == != < <= > >= && || + - * / % ?:`, `.length`, string methods (`includes`, `startsWith`,
 * `endsWith`, `toLowerCase`, `toUpperCase`, `trim`), list methods (`includes`, `indexOf`, and
 * `some`/`every`/`filter`/`map` with `x => expr`). Anything else is a syntax error at manifest load.
 */
export type Expr =
  | { t: 'lit'; v: unknown }
  | { t: 'id'; name: string }
  | { t: 'arr'; items: Expr[] }
  | { t: 'get'; obj: Expr; key: Expr; optional: boolean }
  | { t: 'call'; obj: Expr; method: string; args: Expr[]; optional: boolean }
  | { t: 'arrow'; param: string; body: Expr }
  | { t: 'un'; op: string; x: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'if'; c: Expr; a: Expr; b: Expr };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_$][\w$]*)|(\?\.|=>|==|!=|<=|>=|&&|\|\||[-+*/%!<>?:.,()[\]]))/y;
const BINARY: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** Parses `src`; throws a SyntaxError naming the offending position. */
export function parseFilterExpression(src: string): Expr {
  const tokens: Array<{ kind: 'num' | 'str' | 'id' | 'op'; text: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.trimEnd().length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (m === null) throw new SyntaxError(`unsupported character at ${at}: '${src.slice(at, at + 10)}'`);
    const [, num, str, id, op] = m;
    if (num !== undefined) tokens.push({ kind: 'num', text: num });
    else if (str !== undefined) tokens.push({ kind: 'str', text: str });
    else if (id !== undefined) tokens.push({ kind: 'id', text: id });
    else tokens.push({ kind: 'op', text: op ?? '' });
  }
  let i = 0;
  const peek = (text?: string): boolean => tokens[i] !== undefined && (text === undefined || (tokens[i]?.kind === 'op' && tokens[i]?.text === text));
  const expect = (text: string): void => {
    if (!peek(text)) throw new SyntaxError(`expected '${text}' at token ${i} of '${src}'`);
    i++;
  };
  const list = (close: string): Expr[] => {
    const items: Expr[] = [];
    while (!peek(close)) {
      items.push(expr(0));
      if (!peek(close)) expect(',');
    }
    expect(close);
    return items;
  };
  const primary = (): Expr => {
    const tok = tokens[i++];
    if (tok === undefined) throw new SyntaxError(`unexpected end of '${src}'`);
    if (tok.kind === 'num') return { t: 'lit', v: Number(tok.text) };
    if (tok.kind === 'str') return { t: 'lit', v: tok.text.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (tok.kind === 'id') {
      if (tok.text === 'true' || tok.text === 'false') return { t: 'lit', v: tok.text === 'true' };
      if (tok.text === 'null') return { t: 'lit', v: null };
      if (peek('=>')) {
        i++;
        return { t: 'arrow', param: tok.text, body: expr(0) };
      }
      return { t: 'id', name: tok.text };
    }
    if (tok.text === '(') {
      const e = expr(0);
      expect(')');
      return e;
    }
    if (tok.text === '[') return { t: 'arr', items: list(']') };
    if (tok.text === '!' || tok.text === '-') return { t: 'un', op: tok.text, x: postfix(primary()) };
    throw new SyntaxError(`unexpected '${tok.text}' in '${src}'`);
  };
  const postfix = (base: Expr): Expr => {
    let e = base;
    for (;;) {
      if (peek('.') || peek('?.')) {
        const optional = tokens[i++]?.text === '?.';
        const name = tokens[i++];
        if (name?.kind !== 'id') throw new SyntaxError(`expected a property name after '.' in '${src}'`);
        if (peek('(')) {
          i++;
          e = { t: 'call', obj: e, method: name.text, args: list(')'), optional };
        } else e = { t: 'get', obj: e, key: { t: 'lit', v: name.text }, optional };
      } else if (peek('[')) {
        i++;
        const key = expr(0);
        expect(']');
        e = { t: 'get', obj: e, key, optional: false };
      } else return e;
    }
  };
  const expr = (min: number): Expr => {
    let left = postfix(primary());
    for (;;) {
      const op = tokens[i];
      if (op?.kind !== 'op') break;
      if (op.text === '?' && min === 0) {
        i++;
        const a = expr(0);
        expect(':');
        left = { t: 'if', c: left, a, b: expr(0) };
        continue;
      }
      const prec = BINARY[op.text];
      if (prec === undefined || prec <= min) break;
      i++;
      left = { t: 'bin', op: op.text, a: left, b: expr(prec) };
    }
    return left;
  };
  const root = expr(0);
  if (i < tokens.length) throw new SyntaxError(`unexpected '${tokens[i]?.text ?? ''}' in '${src}'`);
  return root;
}
