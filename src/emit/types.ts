/**
 * Emit `types.ts` of the generated package: one interface per object type, one type alias per
 * dictionary type, one enum (or literal union) per enum type, and the C# numbers of int-valued
 * enums both ways.
 *
 * Analyze then manipulate (ts-morph's performance guide): the model is first turned into plain
 * ts-morph structures, which are then added in batches (`addInterfaces`, `addTypeAliases`,
 * `addEnums`, `addVariableStatements`), each batch in model order.
 */
import type {
  EnumDeclarationStructure,
  InterfaceDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';
import type { EnumPolicy, EnumStyle, OptionalPolicy } from '../config/config.js';
import type {
  DictionaryType,
  EnumMember,
  EnumType,
  Field,
  Model,
  ModelType,
  ObjectType,
  Operation,
  Source,
  TypeRef,
} from '../model/model.js';
import { baseChain } from '../model/bases.js';
import { declaredTypeParameter } from '../model/generics.js';
import { enumWireKind, enumWireValue } from '../model/enums.js';
import {
  isIdentifierName,
  jsdocText,
  objectLiteralKey,
  propertyKey,
  stringLiteral,
  toIdentifier,
  type NamePlan,
} from './names.js';
import {
  CONST,
  printEnum,
  exprWriter,
  printInterface,
  printTypeAlias,
  typeWriter,
  printVariableStatement,
} from './print-declarations.js';
import {
  arrayType,
  intersectionType,
  numberType,
  objectType,
  stringType,
  typeRef,
  unionType,
  type TypeNode,
} from './print-types.js';
import { ModuleWriter, type Expr, type Printable, type Property } from './printer.js';

export interface TypesOptions {
  /** How Required: No fields are typed (see {@link OptionalPolicy}). */
  optional: OptionalPolicy;
  /** TypeScript enums or literal unions plus a const object. */
  enumStyle: EnumStyle;
  /** `open`: a field of an enum type also admits any other string (`E | (string & {})`). */
  enums?: EnumPolicy | undefined;
}

/** An enum member whose name had to change in the output. */
export interface MemberRename {
  /** The enum's model name. */
  type: string;
  from: string;
  to: string;
  why: string;
  source: Source;
}

export interface EmittedTypes {
  /** The TypeScript source of `types.ts` (no banner), formatted as prettier formats it. */
  text: string;
  /** True when the text may not be as prettier prints it (prettier formats it then). */
  unsure: boolean;
  /** Enum members renamed because TypeScript forbids their name. */
  renames: MemberRename[];
}

/** One enum member as emitted: the TS member name and its wire value. */
export interface EnumMemberPlan {
  member: EnumMember;
  /** The member's key in the TS enum / const object (bare or a quoted string). */
  key: string;
  /** How to reach the member from the enum: `.PCMU` or `['a-b']`. */
  access: string;
  /** The value sent on the wire: the member name, the string Value, or (flags) the number. */
  wire: string | number;
}

/** True when TypeScript reads a string as a numeric enum member name (which it forbids). */
function isNumericName(name: string): boolean {
  return name.trim() !== '' && String(Number(name)) === name;
}

/**
 * Decide the key of every enum member: bare when an identifier, a quoted string otherwise,
 * renamed (`_1`) only when TypeScript forbids the name (numeric names). Duplicates keep the first.
 *
 * @param type
 *   The enum.
 * @param renames
 *   Receives the members that had to be renamed.
 */
export function planEnumMembers(type: EnumType, renames: MemberRename[] = []): EnumMemberPlan[] {
  const seen = new Set<string>();
  const names = new Set(type.members.map((member) => member.name));
  const plans: EnumMemberPlan[] = [];
  for (const member of type.members) {
    let name = member.name;
    // Note: `__proto__` would set the prototype of the enum object instead of a member.
    if (isNumericName(name) || name === '' || name === '__proto__') {
      let to = `_${name.replace(/[^A-Za-z0-9_$]/g, '_')}`;
      while (names.has(to) || seen.has(to)) to = `${to}_`;
      renames.push({
        type: type.name,
        from: name,
        to,
        why:
          name === '__proto__'
            ? 'it would set the prototype of the enum object'
            : 'TypeScript enum members cannot have numeric names',
        source: member.source,
      });
      name = to;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    const bare = isIdentifierName(name);
    plans.push({
      member,
      key: bare ? name : stringLiteral(name),
      access: bare ? `.${name}` : `[${stringLiteral(name)}]`,
      wire: enumWireValue(type, member),
    });
  }
  return plans;
}

/** Context shared by the printers of one emit. */
interface Context {
  plan: NamePlan;
  options: TypesOptions;
  byName: Map<string, ModelType>;
}

/** The TypeScript type of a primitive (README.md, "The generated package"). */
function printPrimitive(name: string): string {
  switch (name) {
    case 'bool':
      return 'boolean';
    case 'byte':
    case 'sbyte':
    case 'short':
    case 'ushort':
    case 'int':
    case 'uint':
    case 'long':
    case 'ulong':
    case 'float':
    case 'double':
    case 'decimal':
      return 'number';
    case 'object':
      return 'unknown';
    default:
      return 'string';
  }
}

/** `string & {}`: any other string, while editors still complete the listed ones. */
const ANY_OTHER_STRING = intersectionType(typeRef('string'), objectType());

/**
 * The TypeScript type of a type expression.
 *
 * @param ref
 *   The type expression.
 * @param ctx
 *   Names and options.
 */
function printType(ref: TypeRef, ctx: Context): TypeNode {
  switch (ref.kind) {
    case 'primitive':
      return typeRef(printPrimitive(ref.name));
    case 'nullable': {
      const inner = printType(ref.type, ctx);
      return isNullable(inner) ? inner : unionType(inner, typeRef('null'));
    }
    case 'list':
      return arrayType(printType(ref.items, ctx));
    case 'keyValuePair':
      return objectType(
        { kind: 'property', key: 'key', type: printType(ref.key, ctx) },
        { kind: 'property', key: 'value', type: printType(ref.value, ctx) },
      );
    case 'dictionary':
      return printDictionary(ref.key, ref.value, ctx);
    case 'typeParameter':
      return typeRef(toIdentifier(ref.name));
    case 'literals': {
      const union =
        ref.values.length === 0
          ? typeRef('never')
          : unionType(...ref.values.map((value) => stringType(stringLiteral(value))));
      // Note: open like an open enum's field (`string & {}` keeps the values' completion).
      return ctx.options.enums === 'open' ? unionType(union, ANY_OTHER_STRING) : union;
    }
    case 'ref': {
      const id = ctx.plan.types.get(ref.name);
      const type = ctx.byName.get(ref.name);
      if (id === undefined || type === undefined) return typeRef('unknown');
      const arity = type.kind === 'object' ? type.typeParameters.length : 0;
      // Note: missing arguments fall back to the parameters' `unknown` defaults.
      const args = ref.args.slice(0, arity).map((arg) => printType(arg, ctx));
      // Note: an open enum's field admits any string; `string & {}` keeps the members' completion.
      if (isOpenStringEnum(type, ctx)) return unionType(typeRef(id), ANY_OTHER_STRING);
      return typeRef(id, ...args);
    }
  }
}

/** True for a union whose last member is `null` (`X | null` needs no second `| null`). */
function isNullable(type: TypeNode): boolean {
  const last = type.kind === 'union' ? type.types.at(-1) : undefined;
  return last?.kind === 'ref' && last.name === 'null' && last.args.length === 0;
}

/** True for an enum sent as strings under `"enums": "open"` (any other string admitted). */
function isOpenStringEnum(type: ModelType, ctx: Context): boolean {
  return type.kind === 'enum' && ctx.options.enums === 'open' && enumWireKind(type) !== 'number';
}

/** A dictionary: enum-keyed ones as `Partial<Record<Enum, V>>`, others string-keyed. */
function printDictionary(key: TypeRef, value: TypeRef, ctx: Context): TypeNode {
  const valueType = printType(value, ctx);
  if (key.kind === 'ref') {
    const keyType = ctx.byName.get(key.name);
    const id = ctx.plan.types.get(key.name);
    if (keyType?.kind === 'enum' && id !== undefined && !isOpenStringEnum(keyType, ctx)) {
      return typeRef('Partial', typeRef('Record', typeRef(id), valueType));
    }
  }
  return objectType({ kind: 'index', parameter: 'key', key: typeRef('string'), type: valueType });
}

/** The JSDoc of an operation's request type: its routes, roles and response. */
function describeOperation(operation: Operation, ctx: Context): string {
  const routes = operation.routes.map((route) => `${route.verbs.join(',')} ${route.path}`);
  const parts = [`Request of the ${operation.name} operation: ${routes.join('; ') || 'no route'}.`];
  if (operation.roles.length > 0) {
    parts.push(`Requires any of the roles: ${operation.roles.join(', ')}.`);
  }
  let text = jsdocText(parts.join(' '));
  const response = operation.response && ctx.plan.types.get(operation.response);
  // Note: the plan's names are identifiers, safe inside a JSDoc tag.
  if (response) text += ` Response: {@link ${response}}.`;
  return text;
}

/** True when a type expression carries a field's Allowable Values (a `literals` node). */
function hasLiterals(ref: TypeRef): boolean {
  if (ref.kind === 'literals') return true;
  if (ref.kind === 'nullable') return hasLiterals(ref.type);
  return ref.kind === 'list' && hasLiterals(ref.items);
}

/**
 * A property's JSDoc: its description, and its Allowable Values when its type cannot say them
 * (an `int` field's: the type stays `number`, the server checks the values).
 */
function describeField(field: Field): string {
  const values = field.allowableValues ?? [];
  if (values.length === 0 || hasLiterals(field.type)) return jsdocText(field.description);
  const listed = `Allowable values: ${values.map((value) => JSON.stringify(value)).join(', ')}.`;
  const description = field.description.trim();
  if (description === '') return jsdocText(listed);
  return jsdocText(`${description}${/[.!?]$/.test(description) ? '' : '.'} ${listed}`);
}

/** The interface of an object type. */
function buildInterface(
  type: ObjectType,
  ctx: Context,
  operation: Operation | undefined,
): OptionalKind<InterfaceDeclarationStructure> {
  const seen = new Set<string>();
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  for (const field of type.fields) {
    // Note: duplicate fields are reported by the model stage; the first one wins here.
    if (seen.has(field.wireName)) continue;
    seen.add(field.wireName);
    let type = printType(field.type, ctx);
    if (!field.required && ctx.options.optional === 'optional-or-null' && !isNullable(type)) {
      type = unionType(type, typeRef('null'));
    }
    const description = describeField(field);
    properties.push({
      name: propertyKey(field.wireName),
      type: typeWriter(type),
      hasQuestionToken: !field.required,
      docs: description === '' ? [] : [description],
    });
  }
  const base = type.base ? printBase(type, seen, ctx) : undefined;
  return {
    name: ctx.plan.types.get(type.name) ?? type.name,
    isExported: true,
    typeParameters: type.typeParameters.map((name) => ({
      name: toIdentifier(declaredTypeParameter(type, name)),
      default: 'unknown',
    })),
    extends: base === undefined ? [] : [typeWriter(base)],
    properties,
    docs: operation === undefined ? [] : [describeOperation(operation, ctx)],
  };
}

/**
 * The `extends` clause of an object type, when its whole base chain is object types of the model
 * and closes no cycle ({@link baseChain}: the guards then check the same fields). A base property the type declares again (C# `new`, often
 * with another type or optionality) is left out of the base with `Omit<Base, 'x'>`, so that the
 * interface never conflicts with its base (TS2430), whatever the two declarations say.
 *
 * @param type
 *   The object type.
 * @param own
 *   The wire names of its own properties.
 * @param ctx
 *   Names and options.
 */
function printBase(type: ObjectType, own: ReadonlySet<string>, ctx: Context): TypeNode | undefined {
  const chain = baseChain(type, (name) => ctx.byName.get(name));
  if (!chain.complete || type.base?.kind !== 'ref') return undefined;
  const shadowed = new Set<string>();
  for (const { type: base } of chain.bases) {
    for (const field of base.fields) if (own.has(field.wireName)) shadowed.add(field.wireName);
  }
  const base = printType(type.base, ctx);
  if (shadowed.size === 0) return base;
  // Note: in the order of the type's own fields, so the output follows the page.
  const keys = [...own]
    .filter((name) => shadowed.has(name))
    .map((name) => stringType(stringLiteral(name)));
  return typeRef('Omit', base, unionType(...keys));
}

/** The type alias of a named dictionary type. */
function buildDictionary(
  type: DictionaryType,
  ctx: Context,
): OptionalKind<TypeAliasDeclarationStructure> {
  return {
    name: ctx.plan.types.get(type.name) ?? type.name,
    isExported: true,
    type: typeWriter(printDictionary(type.key, type.value, ctx)),
  };
}

/** A JS literal of a wire value. */
function literal(value: string | number): Expr {
  return typeof value === 'number'
    ? { kind: 'number', value }
    : { kind: 'string', value, raw: stringLiteral(value) };
}

/** The literal type of a wire value. */
function literalType(value: string | number): TypeNode {
  return typeof value === 'number' ? numberType(value) : stringType(stringLiteral(value));
}

/** `Enum.Member`, or `Enum['member key']` (`key`: the member's key in the enum). */
function memberAccess(id: string, key: string): Expr {
  const object: Expr = { kind: 'id', name: id };
  if (!key.startsWith('"')) return { kind: 'member', object, name: key };
  return {
    kind: 'index',
    object,
    key: { kind: 'string', value: JSON.parse(key) as string, raw: key },
  };
}

/** `{ … } as const`. */
function asConst(properties: Property[]): Expr {
  return { kind: 'as', expr: { kind: 'object', properties }, type: typeRef('const') };
}

/** The enum itself: a TS enum, or a literal union plus a const object of the same name. */
function buildEnum(
  type: EnumType,
  members: EnumMemberPlan[],
  ctx: Context,
): {
  enums: OptionalKind<EnumDeclarationStructure>[];
  aliases: OptionalKind<TypeAliasDeclarationStructure>[];
  consts: OptionalKind<VariableStatementStructure>[];
} {
  const id = ctx.plan.types.get(type.name) ?? type.name;
  if (ctx.options.enumStyle === 'enum') {
    const docs = [jsdocText(describeEnum(type))];
    return {
      enums: [
        {
          name: id,
          isExported: true,
          docs,
          members: members.map(({ member, key, wire }) => {
            const text = describeMember(member);
            return {
              name: key,
              initializer: exprWriter(literal(wire)),
              docs: text === '' ? [] : [text],
            };
          }),
        },
      ],
      aliases: [],
      consts: [],
    };
  }
  // Note: a union's members have no JSDoc of their own: the type's JSDoc lists them.
  const listed = members.flatMap(({ member, key }) => {
    const text = describeMember(member);
    return text === '' ? [] : [`- ${jsdocText(key)}: ${text}`];
  });
  const docs = [[jsdocText(describeEnum(type)), ...listed].join('\n')];
  const union =
    enumWireKind(type) === 'number'
      ? typeRef('number')
      : members.length === 0
        ? typeRef('never')
        : unionType(...members.map(({ wire }) => literalType(wire)));
  return {
    enums: [],
    aliases: [{ name: id, isExported: true, docs, type: typeWriter(union) }],
    consts: [
      {
        isExported: true,
        declarationKind: CONST,
        docs,
        declarations: [
          {
            name: id,
            initializer: exprWriter(
              asConst(members.map(({ key, wire }) => ({ key, value: literal(wire) }))),
            ),
          },
        ],
      },
    ],
  };
}

/** A member's JSDoc: its label (the third column) and its description, either may be missing. */
function describeMember(member: EnumMember): string {
  const parts = [member.label, member.description]
    .map((text) => (text === undefined ? '' : jsdocText(text)))
    .filter((text) => text !== '');
  return [...new Set(parts)].join(' — ');
}

/** The enum's JSDoc: how it travels on the wire. */
function describeEnum(type: EnumType): string {
  switch (enumWireKind(type)) {
    case 'number':
      return 'Flags: sent as a number, any combination (bitwise OR) of the members.';
    case 'string':
      return 'Sent as the member values (strings).';
    default:
      return type.valueKind === 'int'
        ? 'Sent as the member names; the C# numbers are in the `…Values` / `…ByValue` maps.'
        : 'Sent as the member names.';
  }
}

/** `XValues` (name → C# number) and `XByValue` (number → member) of an int-valued enum. */
function buildValueMaps(
  type: EnumType,
  members: EnumMemberPlan[],
  ctx: Context,
): OptionalKind<VariableStatementStructure>[] {
  const id = ctx.plan.types.get(type.name) ?? type.name;
  const valued = members.filter(
    (plan): plan is EnumMemberPlan & { member: { value: number } } =>
      typeof plan.member.value === 'number',
  );
  const numbers = new Set<number>();
  const byValue: Property[] = [];
  for (const { member, key } of valued) {
    if (numbers.has(member.value)) continue;
    numbers.add(member.value);
    byValue.push({
      key: member.value < 0 ? `[${member.value}]` : String(member.value),
      value: memberAccess(id, key),
    });
  }
  const values = valued.map(({ wire, member }) => ({
    key: objectLiteralKey(String(wire)),
    value: literal(member.value),
  }));
  return [
    {
      isExported: true,
      declarationKind: CONST,
      docs: [jsdocText(`The C# number of each ${id} member, by its wire name.`)],
      declarations: [{ name: valueMapNames(id).values, initializer: exprWriter(asConst(values)) }],
    },
    {
      isExported: true,
      declarationKind: CONST,
      docs: [jsdocText(`The ${id} member of each C# number.`)],
      declarations: [
        {
          name: valueMapNames(id).byValue,
          type: typeWriter(
            objectType({
              kind: 'index',
              readonly: true,
              parameter: 'value',
              key: typeRef('number'),
              type: unionType(typeRef(id), typeRef('undefined')),
            }),
          ),
          initializer: exprWriter({ kind: 'object', properties: byValue }),
        },
      ],
    },
  ];
}

/** The names of an int-valued enum's number maps. */
export function valueMapNames(id: string): { values: string; byValue: string } {
  return { values: `${id}Values`, byValue: `${id}ByValue` };
}

/** True when an enum gets `…Values` / `…ByValue` maps: int-valued, not flags. */
export function hasValueMaps(type: ModelType): type is EnumType {
  return type.kind === 'enum' && type.valueKind === 'int' && !type.flags;
}

/**
 * Emit the source of `types.ts`.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of every type.
 * @param options
 *   Optional policy and enum style.
 */
export function emitTypes(model: Model, plan: NamePlan, options: TypesOptions): EmittedTypes {
  const ctx = contextOf(model, plan, options);
  const requests = new Map(model.operations.map((op) => [op.request, op]));
  const renames: MemberRename[] = [];

  const interfaces: OptionalKind<InterfaceDeclarationStructure>[] = [];
  const aliases: OptionalKind<TypeAliasDeclarationStructure>[] = [];
  const enums: OptionalKind<EnumDeclarationStructure>[] = [];
  const consts: OptionalKind<VariableStatementStructure>[] = [];
  const emitted = new Set<string>();
  for (const type of model.types) {
    // Note: `name-conflict` is reported by the model stage; the first definition wins here.
    if (emitted.has(type.name)) continue;
    emitted.add(type.name);
    if (type.kind === 'object') interfaces.push(buildInterface(type, ctx, requests.get(type.name)));
    else if (type.kind === 'dictionary') aliases.push(buildDictionary(type, ctx));
    else {
      const members = planEnumMembers(type, renames);
      const built = buildEnum(type, members, ctx);
      enums.push(...built.enums);
      aliases.push(...built.aliases);
      consts.push(...built.consts);
      if (hasValueMaps(type)) consts.push(...buildValueMaps(type, members, ctx));
    }
  }

  // Note: printed straight from the structures (no source file to parse and edit), one batch
  // per kind of declaration, the batches a blank line apart; interfaces and enums a blank line
  // apart too, aliases and constants line after line (as ts-morph writes them).
  const out = new ModuleWriter();
  const batch = <S>(
    structures: S[],
    print: (structure: S) => Printable,
    blankLines: boolean,
  ): void =>
    structures.forEach((structure, index) =>
      out.statement(print(structure), index === 0 || blankLines),
    );
  batch(interfaces, printInterface, true);
  batch(aliases, printTypeAlias, false);
  batch(enums, printEnum, true);
  batch(consts, printVariableStatement, false);
  const text = out.toString();
  // Note: a model without types still gives a module (index.ts re-exports it; TS2306 otherwise).
  return { text: text === '' ? 'export {};\n' : text, renames, unsure: out.unsure };
}

/**
 * A printer of type expressions as `types.ts` writes them, as trees, for the modules that refer
 * to its types (`QueryResponse<Customer>`, `EndpointInfo[]`). The model's types are indexed once
 * for all the expressions it prints.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types.
 * @param options
 *   Optional policy and enum style.
 */
export function typeRefNodes(
  model: Model,
  plan: NamePlan,
  options: TypesOptions,
): (ref: TypeRef) => TypeNode {
  const ctx = contextOf(model, plan, options);
  return (ref) => printType(ref, ctx);
}

/** What printing a model's types needs: its names, the options, its types by name. */
function contextOf(model: Model, plan: NamePlan, options: TypesOptions): Context {
  return { plan, options, byName: new Map(model.types.map((t) => [t.name, t])) };
}
