/**
 * The declaration outline of an emitted module: the module with what its declarations cannot
 * depend on left out, so that TypeScript's declaration emit (`ts.transpileDeclaration`) has a
 * fraction of the text to parse, bind and transform.
 *
 * The emitted sources annotate every export (as `isolatedDeclarations` requires), so a
 * declaration never depends on an initializer or a body: `export const x: T = …;` becomes
 * `export declare const x: T;`, `export function f(…): R { … }` becomes
 * `export declare function f(…): R;`, and statements that are not exported (the fast checks,
 * field tables, helpers) are left out unless they declare a type. On the 1,000-page corpus this
 * takes guards.ts from 5 MB to a few hundred KB; declarations are byte-identical either way (a
 * test compares both on every package it emits), and the caller compiles the whole module
 * whenever the outline does not compile.
 *
 * The modules are printed as prettier prints them (or formatted by it): a top-level statement
 * starts at column 0 and its other lines are indented or close a bracket; a comment block right
 * before a statement belongs to it.
 */

/** What a top-level statement's first line says it is. */
const KEEP =
  /^(?:import\b|export\s+(?:\*|\{|type\b|interface\b|enum\b|declare\b|default\b|class\b|abstract\b)|(?:declare\s+)?(?:type|interface|enum|class|abstract)\b)/;
const EXPORTED_CONST =
  /^export const ([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*): /u;
const EXPORTED_FUNCTION = /^export (?:async )?function /;
/** An export whose type TypeScript infers from its initializer (`as const` literals, numbers). */
const INFERRED_CONST = /^export const [^:=]+ = /;
const LOCAL = /^(?:const|let|var|function)\b/;

/**
 * The declaration outline of a module, or `undefined` when a statement is of a shape the outline
 * does not know (then the whole module is compiled).
 *
 * @param text
 *   The module's TypeScript source (printed as prettier prints it).
 */
export function declarationOutline(text: string): string | undefined {
  const out = outlineStatements(text, false);
  return out === undefined ? undefined : out.join('\n');
}

/**
 * The declaration file of a module, written without TypeScript, or `undefined` when a statement
 * needs TypeScript's declaration emit (an initializer whose type only the checker knows, a class
 * member of a shape not covered here). It is the outline made ambient: `as const` literals
 * become their literal types, number and string constants stay as they are, classes keep their
 * members' signatures, and imports keep only the names the declarations use. A test compares it
 * with TypeScript's declarations of the same module (same declarations and comments, printed
 * alike) on every package it emits.
 *
 * @param text
 *   The module's TypeScript source (printed as prettier prints it).
 */
export function ambientDeclarations(text: string): string | undefined {
  const out = outlineStatements(text, true);
  return out === undefined ? undefined : `${pruneImports(out).join('\n')}\n`;
}

/**
 * The outline's statements (see {@link declarationOutline}); `ambient`: made ambient as well
 * (see {@link ambientDeclarations}). `undefined` when a statement cannot be.
 */
function outlineStatements(text: string, ambient: boolean): string[] | undefined {
  const out: string[] = [];
  for (const { comment, code } of topLevelStatements(text)) {
    if (code === '') {
      out.push(comment);
      continue;
    }
    const first = code.slice(0, code.indexOf('\n') >>> 0);
    let kept: string | undefined;
    if (ambient && /^(?:export )?(?:abstract )?class\b/.test(first)) {
      kept = ambientClass(code);
      if (kept === undefined) return undefined;
    } else if (ambient && /^export enum\b/.test(first)) {
      kept = code.replace(/^export enum/, 'export declare enum');
    } else if (ambient && /^export default\b/.test(first)) return undefined;
    else if (ambient && /^(?:export )?declare namespace\b/.test(first)) {
      // Note: the members of an ambient namespace are exported without saying so.
      kept = code.replace(/^ {2}export /gm, '  ');
    } else if (KEEP.test(first)) kept = code;
    else if (INFERRED_CONST.test(first)) {
      kept = ambient ? ambientConstant(code) : code;
      if (kept === undefined) return undefined;
    } else if (EXPORTED_CONST.test(first)) {
      const head = EXPORTED_CONST.exec(first)![0];
      const type = annotation(code, head.length);
      if (type === undefined) return undefined;
      kept = `export declare const ${head.slice('export const '.length)}${type};`;
    } else if (EXPORTED_FUNCTION.test(first)) {
      const signature = functionSignature(code);
      if (signature === undefined) return undefined;
      const plain = signature.replace(EXPORTED_FUNCTION, '');
      // Note: TypeScript reads a default it is given; an ambient declaration has none.
      const declared = withoutDefaults(plain) ?? (ambient ? undefined : plain);
      if (declared === undefined) return undefined;
      kept = `export declare function ${declared};`;
    } else if (LOCAL.test(first)) kept = undefined;
    else return undefined;
    // Note: line comments (lint directives) are not declarations' documentation.
    const docs = ambient ? comment.replace(/^\/\/.*\n/gm, '') : comment;
    if (kept !== undefined) out.push(docs + kept);
  }
  return out;
}

/** `export const X = <literal>;` made ambient: a literal stays, `… as const` becomes its type. */
function ambientConstant(code: string): string | undefined {
  const match = /^export const ([^:=\s]+) = ([\s\S]*);$/.exec(code);
  if (!match) return undefined;
  const [, name, init] = match as unknown as [string, string, string];
  const number = /^-?(?:\d[\d_]*)(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(init)
    ? Number(init.replace(/_/g, ''))
    : undefined;
  if (number !== undefined && Number.isFinite(number)) {
    return `export declare const ${name} = ${String(number)};`;
  }
  if (/^'(?:[^'\\\n]|\\.)*'$|^"(?:[^"\\\n]|\\.)*"$/.test(init)) {
    return `export declare const ${name} = ${init};`;
  }
  const literal = /^([\s\S]*) as const$/.exec(init);
  if (!literal) return undefined;
  const type = constType(literal[1]!);
  return type === undefined ? undefined : `export declare const ${name}: ${type};`;
}

/**
 * The type of a literal under `as const` (objects, arrays, strings, numbers, booleans, null;
 * JSDoc before a property is kept), or `undefined` for anything else.
 *
 * @param text
 *   The literal, as printed.
 */
function constType(text: string): string | undefined {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('not a literal');
  };
  const space = (): string => {
    let doc = '';
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail();
        if (text.startsWith('/**', i)) doc = text.slice(i, end + 2);
        i = end + 2;
      } else if (text.startsWith('//', i)) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else return doc;
    }
  };
  const string = (): string => {
    const quote = text[i]!;
    let value = '';
    for (i++; i < text.length && text[i] !== quote; i++) {
      if (text[i] === '\n') fail();
      if (text[i] !== '\\') {
        value += text[i];
        continue;
      }
      const next = text[++i]!;
      const simple: Record<string, string> = {
        n: '\n',
        r: '\r',
        t: '\t',
        b: '\b',
        f: '\f',
        v: '\v',
        0: '\0',
      };
      if (next === 'u' && text[i + 1] === '{') {
        const end = text.indexOf('}', i);
        value += String.fromCodePoint(parseInt(text.slice(i + 2, end), 16));
        i = end;
      } else if (next === 'u' || next === 'x') {
        const size = next === 'u' ? 4 : 2;
        value += String.fromCharCode(parseInt(text.slice(i + 1, i + 1 + size), 16));
        i += size;
      } else if (next === '\n') continue;
      else value += simple[next] ?? next;
    }
    if (text[i] !== quote) fail();
    i++;
    return JSON.stringify(value);
  };
  const value = (indent: string): string => {
    space();
    const char = text[i];
    if (char === "'" || char === '"') return string();
    if (char === '{') {
      i++;
      const members: string[] = [];
      for (;;) {
        const doc = space();
        if (text[i] === '}') break;
        let key: string;
        if (text[i] === "'" || text[i] === '"') {
          const name = JSON.parse(string()) as string;
          key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
        } else {
          const match = /^[A-Za-z_$][\w$]*|^\d+/.exec(text.slice(i));
          if (!match) fail();
          key = match![0];
          i += key.length;
        }
        space();
        if (text[i] !== ':') fail();
        i++;
        const type = value(`${indent}    `);
        const docText = doc === '' ? '' : `${indent}    ${doc}\n`;
        members.push(`${docText}${indent}    readonly ${key}: ${type};`);
        space();
        if (text[i] === ',') i++;
      }
      i++;
      return members.length === 0 ? '{}' : `{\n${members.join('\n')}\n${indent}}`;
    }
    if (char === '[') {
      i++;
      const items: string[] = [];
      for (;;) {
        space();
        if (text[i] === ']') break;
        items.push(value(indent));
        space();
        if (text[i] === ',') i++;
      }
      i++;
      return `readonly [${items.join(', ')}]`;
    }
    const match = /^(?:-?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
    return /^-?\d/.test(match![0]) ? String(Number(match![0].replace(/_/g, ''))) : match![0];
  };
  try {
    const type = value('');
    space();
    return i === text.length ? type : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A class made ambient: `declare`, and each member's signature (methods, constructor, accessors
 * without bodies; annotated fields without initializers), or `undefined` for a member of
 * another shape (an unannotated initialized field, parameter properties, private members,
 * static blocks).
 *
 * @param code
 *   The class statement, as printed (members indented by two spaces).
 */
function ambientClass(code: string): string | undefined {
  const lines = code.split('\n');
  const open = lines.findIndex((line) => line.endsWith('{'));
  if (open < 0 || lines.at(-1) !== '}') return undefined;
  const head = lines
    .slice(0, open + 1)
    .join('\n')
    .replace(/^(export )?(abstract )?class\b/, (_, e = '', a = '') => `${e}declare ${a}class`);
  const members: string[] = [];
  let current: string[] | undefined;
  let comment: string[] = [];
  let inComment = false;
  const flush = (): boolean => {
    if (current === undefined) return true;
    const member = ambientMember(current.join('\n'));
    if (member === undefined) return false;
    members.push(...comment.map((line) => `  ${line}`), `  ${member}`);
    current = undefined;
    comment = [];
    return true;
  };
  for (const line of lines.slice(open + 1, -1)) {
    if (inComment) {
      comment.push(line.slice(2));
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (line === '') continue;
    if (/^ {2}\S/.test(line) && !/^ {2}[})\]]/.test(line)) {
      if (!flush()) return undefined;
      if (line.startsWith('  /*')) {
        comment.push(line.slice(2));
        inComment = !line.includes('*/');
        continue;
      }
      current = [line.slice(2)];
    } else if (current !== undefined) current.push(line.slice(2));
    else return undefined;
  }
  if (!flush()) return undefined;
  return `${head}\n${members.join('\n')}\n}`;
}

/** One class member made ambient (see {@link ambientClass}). */
function ambientMember(code: string): string | undefined {
  if (/^(?:private\b|#|static\s*\{)/.test(code)) return undefined;
  if (/^constructor\s*\(/.test(code) && /\b(?:private|public|protected|readonly)\s/.test(code)) {
    return undefined;
  }
  if (code.endsWith('}') && code.includes('(')) {
    const signature = functionSignature(code);
    const ambient = signature === undefined ? undefined : withoutDefaults(signature);
    return ambient === undefined ? undefined : `${ambient.replace(/^async /, '')};`;
  }
  if (!code.endsWith(';') || code.includes('\n')) return undefined;
  const field =
    /^((?:(?:public|protected|readonly|static|override|declare)\s+)*[\w$]+[?!]?): /.exec(code);
  if (!field) return undefined;
  const type = annotation(`${code.slice(0, -1)} =`, field[0].length);
  return type === undefined
    ? undefined
    : `${field[1]!.replace(/^(?:declare|override)\s+/g, '')}: ${type};`;
}

/**
 * A signature whose parameters' default values are gone (`call: T = {}` → `call?: T`), as a
 * declaration has them; `undefined` when a parameter with a default has no type annotation and
 * its default is not a plain literal.
 *
 * @param signature
 *   `name(…): R`, as {@link functionSignature} gives it.
 */
function withoutDefaults(signature: string): string | undefined {
  let out = '';
  let depth = 0;
  let start = -1;
  for (let i = 0; i < signature.length; i++) {
    const char = signature[i]!;
    if (char === "'" || char === '"' || char === '`') {
      const end = stringEnd(signature, i);
      if (end === undefined) return undefined;
      out += signature.slice(i, end + 1);
      i = end;
      continue;
    }
    if (char === '(' || char === '[' || char === '{' || char === '<') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === '>' && signature[i - 1] !== '=') depth--;
    if (depth === 1 && (char === '(' || char === ',')) {
      out += char;
      start = out.length;
      continue;
    }
    if (depth === 1 && char === '=' && signature[i + 1] !== '>' && signature[i - 1] === ' ') {
      // The parameter `name: T ` gets `?` after its name; its default is skipped.
      const parameter = out.slice(start);
      const named = /^(\s*(?:\.\.\.)?[\w$]+)(: [\s\S]*?)?\s*$/.exec(parameter);
      if (!named) return undefined;
      // Note: without an annotation, the type is the default's when it is a plain literal.
      const literal = /^\s*(?:(true|false)|(-?\d[\d_.]*)|('|"))/.exec(signature.slice(i + 1));
      const type =
        named[2] ??
        (literal?.[1]
          ? ': boolean'
          : literal?.[2]
            ? ': number'
            : literal?.[3]
              ? ': string'
              : undefined);
      if (type === undefined) return undefined;
      out = `${out.slice(0, start)}${named[1]}?${type}`;
      let inner = 0;
      for (i++; i < signature.length; i++) {
        const next = signature[i]!;
        if (next === "'" || next === '"' || next === '`')
          i = stringEnd(signature, i) ?? signature.length;
        else if (next === '(' || next === '[' || next === '{') inner++;
        else if (inner > 0 && (next === ')' || next === ']' || next === '}')) inner--;
        else if (inner === 0 && (next === ',' || next === ')')) break;
      }
      i--;
      start = -1;
      continue;
    }
    if (depth === 0) start = -1;
    out += char;
  }
  return out;
}

/**
 * Imports keep only the names the declarations use (as TypeScript's declaration emit does); an
 * import left with none goes.
 *
 * @param statements
 *   The declaration file's statements (comments included).
 */
function pruneImports(statements: readonly string[]): string[] {
  const isImport = (statement: string): boolean =>
    /^import\b/.test(statement.replace(/^\/\*[\s\S]*?\*\/\n/, ''));
  const used = new Set(
    statements
      // Note: `export { x } from '…'` re-exports without using an imported `x`.
      .filter(
        (statement) =>
          !isImport(statement) &&
          !/^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\b/.test(
            statement.replace(/^\/\*[\s\S]*?\*\/\n/, ''),
          ),
      )
      .join('\n')
      .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ')
      .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, ' ')
      // Note: outside comments and strings a non-ASCII character belongs to an identifier.
      .match(/[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g),
  );
  return statements.flatMap((statement) => {
    if (!isImport(statement)) return [statement];
    const match = /^([\s\S]*?import\s+(type\s+)?)\{([^}]*)\}(\s*from\s*[\s\S]*)$/.exec(statement);
    if (match) {
      const names = match[3]!
        .split(',')
        .map((name) => name.trim())
        .filter(
          (name) =>
            name !== '' &&
            used.has(
              name
                .split(/\s+as\s+/)
                .at(-1)!
                .replace(/^type\s+/, ''),
            ),
        );
      return names.length === 0 ? [] : [`${match[1]}{ ${names.join(', ')} }${match[4]}`];
    }
    const star = /import\s+(?:type\s+)?\*\s+as\s+([\w$]+)/.exec(statement);
    const named = /import\s+(?:type\s+)?([\w$]+)\s+from/.exec(statement);
    const local = star?.[1] ?? named?.[1];
    return local === undefined || used.has(local) ? [statement] : [];
  });
}

/** A top-level statement: the comment lines right before it, and its code. */
interface Statement {
  comment: string;
  code: string;
}

/**
 * Cut a module into its top-level statements.
 *
 * @param text
 *   The module's source.
 */
function topLevelStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let comment = '';
  let code: string[] | undefined;
  let inComment = false;
  const flush = (): void => {
    if (code === undefined) return;
    statements.push({ comment, code: code.join('\n') });
    code = undefined;
    comment = '';
  };
  for (const line of text.split('\n')) {
    if (inComment) {
      comment += `${line}\n`;
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (line === '') {
      // Note: a comment block followed by a blank line is detached: kept on its own.
      if (code === undefined && comment !== '') statements.push({ comment, code: '' });
      if (code === undefined) comment = '';
      continue;
    }
    const start = !/^[\s})\]]/.test(line);
    if (start && (line.startsWith('/*') || line.startsWith('//'))) {
      flush();
      comment += `${line}\n`;
      inComment = line.startsWith('/*') && !line.includes('*/');
      continue;
    }
    if (start) {
      flush();
      code = [line];
    } else if (code !== undefined) code.push(line);
    else return [{ comment: '', code: text }];
  }
  flush();
  if (comment !== '') statements.push({ comment, code: '' });
  return statements.map((statement) =>
    statement.code === '' ? { comment: statement.comment.replace(/\n$/, ''), code: '' } : statement,
  );
}

/**
 * The type annotation of `export const x: T = …;` from `start` (after `: `) to the ` =` that
 * ends it at bracket depth 0, or `undefined` when there is none.
 *
 * @param code
 *   The statement.
 * @param start
 *   Where the type starts.
 */
function annotation(code: string, start: number): string | undefined {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const char = code[i]!;
    if (char === "'" || char === '"' || char === '`') {
      const end = stringEnd(code, i);
      if (end === undefined) return undefined;
      i = end;
    } else if (char === '(' || char === '[' || char === '{' || char === '<') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === '>' && code[i - 1] !== '=') depth--;
    else if (char === '=' && depth === 0 && code[i + 1] !== '>') {
      const type = code.slice(start, i).trimEnd();
      return type === '' ? undefined : type;
    } else if (char === ';' && depth === 0) return undefined;
    if (depth < 0) return undefined;
  }
  return undefined;
}

/**
 * The signature of `export function f(…): R {` (without the body), or `undefined` when its end
 * is not plain (a return type with braces, a body that does not open where expected).
 *
 * @param code
 *   The statement.
 */
function functionSignature(code: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const char = code[i]!;
    if (char === "'" || char === '"' || char === '`') {
      const end = stringEnd(code, i);
      if (end === undefined) return undefined;
      i = end;
    } else if (char === '(' || char === '[' || char === '<' || (char === '{' && depth > 0)) depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === '>' && code[i - 1] !== '=') depth--;
    else if (char === '{') {
      if (code[i - 1] !== ' ') return undefined;
      const signature = code.slice(0, i).trimEnd();
      // Note: an object return type (`): { … } {`) is not plain: compile the whole module.
      return /\)(?::\s*[^\s{][^{]*)?$/.test(signature) ? signature : undefined;
    }
  }
  return undefined;
}

/**
 * Where the string literal that opens at `start` closes.
 *
 * @param code
 *   The text.
 * @param start
 *   The opening quote.
 */
function stringEnd(code: string, start: number): number | undefined {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i++) {
    const char = code[i];
    if (char === '\\') i++;
    else if (char === quote) return i;
    else if (char === '\n' && quote !== '`') return undefined;
    else if (quote === '`' && char === '$' && code[i + 1] === '{') {
      // A substitution: its expression, strings and nested templates included, up to its `}`.
      let depth = 0;
      for (i += 2; i < code.length; i++) {
        const inner = code[i]!;
        if (inner === "'" || inner === '"' || inner === '`') {
          const end = stringEnd(code, i);
          if (end === undefined) return undefined;
          i = end;
        } else if (inner === '{') depth++;
        else if (inner === '}' && depth-- === 0) break;
      }
    }
  }
  return undefined;
}
