/**
 * Type expressions: the Data Type column of a ServiceStack metadata page, read into a
 * {@link TypeRef} tree.
 *
 * The cells are C# type names as ServiceStack prints them, e.g.
 *
 * ```text
 * TagIds | body | List<string> | No | …
 * Data   | body | Struct       | No | …
 * ```
 *
 * Grammar (whitespace is allowed around every token):
 *
 * ```text
 * type   = name [ "<" type { "," type } ">" ] { "?" | "[" "]" }
 * name   = identifier { "." identifier }
 * ```
 *
 * C# keywords and their CLR spellings (`int`, `Int32`, `System.Int32`) become primitives,
 * `T?` / `Nullable<T>` nullable, the collection interfaces and `T[]` lists (`byte[]` and
 * `char[]` stay primitives: they are strings on the wire), the dictionary family dictionaries.
 * Every other name is a `ref`; deciding whether a ref is a type parameter is the inferer's job.
 */
import type { PrimitiveName, TypeRef } from './model.js';

export type TypeExpressionResult =
  { ok: true; type: TypeRef } | { ok: false; reason: string; offset: number };

/** A `ref` node of a {@link TypeRef} tree. */
export type RefNode = Extract<TypeRef, { kind: 'ref' }>;

/** C# keywords, CLR names and other spellings of the primitives (without `System.`). */
const PRIMITIVES: ReadonlyMap<string, PrimitiveName> = new Map<string, PrimitiveName>([
  ['string', 'string'],
  ['String', 'string'],
  ['bool', 'bool'],
  ['Boolean', 'bool'],
  ['byte', 'byte'],
  ['Byte', 'byte'],
  ['sbyte', 'sbyte'],
  ['SByte', 'sbyte'],
  ['short', 'short'],
  ['Int16', 'short'],
  ['ushort', 'ushort'],
  ['UInt16', 'ushort'],
  ['int', 'int'],
  ['Int32', 'int'],
  ['uint', 'uint'],
  ['UInt32', 'uint'],
  ['long', 'long'],
  ['Int64', 'long'],
  ['ulong', 'ulong'],
  ['UInt64', 'ulong'],
  ['float', 'float'],
  ['Single', 'float'],
  ['double', 'double'],
  ['Double', 'double'],
  ['decimal', 'decimal'],
  ['Decimal', 'decimal'],
  ['char', 'char'],
  ['Char', 'char'],
  ['DateTime', 'DateTime'],
  ['DateTimeOffset', 'DateTimeOffset'],
  ['DateOnly', 'DateOnly'],
  ['TimeOnly', 'TimeOnly'],
  ['TimeSpan', 'TimeSpan'],
  ['Guid', 'Guid'],
  ['Uri', 'Uri'],
  ['object', 'object'],
  ['Object', 'object'],
]);

/** Generic collections read as a JSON array. */
const LIST_NAMES = new Set([
  'List',
  'IList',
  'ICollection',
  'IEnumerable',
  'IReadOnlyList',
  'IReadOnlyCollection',
  'Collection',
  'ReadOnlyCollection',
  'HashSet',
  'ISet',
  'SortedSet',
  'LinkedList',
  'Queue',
  'Stack',
]);

/** Generic dictionaries read as a JSON object. */
const DICTIONARY_NAMES = new Set([
  'Dictionary',
  'IDictionary',
  'IReadOnlyDictionary',
  'SortedDictionary',
  'SortedList',
  'ConcurrentDictionary',
  'ReadOnlyDictionary',
]);

const OBJECT: TypeRef = { kind: 'primitive', name: 'object' };

/**
 * The non-generic collections of `System.Collections`: `IDictionary`, `Hashtable` (a JSON
 * object of anything) and `IList`, `ArrayList`, … (a JSON array of anything).
 */
const UNTYPED_COLLECTIONS: ReadonlyMap<string, TypeRef> = new Map<string, TypeRef>([
  [
    'IDictionary',
    { kind: 'dictionary', key: { kind: 'primitive', name: 'string' }, value: OBJECT },
  ],
  ['Hashtable', { kind: 'dictionary', key: { kind: 'primitive', name: 'string' }, value: OBJECT }],
  ['IList', { kind: 'list', items: OBJECT }],
  ['ICollection', { kind: 'list', items: OBJECT }],
  ['IEnumerable', { kind: 'list', items: OBJECT }],
  ['ArrayList', { kind: 'list', items: OBJECT }],
]);

/** The number of type arguments each known generic takes. */
function knownArity(name: string): number | undefined {
  if (name === 'Nullable' || LIST_NAMES.has(name)) return 1;
  if (name === 'KeyValuePair' || DICTIONARY_NAMES.has(name)) return 2;
  return undefined;
}

type TokenKind = 'identifier' | 'punctuation' | 'end';

interface Token {
  kind: TokenKind;
  /** The token's text (`''` for the end). */
  text: string;
  /** 0-based index of the token in the expression. */
  offset: number;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const WHITESPACE = /\s*/y;

/** Thrown inside the parser only; {@link parseTypeExpression} turns it into a result. */
class TypeSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

/** Describe a token for a message: `` `x` `` or `end of type`. */
function describe(token: Token): string {
  return token.kind === 'end' ? 'end of type' : '`' + token.text + '`';
}

/**
 * Split an expression into identifiers, single-character punctuation and a final `end` token.
 * Unknown characters become punctuation tokens, so the parser reports them where they are.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (true) {
    WHITESPACE.lastIndex = index;
    WHITESPACE.exec(text);
    index = WHITESPACE.lastIndex;
    if (index >= text.length) break;
    IDENTIFIER.lastIndex = index;
    const match = IDENTIFIER.exec(text);
    if (match) {
      tokens.push({ kind: 'identifier', text: match[0], offset: index });
      index = IDENTIFIER.lastIndex;
    } else {
      const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
      tokens.push({ kind: 'punctuation', text: char, offset: index });
      index += char.length;
    }
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

/** A recursive-descent parser over the tokens of one expression. */
class Parser {
  private index = 0;
  /** How many `<` are open, to say what may follow a type. */
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    // The `end` token is always last, and the parser never moves past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private fail(token: Token, expected: string): never {
    throw new TypeSyntaxError(`Unexpected ${describe(token)}, expected ${expected}`, token.offset);
  }

  private isPunctuation(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.text === text;
  }

  /** What may follow a complete type here: `suffixes` and then `,`, `>` or the end. */
  private afterType(suffixes: string): string {
    return this.depth > 0 ? `${suffixes}, \`,\` or \`>\`` : `${suffixes} or end of type`;
  }

  /** The whole expression: one type and nothing after it. */
  parseAll(): TypeRef {
    const type = this.parseType();
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(rest, this.afterType('`?`, `[]`'));
    return type;
  }

  /** `name [<args>] { ? | [] }`. */
  parseType(): TypeRef {
    const name = this.parseName();
    let type: TypeRef;
    if (this.isPunctuation('<')) {
      const open = this.next();
      const args = this.parseArguments(name);
      type = this.applyGeneric(name, args, open);
    } else {
      type = this.applyPlain(name);
    }
    return this.parseSuffixes(type);
  }

  /** `identifier { . identifier }`; `System.` prefixes are dropped. */
  private parseName(): string {
    const first = this.next();
    if (first.kind !== 'identifier') this.fail(first, 'a type name');
    const parts = [first.text];
    while (this.isPunctuation('.')) {
      this.next();
      const part = this.next();
      if (part.kind !== 'identifier') this.fail(part, 'a type name after `.`');
      parts.push(part.text);
    }
    // `System.Int32`, `System.Collections.Generic.List`: the framework's own namespaces.
    return parts[0] === 'System' && parts.length > 1 ? parts[parts.length - 1]! : parts.join('.');
  }

  /** The type arguments after `<`, up to and including `>`, checked against known arities. */
  private parseArguments(name: string): TypeRef[] {
    const arity = knownArity(name);
    const args: TypeRef[] = [];
    this.depth++;
    while (true) {
      const start = this.peek();
      const arg = this.parseType();
      if (name === 'Nullable' && arg.kind === 'nullable') {
        throw new TypeSyntaxError(
          'Unexpected nullable type argument, expected a type that is not nullable',
          start.offset,
        );
      }
      args.push(arg);
      const token = this.peek();
      const more = arity === undefined || args.length < arity;
      const done = arity === undefined || args.length === arity;
      const expected =
        arity === undefined
          ? '`,` or `>`'
          : more
            ? `\`,\` (\`${name}\` takes ${arity} type arguments)`
            : `\`>\` (\`${name}\` takes ${arity} type argument${arity === 1 ? '' : 's'})`;
      if (token.kind === 'punctuation' && token.text === ',' && more) {
        this.next();
        continue;
      }
      if (token.kind === 'punctuation' && token.text === '>' && done) {
        this.next();
        this.depth--;
        return args;
      }
      this.fail(token, expected);
    }
  }

  /** A generic name with its arguments. */
  private applyGeneric(name: string, args: TypeRef[], open: Token): TypeRef {
    const [a, b] = args;
    if (PRIMITIVES.has(name)) this.fail(open, this.afterType('`?`, `[]`'));
    if (name === 'Nullable' && a) return { kind: 'nullable', type: a };
    if (LIST_NAMES.has(name) && a) return { kind: 'list', items: a };
    if (DICTIONARY_NAMES.has(name) && a && b) return { kind: 'dictionary', key: a, value: b };
    if (name === 'KeyValuePair' && a && b) return { kind: 'keyValuePair', key: a, value: b };
    return { kind: 'ref', name, args };
  }

  /** A name without arguments: a primitive or a ref (known generics need their arguments). */
  private applyPlain(name: string): TypeRef {
    const primitive = PRIMITIVES.get(name);
    if (primitive) return { kind: 'primitive', name: primitive };
    const untyped = UNTYPED_COLLECTIONS.get(name);
    if (untyped) return untyped;
    const arity = knownArity(name);
    if (arity !== undefined) {
      this.fail(
        this.peek(),
        `\`<\` (\`${name}\` takes ${arity} type argument${arity === 1 ? '' : 's'})`,
      );
    }
    return { kind: 'ref', name, args: [] };
  }

  /** `?` and `[]` after a type, applied left to right (`int?[]` is a list of `int?`). */
  private parseSuffixes(type: TypeRef): TypeRef {
    let result = type;
    while (true) {
      const token = this.peek();
      if (this.isPunctuation('?')) {
        if (result.kind === 'nullable') this.fail(token, this.afterType('`[]`'));
        this.next();
        result = { kind: 'nullable', type: result };
      } else if (this.isPunctuation('[')) {
        this.next();
        const close = this.next();
        if (close.kind !== 'punctuation' || close.text !== ']') this.fail(close, '`]`');
        result = arrayOf(result);
      } else {
        return result;
      }
    }
  }
}

/** `T[]`: a list, except `byte[]` and `char[]`, which are (base64 / text) strings. */
function arrayOf(type: TypeRef): TypeRef {
  if (type.kind === 'primitive' && (type.name === 'byte' || type.name === 'char')) {
    return { kind: 'primitive', name: type.name === 'byte' ? 'byte[]' : 'char[]' };
  }
  return { kind: 'list', items: type };
}

/**
 * Parse a Data Type cell.
 *
 * @param text
 *   The cell text, e.g. `Dictionary<string, List<int?>>`.
 * @returns
 *   The type, or the reason (phrased "Unexpected `x`, expected y") and the 0-based offset in
 *   `text` of the problem.
 */
export function parseTypeExpression(text: string): TypeExpressionResult {
  try {
    return { ok: true, type: new Parser(tokenize(text)).parseAll() };
  } catch (error) {
    if (error instanceof TypeSyntaxError) {
      return { ok: false, reason: error.reason, offset: error.offset };
    }
    throw error;
  }
}

/**
 * Print a type as canonical C#-like text, which {@link parseTypeExpression} reads back into
 * the same tree (lists print as `List<T>`, nullables as `T?`).
 *
 * @param type
 *   The type.
 */
export function formatTypeRef(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'nullable':
      return type.type.kind === 'nullable'
        ? `Nullable<${formatTypeRef(type.type)}>`
        : `${formatTypeRef(type.type)}?`;
    case 'list':
      return `List<${formatTypeRef(type.items)}>`;
    case 'dictionary':
      return `Dictionary<${formatTypeRef(type.key)}, ${formatTypeRef(type.value)}>`;
    case 'keyValuePair':
      return `KeyValuePair<${formatTypeRef(type.key)}, ${formatTypeRef(type.value)}>`;
    case 'ref':
      return type.args.length === 0
        ? type.name
        : `${type.name}<${type.args.map(formatTypeRef).join(', ')}>`;
    case 'typeParameter':
      return type.name;
    case 'literals':
      // Note: the C# type of a field restricted to its Allowable Values.
      return 'string';
  }
}

/**
 * The names of every `ref` node, depth-first, left to right (a ref before its arguments),
 * duplicates kept.
 *
 * @param type
 *   The type.
 */
export function collectRefNames(type: TypeRef): string[] {
  const names: string[] = [];
  visitTypeRef(type, (node) => {
    if (node.kind === 'ref') names.push(node.name);
  });
  return names;
}

/**
 * Call `fn` on a type and every type inside it (arguments, items, keys, values), depth first.
 *
 * @param type
 *   The type.
 * @param fn
 *   Called once per node.
 */
export function visitTypeRef(type: TypeRef, fn: (node: TypeRef) => void): void {
  fn(type);
  switch (type.kind) {
    case 'primitive':
    case 'typeParameter':
    case 'literals':
      return;
    case 'nullable':
      visitTypeRef(type.type, fn);
      return;
    case 'list':
      visitTypeRef(type.items, fn);
      return;
    case 'dictionary':
    case 'keyValuePair':
      visitTypeRef(type.key, fn);
      visitTypeRef(type.value, fn);
      return;
    case 'ref':
      for (const arg of type.args) visitTypeRef(arg, fn);
      return;
  }
}

/**
 * Rebuild a type, replacing its refs.
 *
 * A ref's arguments are mapped first; `fn` then gets the ref with the mapped arguments, and its
 * result is used as is (it is not mapped again, so replacing `T` by `List<T>` terminates).
 *
 * @param type
 *   The type (not changed).
 * @param fn
 *   The replacement of one ref; return the ref itself to keep it.
 */
export function mapRefs(type: TypeRef, fn: (ref: RefNode) => TypeRef): TypeRef {
  switch (type.kind) {
    case 'primitive':
    case 'typeParameter':
    case 'literals':
      return type;
    case 'nullable':
      return { kind: 'nullable', type: mapRefs(type.type, fn) };
    case 'list':
      return { kind: 'list', items: mapRefs(type.items, fn) };
    case 'dictionary':
    case 'keyValuePair':
      return { kind: type.kind, key: mapRefs(type.key, fn), value: mapRefs(type.value, fn) };
    case 'ref':
      return fn({ kind: 'ref', name: type.name, args: type.args.map((arg) => mapRefs(arg, fn)) });
  }
}
