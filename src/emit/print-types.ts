/**
 * Type expressions as the emitters describe them (`X | null`, `Partial<Record<E, V>>`,
 * `{ [key: string]: V }`…): one small tree, printed flat ({@link typeText}, for names in
 * messages and the README) or as a prettier doc laid out the way prettier lays the same type out
 * ({@link typeDoc}: the groups, indents and line breaks of prettier's estree printer for that
 * construct, see `prettier.__debug.printToDoc`).
 *
 * ```ts
 * typeText(union([typeRef('Struct'), typeRef('null')])); // 'Struct | null'
 * ```
 */
import { builders } from 'prettier/doc';
import { printKey, printString } from './print-literals.js';

type Doc = builders.Doc;

const { group, indent, line, softline, ifBreak, align, join } = builders;

/** A type expression. */
export type TypeNode =
  /** A keyword, a name or a generic: `string`, `dto.Tag`, `Partial<Record<E, V>>`. */
  | { kind: 'ref'; name: string; args: readonly TypeNode[] }
  /** A string literal type, as written (`"a"`, JSON escapes). */
  | { kind: 'string'; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'union'; types: readonly TypeNode[] }
  | { kind: 'intersection'; types: readonly TypeNode[] }
  | { kind: 'array'; items: TypeNode }
  /** A type literal: `{ key: K; value: V }`, `{ [key: string]: V }`, `{}`. */
  | { kind: 'object'; members: readonly TypeMember[] }
  /** `T['key']`. */
  | { kind: 'indexed'; object: TypeNode; index: TypeNode }
  | { kind: 'keyof'; type: TypeNode }
  /** `typeof name`. */
  | { kind: 'typeof'; name: string }
  | { kind: 'function'; parameters: readonly TypeParameter[]; returns: TypeNode };

/** A member of a type literal: a property (its key as written) or an index signature. */
export type TypeMember =
  | { kind: 'property'; key: string; optional?: boolean; type: TypeNode }
  | { kind: 'index'; readonly?: boolean; parameter: string; key: TypeNode; type: TypeNode };

/** A parameter of a function type. */
export interface TypeParameter {
  name: string;
  type: TypeNode;
}

/** `name` or `name<args>`. */
export function typeRef(name: string, ...args: TypeNode[]): TypeNode {
  return { kind: 'ref', name, args };
}

/** A string literal type (`'a'`), from the literal as written (`stringLiteral(value)`). */
export function stringType(raw: string): TypeNode {
  return { kind: 'string', raw };
}

export function numberType(value: number): TypeNode {
  return { kind: 'number', value };
}

/** `A | B | C`; unions among the types are flattened, as TypeScript parses `(A | B) | C`. */
export function unionType(...types: TypeNode[]): TypeNode {
  const flat = types.flatMap((type) => (type.kind === 'union' ? type.types : [type]));
  return flat.length === 1 ? flat[0]! : { kind: 'union', types: flat };
}

export function intersectionType(...types: TypeNode[]): TypeNode {
  return { kind: 'intersection', types };
}

export function arrayType(items: TypeNode): TypeNode {
  return { kind: 'array', items };
}

export function objectType(...members: TypeMember[]): TypeNode {
  return { kind: 'object', members };
}

export function indexedType(object: TypeNode, index: TypeNode): TypeNode {
  return { kind: 'indexed', object, index };
}

export function functionType(parameters: TypeParameter[], returns: TypeNode): TypeNode {
  return { kind: 'function', parameters, returns };
}

/** TypeScript's keyword types (prettier prints them as keywords, not as names). */
const KEYWORDS = new Set([
  'any',
  'bigint',
  'boolean',
  'never',
  'null',
  'number',
  'object',
  'string',
  'symbol',
  'undefined',
  'unknown',
  'void',
]);

const isKeyword = (type: TypeNode): boolean =>
  type.kind === 'ref' && type.args.length === 0 && KEYWORDS.has(type.name);

/**
 * The type as one line: the text `types.ts` has always written for it (an array of a text with
 * `|` or `&` in parentheses), for messages and the README; prettier's layout is {@link typeDoc}'s.
 *
 * @param type
 *   The type.
 */
export function typeText(type: TypeNode): string {
  switch (type.kind) {
    case 'ref':
      return type.args.length === 0
        ? type.name
        : `${type.name}<${type.args.map(typeText).join(', ')}>`;
    case 'string':
      return type.raw;
    case 'number':
      return String(type.value);
    case 'union':
      return type.types
        .map((member) => (needsParensInUnion(member) ? `(${typeText(member)})` : typeText(member)))
        .join(' | ');
    case 'intersection':
      return type.types.map(typeText).join(' & ');
    case 'array': {
      const items = typeText(type.items);
      return /[|&]/.test(items) ? `(${items})[]` : `${items}[]`;
    }
    case 'object':
      return type.members.length === 0 ? '{}' : `{ ${type.members.map(memberText).join('; ')} }`;
    case 'indexed':
      return `${typeText(type.object)}[${typeText(type.index)}]`;
    case 'keyof':
      return `keyof ${typeText(type.type)}`;
    case 'typeof':
      return `typeof ${type.name}`;
    case 'function':
      return `(${type.parameters.map((p) => `${p.name}: ${typeText(p.type)}`).join(', ')}) => ${typeText(type.returns)}`;
  }
}

function memberText(member: TypeMember): string {
  if (member.kind === 'property') {
    return `${member.key}${member.optional === true ? '?' : ''}: ${typeText(member.type)}`;
  }
  return `${member.readonly === true ? 'readonly ' : ''}[${member.parameter}: ${typeText(member.key)}]: ${typeText(member.type)}`;
}

const needsParensInUnion = (type: TypeNode): boolean =>
  type.kind === 'intersection' || type.kind === 'function';

/**
 * Where a type stands, for prettier's rules that depend on the parent: a union breaks as
 * `| A | B` lines indented under an annotation, right after `=` in an alias, unindented as a
 * type argument, in parentheses as an array's items.
 */
export type TypePlace = 'annotation' | 'alias' | 'argument' | 'other';

/**
 * Prettier's `shouldHugUnionType`: one object-like member (a type literal or a named type) and
 * only `null` / `void` besides (`Struct | null`), printed on one line whatever its width.
 */
function isHuggedUnion(types: readonly TypeNode[]): boolean {
  const objectLike = types.filter(
    (type) => type.kind === 'object' || (type.kind === 'ref' && !isKeyword(type)),
  );
  return (
    objectLike.length >= 1 &&
    types.every(
      (type) =>
        type === objectLike[0] ||
        (type.kind === 'ref' && (type.name === 'null' || type.name === 'void')),
    )
  );
}

/** Prettier's `shouldHugType` for a lone type argument: a keyword, a plain name, a type literal. */
function isHuggedArgument(type: TypeNode): boolean {
  if (type.kind === 'ref') return type.args.length === 0;
  if (type.kind === 'object') return true;
  if (type.kind === 'union') return isHuggedUnion(type.types);
  return false;
}

/**
 * The doc of a type, as prettier prints it.
 *
 * @param type
 *   The type.
 * @param place
 *   Where it stands (see {@link TypePlace}).
 */
export function typeDoc(type: TypeNode, place: TypePlace = 'other'): Doc {
  switch (type.kind) {
    case 'ref':
      return type.args.length === 0 ? type.name : [type.name, typeArgumentsDoc(type.args)];
    case 'string':
      return printString(type.raw);
    case 'number':
      return String(type.value);
    case 'union':
      return unionDoc(type.types, place);
    case 'intersection':
      return group(
        join(
          ' & ',
          type.types.map((member) => typeDoc(member)),
        ),
      );
    case 'array': {
      const items = type.items;
      if (items.kind === 'union' && !isHuggedUnion(items.types)) {
        return [
          '(',
          group([indent([softline, unionDoc(items.types, 'argument')]), softline]),
          ')',
          '[]',
        ];
      }
      const doc = typeDoc(items);
      return items.kind === 'union' || needsParensInUnion(items)
        ? ['(', doc, ')', '[]']
        : [doc, '[]'];
    }
    case 'object':
      return objectTypeDoc(type.members);
    case 'indexed':
      return [typeDoc(type.object), '[', typeDoc(type.index), ']'];
    case 'keyof':
      return ['keyof ', typeDoc(type.type)];
    case 'typeof':
      return ['typeof ', type.name];
    case 'function':
      return group([
        type.parameters.length === 0
          ? '()'
          : [
              '(',
              indent([
                softline,
                join(
                  [',', line],
                  type.parameters.map((p) => [p.name, ': ', typeDoc(p.type, 'annotation')]),
                ),
              ]),
              ifBreak(','),
              softline,
              ')',
            ],
        ' => ',
        typeDoc(type.returns),
      ]);
  }
}

/** Prettier's union: `A | B` on one line, else one `| member` per line. */
function unionDoc(types: readonly TypeNode[], place: TypePlace): Doc {
  const printed = types.map((member) => {
    const doc = typeDoc(member);
    return needsParensInUnion(member) ? ['(', doc, ')'] : doc;
  });
  if (isHuggedUnion(types)) return join(' | ', printed);
  const parts = group(
    printed.map((doc, index) => [index === 0 ? ifBreak('| ') : [line, '| '], align(2, doc)]),
  );
  return place === 'alias' || place === 'argument' ? parts : group(indent([softline, parts]));
}

/** `<A, B>`: hugged when one simple argument, else a group that breaks one argument per line. */
function typeArgumentsDoc(args: readonly TypeNode[]): Doc {
  if (args.length === 1 && isHuggedArgument(args[0]!)) {
    return ['<', typeDoc(args[0]!, 'argument'), '>'];
  }
  return group([
    '<',
    indent([
      softline,
      join(
        [',', line],
        args.map((arg) => typeDoc(arg, 'argument')),
      ),
    ]),
    softline,
    '>',
  ]);
}

/** A type literal: `{ a: A; b: B }` on one line, else one member per line with `;`. */
function objectTypeDoc(members: readonly TypeMember[]): Doc {
  if (members.length === 0) return '{}';
  const printed = members.map((member, index) => [
    typeMemberDoc(member),
    index < members.length - 1 ? [';', line] : ifBreak(';'),
  ]);
  return group(['{', indent([line, printed]), line, '}']);
}

function typeMemberDoc(member: TypeMember): Doc {
  if (member.kind === 'property') {
    return group([
      printKey(member.key).doc,
      member.optional === true ? '?' : '',
      ': ',
      typeDoc(member.type, 'annotation'),
    ]);
  }
  return group([
    member.readonly === true ? 'readonly ' : '',
    '[',
    group([indent([softline, member.parameter, ': ', typeDoc(member.key)]), softline]),
    ']: ',
    typeDoc(member.type, 'annotation'),
  ]);
}

/** True for a union prettier breaks as `| A` lines when long (not hugged as `Struct | null`). */
export function isBrokenUnion(type: TypeNode): boolean {
  return type.kind === 'union' && !isHuggedUnion(type.types);
}
