/**
 * Print ts-morph's declaration structures already formatted as prettier leaves them: each
 * structure becomes a statement for `ModuleWriter` ({@link Printable}): the doc prettier's estree
 * printer builds for the declaration it describes (interfaces, property and method signatures,
 * type aliases, enums, `const` statements, classes with a constructor and methods, functions,
 * imports and exports), laid out by prettier's doc printer, and for interfaces, enums and
 * `const` literals a direct layout to the same text (members flat on their line when they fit;
 * literals by print-layout.ts), which spares the doc printer where the layout is plain.
 *
 * A structure's types, initializers and statements are ts-morph writer functions made by
 * {@link typeWriter}, {@link exprWriter} and {@link stmtWriter}: they write the code flat when
 * ts-morph prints the structure (`printStructure`), and carry its tree (print-types.ts,
 * printer.ts) for the layout here. A plain string is taken as written: a name or keyword type,
 * or a statement already formatted. JSDoc texts are made safe for a comment (`jsdocText`).
 *
 * ```ts
 * out.statement(printInterface({
 *   name: 'Tag',
 *   isExported: true,
 *   properties: [{ name: 'id', hasQuestionToken: true, type: typeWriter(typeRef('string')) }],
 * }));
 * // export interface Tag {
 * //   id?: string;
 * // }
 * ```
 */
import type CodeBlockWriter from 'code-block-writer';
import { builders, printer } from 'prettier/doc';
import type {
  ClassDeclarationStructure,
  ConstructorDeclarationStructure,
  EnumDeclarationStructure,
  EnumMemberStructure,
  ExportDeclarationStructure,
  ExportSpecifierStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  ImportSpecifierStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  TypeParameterDeclarationStructure,
  VariableDeclarationKind,
  VariableStatementStructure,
  WriterFunction,
} from 'ts-morph';
import {
  chooseLayout,
  exprDoc,
  flatText,
  jsdocDoc,
  jsdocLines,
  PRINT_WIDTH,
  specifiersDoc,
  stmtDoc,
  variableDoc,
  type Expr,
  type Printable,
  type Stmt,
} from './printer.js';
import { LiteralLayout, layoutAt } from './print-layout.js';
import { isUnsure, printKey, printString } from './print-literals.js';
import { isBrokenUnion, typeDoc, typeText, type TypeNode } from './print-types.js';

type Doc = builders.Doc;

const { group, indent, line, softline, hardline, ifBreak, indentIfBreak, join } = builders;

/** ts-morph's `VariableDeclarationKind.Const` (its value: this module loads no ts-morph). */
export const CONST = 'const' as VariableDeclarationKind.Const;

/** A writer function that writes a type and carries it (see the module's overview). */
export type TypeWriter = WriterFunction & { readonly typeNode: TypeNode };

/** A writer function that writes an expression and carries it. */
export type ExprWriter = WriterFunction & { readonly expr: Expr };

/** A writer function that writes a statement and carries it. */
export type StmtWriter = WriterFunction & { readonly stmt: Stmt };

/** The code of a doc printed on as few lines as it has hard breaks (for `printStructure`). */
function flat(doc: Doc): string {
  return printer.printDocToString(doc, { printWidth: Infinity, tabWidth: 2, useTabs: false })
    .formatted;
}

/** A ts-morph writer function of a type, for a structure's `type`, `returnType`, `extends`… */
export function typeWriter(node: TypeNode): TypeWriter {
  return Object.assign((writer: CodeBlockWriter) => void writer.write(typeText(node)), {
    typeNode: node,
  });
}

/** A ts-morph writer function of an expression, for a structure's `initializer`. */
export function exprWriter(expr: Expr): ExprWriter {
  return Object.assign((writer: CodeBlockWriter) => void writer.write(flat(exprDoc(expr))), {
    expr,
  });
}

/** A ts-morph writer function of a statement, for a structure's `statements`. */
export function stmtWriter(stmt: Stmt): StmtWriter {
  return Object.assign((writer: CodeBlockWriter) => void writer.write(flat(stmtDoc(stmt))), {
    stmt,
  });
}

/** True for text prettier measures by its length (printable ASCII). */
const isPlainText = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

/** A name, keyword, dotted name or array of one: prettier prints it as it is. */
const ATOM = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\])*$/;

/** A structure's value that is a type: its tree, or a plain name. */
function typeOf(value: string | WriterFunction, place: 'annotation' | 'other' = 'other'): Doc {
  if (typeof value === 'string') {
    if (!ATOM.test(value))
      throw new TypeError(`print-declarations: type ${value} (use typeWriter)`);
    return value;
  }
  if ('typeNode' in value) return typeDoc(value.typeNode as TypeNode, place);
  throw new TypeError('print-declarations: a type writer without its tree (use typeWriter)');
}

/** The expression of a structure's initializer (a plain string must be a name). */
function initializerExpr(value: string | WriterFunction): Expr {
  if (typeof value === 'string') {
    if (!ATOM.test(value)) throw new TypeError(`print-declarations: initializer ${value}`);
    return { kind: 'id', name: value };
  }
  if ('expr' in value) return value.expr as Expr;
  throw new TypeError(
    'print-declarations: an initializer writer without its tree (use exprWriter)',
  );
}

/** JSDoc comments, each followed by a line break (ts-morph's `docs`: strings only). */
function docsDoc(docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined): Doc {
  return (docs ?? []).map((text) => {
    if (typeof text !== 'string') throw new TypeError('print-declarations: JSDoc structures');
    // Note: prettier reads other line breaks than `\n` as lines of the comment of their own.
    if (/[\r\u2028\u2029]/.test(text))
      throw new TypeError('print-declarations: docs not made safe');
    return [jsdocDoc(text), hardline];
  });
}

/** `export ` when the structure says so. */
const exported = (structure: { isExported?: boolean }): string =>
  structure.isExported === true ? 'export ' : '';

/** ` extends T` or ` = T` of a type parameter (the type moves to the next line when too long). */
function assignedType(operator: string, type: string | WriterFunction | undefined): Doc {
  if (type === undefined) return '';
  const id = Symbol('type');
  return [operator, group(indent(line), { id }), indentIfBreak(typeOf(type), { groupId: id })];
}

/** Type parameters of a declaration: `<T = unknown>`, a group that breaks one per line. */
function typeParametersDoc(
  parameters: readonly (string | OptionalKind<TypeParameterDeclarationStructure>)[] | undefined,
): Doc {
  if (parameters === undefined || parameters.length === 0) return '';
  const printed = parameters.map((parameter) => {
    if (typeof parameter === 'string') return group(parameter);
    return group([
      parameter.name,
      assignedType(' extends', parameter.constraint),
      assignedType(' =', parameter.default),
    ]);
  });
  return group(['<', indent([softline, join([',', line], printed)]), ifBreak(','), softline, '>']);
}

/** A block of members: `{}` when empty, else one member per line (`blank` between them). */
function blockDoc(members: readonly Doc[], blank = false): Doc {
  if (members.length === 0) return '{}';
  return [
    '{',
    indent([hardline, join(blank ? [hardline, hardline] : hardline, [...members])]),
    hardline,
    '}',
  ];
}

/** Parameters of a function or method: `(a: A, b?: B)`, breaking one per line. */
function parametersDoc(
  parameters: readonly OptionalKind<ParameterDeclarationStructure>[] | undefined,
): Doc {
  if (parameters === undefined || parameters.length === 0) return '()';
  const printed = parameters.map((parameter) => [
    parameter.name,
    parameter.hasQuestionToken === true ? '?' : '',
    parameter.type === undefined ? '' : [': ', typeOf(parameter.type, 'annotation')],
  ]);
  return ['(', indent([softline, join([',', line], printed)]), ifBreak(','), softline, ')'];
}

/** `: T` after a signature, or nothing. */
function returnTypeDoc(returnType: string | WriterFunction | undefined): Doc {
  return returnType === undefined ? '' : [': ', typeOf(returnType)];
}

/** A body of statements (`{ … }`): trees laid out, strings written as they are (formatted). */
function bodyDoc(
  statements:
    | string
    | WriterFunction
    | readonly (string | WriterFunction | StatementStructures)[]
    | undefined,
): Doc {
  const list =
    statements === undefined ? [] : typeof statements === 'object' ? statements : [statements];
  const printed = list.map((statement): Doc => {
    if (typeof statement === 'string') return join(hardline, statement.split('\n'));
    if (typeof statement === 'function' && 'stmt' in statement)
      return stmtDoc(statement.stmt as Stmt);
    throw new TypeError('print-declarations: a statement that is no string or stmtWriter');
  });
  if (printed.length === 0) return '{}';
  return ['{', indent([hardline, join(hardline, printed)]), hardline, '}'];
}

/** A member of a block: its JSDoc texts and its line (or lines, when broken). */
interface Member {
  docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined;
  line: Doc;
}

/** A property signature: `key?: Type;`. */
function propertySignatureDoc(property: OptionalKind<PropertySignatureStructure>): Member {
  return {
    docs: property.docs,
    line: [
      group([
        property.isReadonly === true ? 'readonly ' : '',
        printKey(property.name).doc,
        property.hasQuestionToken === true ? '?' : '',
        property.type === undefined ? '' : [': ', typeOf(property.type, 'annotation')],
      ]),
      ';',
    ],
  };
}

/** A method signature: `key(a: A, b?: B): R;`. */
function methodSignatureDoc(method: OptionalKind<MethodSignatureStructure>): Member {
  return {
    docs: method.docs,
    line: [
      group([
        printKey(method.name, true).doc,
        method.hasQuestionToken === true ? '?' : '',
        parametersDoc(method.parameters),
        method.returnType === undefined ? '' : group(returnTypeDoc(method.returnType)),
      ]),
      ';',
    ],
  };
}

/** The JSDoc lines of a member or statement. */
function docsLines(docs: Member['docs']): string[] {
  return (docs ?? []).flatMap((text) => {
    if (typeof text !== 'string') throw new TypeError('print-declarations: JSDoc structures');
    return jsdocLines(text);
  });
}

/**
 * A declaration with a block of members, laid out directly: the head on one line, each member
 * flat on its line when it fits, else by the doc printer (undefined: the head does not fit).
 */
function blockText(
  docs: Member['docs'],
  head: Doc,
  members: readonly Member[],
  separator: string,
): { text: string; unsure: boolean } | undefined {
  const headText = flatText(head, PRINT_WIDTH - 1);
  if (headText === undefined || !isPlainText(headText)) return undefined;
  const lines = docsLines(docs);
  if (members.length === 0) return { text: [...lines, `${headText}{}`].join('\n'), unsure: false };
  lines.push(`${headText}{`);
  let unsure = false;
  for (const member of members) {
    for (const entry of docsLines(member.docs)) lines.push(`  ${entry}`);
    let text = flatText(member.line, PRINT_WIDTH - 2 - separator.length);
    if (text === undefined || !isPlainText(text)) {
      text = layoutAt(member.line, 2, 2, separator.length);
      // Note: only a key beyond ASCII is marked unsure (print-literals.ts).
      if (!isPlainText(text) && isUnsure(member.line)) unsure = true;
    }
    lines.push(`  ${text}${separator}`);
  }
  lines.push('}');
  return { text: lines.join('\n'), unsure };
}

/** The doc of an interface (properties, then methods). */
export function printInterface(structure: OptionalKind<InterfaceDeclarationStructure>): Printable {
  const bases =
    structure.extends === undefined
      ? []
      : typeof structure.extends === 'function'
        ? [structure.extends]
        : structure.extends;
  if (bases.length > 1) throw new TypeError('print-declarations: an interface with several bases');
  const head: Doc = [
    exported(structure),
    'interface ',
    structure.name,
    typeParametersDoc(structure.typeParameters),
    bases.length === 1 ? [' extends ', typeOf(bases[0]!)] : '',
    ' ',
  ];
  const members = [
    ...(structure.properties ?? []).map(propertySignatureDoc),
    ...(structure.methods ?? []).map(methodSignatureDoc),
  ];
  return {
    doc: () => [
      docsDoc(structure.docs),
      head,
      blockDoc(members.map((member) => [docsDoc(member.docs), member.line])),
    ],
    text: () => blockText(structure.docs, head, members, ''),
  };
}

/** The doc of a type alias: a broken union starts on the next line, as `| A` lines. */
export function printTypeAlias(structure: OptionalKind<TypeAliasDeclarationStructure>): Printable {
  const left = group(['type ', structure.name, typeParametersDoc(structure.typeParameters)]);
  const type = structure.type;
  const node =
    typeof type === 'function' && 'typeNode' in type ? (type.typeNode as TypeNode) : undefined;
  let rhs: Doc;
  if (node !== undefined && isBrokenUnion(node)) {
    rhs = group(indent([line, typeDoc(node, 'alias')]));
  } else {
    const id = Symbol('assignment');
    rhs = [group(indent(line), { id }), indentIfBreak(typeOf(type), { groupId: id })];
  }
  return {
    doc: () => [docsDoc(structure.docs), exported(structure), group([left, ' =', rhs]), ';'],
  };
}

/** An enum member: `Key = 'value'`. */
function enumMemberDoc(member: OptionalKind<EnumMemberStructure>): Member {
  const value =
    member.initializer !== undefined
      ? exprDoc(initializerExpr(member.initializer))
      : member.value === undefined
        ? undefined
        : typeof member.value === 'number'
          ? String(member.value)
          : printString(JSON.stringify(member.value));
  return {
    docs: member.docs,
    line: [printKey(member.name).doc, value === undefined ? '' : [' = ', value]],
  };
}

/** The doc of an enum (ts-morph writes one member per line, which prettier keeps). */
export function printEnum(structure: OptionalKind<EnumDeclarationStructure>): Printable {
  const members = (structure.members ?? []).map(enumMemberDoc);
  const head: Doc = [
    exported(structure),
    structure.isConst === true ? 'const ' : '',
    'enum ',
    structure.name,
    ' ',
  ];
  return {
    doc: () => [
      docsDoc(structure.docs),
      head,
      members.length === 0
        ? '{}'
        : group(
            [
              '{',
              indent([
                line,
                join(
                  [',', line],
                  members.map((member) => [docsDoc(member.docs), member.line]),
                ),
              ]),
              ifBreak(','),
              line,
              '}',
            ],
            { shouldBreak: true },
          ),
    ],
    text: () => blockText(structure.docs, head, members, ','),
  };
}

/** The doc of a variable statement of one declaration: `const name: Type = value;`. */
export function printVariableStatement(
  structure: OptionalKind<VariableStatementStructure>,
): Printable {
  if (structure.declarations.length !== 1) {
    throw new TypeError('print-declarations: a variable statement of several declarations');
  }
  const declaration = structure.declarations[0]!;
  const left: Doc =
    declaration.type === undefined
      ? declaration.name
      : [declaration.name, ': ', typeOf(declaration.type, 'annotation')];
  const kind = structure.declarationKind ?? 'let';
  if (declaration.initializer === undefined) {
    return { doc: () => [docsDoc(structure.docs), exported(structure), kind, ' ', left, ';'] };
  }
  const init = initializerExpr(declaration.initializer);
  return {
    doc: () => [docsDoc(structure.docs), exported(structure), variableDoc(kind, left, init)],
    text: () => {
      // Note: a literal on the right stays after ` = ` when `name: Type = {` fits on the line.
      const target = init.kind === 'as' ? init.expr : init;
      const literal =
        (target.kind === 'object' && target.properties.length > 0) ||
        (target.kind === 'array' && target.items.length > 0);
      if (!literal || chooseLayout(left, init, { declaration: true }) !== 'fluid') return undefined;
      const leftText = flatText([exported(structure), kind, ' ', left, ' = {'], PRINT_WIDTH);
      if (leftText === undefined || !isPlainText(leftText)) return undefined;
      const prefix = leftText.slice(0, -1);
      const literals = new LiteralLayout();
      const value = literals.expr(init, 0, prefix.length, 1);
      return {
        text: [...docsLines(structure.docs), `${prefix}${value};`].join('\n'),
        unsure: literals.unsure,
      };
    },
  };
}

/** A constructor of a class. */
function constructorDoc(ctor: OptionalKind<ConstructorDeclarationStructure>): Doc {
  return [
    docsDoc(ctor.docs),
    'constructor',
    group(parametersDoc(ctor.parameters)),
    ' ',
    bodyDoc(ctor.statements),
  ];
}

/** A method of a class. */
function methodDoc(method: OptionalKind<MethodDeclarationStructure>): Doc {
  return [
    docsDoc(method.docs),
    method.isStatic === true ? 'static ' : '',
    printKey(method.name).doc,
    group([parametersDoc(method.parameters), returnTypeDoc(method.returnType)]),
    ' ',
    bodyDoc(method.statements),
  ];
}

/** The doc of a class: constructors, then methods, a blank line apart (as ts-morph writes them). */
export function printClass(structure: OptionalKind<ClassDeclarationStructure>): Printable {
  if (structure.extends !== undefined || (structure.properties ?? []).length > 0) {
    throw new TypeError('print-declarations: a class with a base or properties');
  }
  return {
    doc: () => [
      docsDoc(structure.docs),
      exported(structure),
      'class ',
      structure.name ?? '',
      typeParametersDoc(structure.typeParameters),
      ' ',
      blockDoc(
        [
          ...(structure.ctors ?? []).map(constructorDoc),
          ...(structure.methods ?? []).map(methodDoc),
        ],
        true,
      ),
    ],
  };
}

/** The doc of a function declaration. */
export function printFunction(structure: OptionalKind<FunctionDeclarationStructure>): Printable {
  return {
    doc: () => [
      docsDoc(structure.docs),
      exported(structure),
      'function ',
      structure.name ?? '',
      typeParametersDoc(structure.typeParameters),
      group([parametersDoc(structure.parameters), returnTypeDoc(structure.returnType)]),
      ' ',
      bodyDoc(structure.statements),
    ],
  };
}

/** The specifiers of an import or export, as printed (`name`, `type name`, `a as b`). */
function specifierNames(
  specifiers: readonly (
    | string
    | OptionalKind<ImportSpecifierStructure>
    | OptionalKind<ExportSpecifierStructure>
    | WriterFunction
  )[],
): string[] {
  return specifiers.map((specifier) => {
    if (typeof specifier === 'string') return specifier;
    if (typeof specifier === 'function')
      throw new TypeError('print-declarations: specifier writers');
    return `${specifier.isTypeOnly === true ? 'type ' : ''}${specifier.name}${specifier.alias === undefined ? '' : ` as ${specifier.alias}`}`;
  });
}

/** The doc of an import declaration (named or namespace). */
export function importDoc(structure: OptionalKind<ImportDeclarationStructure>): Doc {
  return printImport(structure).doc();
}

/** An import declaration (named or namespace). */
export function printImport(structure: OptionalKind<ImportDeclarationStructure>): Printable {
  const named = Array.isArray(structure.namedImports) ? structure.namedImports : [];
  const clause: Doc =
    structure.namespaceImport !== undefined
      ? `* as ${structure.namespaceImport}`
      : specifiersDoc(specifierNames(named));
  return {
    doc: () => [
      structure.isTypeOnly === true ? 'import type ' : 'import ',
      clause,
      ' from ',
      printString(JSON.stringify(structure.moduleSpecifier)),
      ';',
    ],
  };
}

/** The doc of an export declaration (`export *`, or named). */
export function printExport(structure: OptionalKind<ExportDeclarationStructure>): Printable {
  const named = Array.isArray(structure.namedExports) ? structure.namedExports : [];
  const from =
    structure.moduleSpecifier === undefined
      ? ''
      : [' from ', printString(JSON.stringify(structure.moduleSpecifier))];
  return {
    doc: () => [
      structure.isTypeOnly === true ? 'export type ' : 'export ',
      named.length === 0 ? '*' : specifiersDoc(specifierNames(named)),
      from,
      ';',
    ],
  };
}
