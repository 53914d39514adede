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
  const out: string[] = [];
  for (const { comment, code } of topLevelStatements(text)) {
    if (code === '') {
      out.push(comment);
      continue;
    }
    const first = code.slice(0, code.indexOf('\n') >>> 0);
    let kept: string | undefined;
    if (KEEP.test(first) || INFERRED_CONST.test(first)) kept = code;
    else if (EXPORTED_CONST.test(first)) {
      const head = EXPORTED_CONST.exec(first)![0];
      const type = annotation(code, head.length);
      if (type === undefined) return undefined;
      kept = `export declare const ${head.slice('export const '.length)}${type};`;
    } else if (EXPORTED_FUNCTION.test(first)) {
      const signature = functionSignature(code);
      if (signature === undefined) return undefined;
      kept = `export declare function ${signature.replace(EXPORTED_FUNCTION, '')};`;
    } else if (LOCAL.test(first)) kept = undefined;
    else return undefined;
    if (kept !== undefined) out.push(comment + kept);
  }
  return out.join('\n');
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
    else if (quote === '`' && char === '$' && code[i + 1] === '{') return undefined;
  }
  return undefined;
}
