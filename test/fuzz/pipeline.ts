/**
 * Run pages through parse + model and check what must hold for ANY page, broken or not.
 */
import { VFile } from 'vfile';
import type { DtoforgeConfig } from '../../src/config/config.js';
import { RULES, type RuleId } from '../../src/diagnostics.js';
import { buildModel } from '../../src/model/index.js';
import type { Model, ModelType, TypeRef } from '../../src/model/model.js';
import { readPage } from '../../src/parse/index.js';

/** One page run through parse and model. */
export interface PageRun {
  file: VFile;
  model: Model;
  errors: number;
  /** What broke an invariant (empty when all is well). */
  problems: string[];
}

/**
 * Parse and infer one page; an exception is caught and returned as a problem.
 *
 * @param pages
 *   Path and text of each page.
 * @param config
 *   The resolved config.
 */
export function runPages(
  pages: readonly { path: string; text: string }[],
  config: DtoforgeConfig,
): { files: VFile[]; model: Model; errors: number; problems: string[] } {
  const files = pages.map((page) => new VFile({ path: page.path, value: page.text }));
  let model: Model = { operations: [], types: [] };
  const problems: string[] = [];
  try {
    model = buildModel(
      files.map((file) => ({ page: readPage(file), file })),
      config,
    );
  } catch (error) {
    problems.push(
      `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  files.forEach((file, i) => problems.push(...checkMessages(file, pages[i]?.text ?? '')));
  const errors = files.reduce(
    (sum, file) => sum + file.messages.filter((message) => message.fatal === true).length,
    0,
  );
  if (problems.length === 0) problems.push(...checkModel(model, errors === 0));
  return { files, model, errors, problems };
}

/**
 * Parse and infer one page.
 *
 * @param path
 *   The page's path (its stem may name the request).
 * @param text
 *   The page.
 * @param config
 *   The resolved config.
 */
export function runPage(path: string, text: string, config: DtoforgeConfig): PageRun {
  const { files, model, errors, problems } = runPages([{ path, text }], config);
  return { file: files[0]!, model, errors, problems };
}

/** Every message: a known rule, our source, the rule's severity, a place inside the page. */
export function checkMessages(file: VFile, text: string): string[] {
  const problems: string[] = [];
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const message of file.messages) {
    const rule = message.ruleId as RuleId | undefined;
    if (!rule || !(rule in RULES)) {
      problems.push(`message without a known rule id: ${String(message)}`);
      continue;
    }
    if (message.source !== 'dtoforge') problems.push(`message source ${message.source}`);
    const severity = RULES[rule].severity;
    const fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
    if (message.fatal !== fatal) problems.push(`${rule}: fatal ${message.fatal} for ${severity}`);
    if (typeof message.reason !== 'string' || message.reason === '')
      problems.push(`${rule}: empty reason`);
    const place = message.place;
    const points = !place ? [] : 'start' in place ? [place.start, place.end] : [place];
    for (const point of points) {
      if (
        !Number.isInteger(point.line) ||
        point.line < 1 ||
        point.line > lineCount + 1 ||
        !Number.isInteger(point.column) ||
        point.column < 1
      ) {
        problems.push(
          `${rule}: place ${JSON.stringify(point)} outside the page (${lineCount} lines)`,
        );
      }
    }
  }
  return problems;
}

/** Every `ref` in a type expression. */
function refsOf(type: TypeRef, out: Extract<TypeRef, { kind: 'ref' }>[] = []): typeof out {
  switch (type.kind) {
    case 'nullable':
      refsOf(type.type, out);
      break;
    case 'list':
      refsOf(type.items, out);
      break;
    case 'dictionary':
    case 'keyValuePair':
      refsOf(type.key, out);
      refsOf(type.value, out);
      break;
    case 'ref':
      out.push(type);
      for (const arg of type.args) refsOf(arg, out);
      break;
    default:
      break;
  }
  return out;
}

/** The type expressions a model type holds. */
export function typeRefsOf(type: ModelType): TypeRef[] {
  if (type.kind === 'object')
    return [...type.fields.map((field) => field.type), ...(type.base ? [type.base] : [])];
  if (type.kind === 'dictionary') return [type.key, type.value];
  return [];
}

/**
 * The model is plain JSON; with no error diagnostics, every reference resolves and names are
 * unique (an unknown type must be a diagnostic, never a silent dangling name).
 */
export function checkModel(model: Model, clean: boolean): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(model);
  if (JSON.stringify(JSON.parse(json)) !== json) problems.push('model is not plain JSON');
  if (!clean) return problems;
  const names = new Map<string, ModelType>();
  for (const type of model.types) {
    if (names.has(type.name)) problems.push(`type \`${type.name}\` defined twice with no error`);
    names.set(type.name, type);
  }
  for (const type of model.types) {
    for (const ref of typeRefsOf(type).flatMap((t) => refsOf(t))) {
      if (!names.has(ref.name))
        problems.push(
          `\`${type.name}\` references \`${ref.name}\`, which is not in the model, with no error`,
        );
    }
  }
  for (const operation of model.operations) {
    if (!names.has(operation.request))
      problems.push(`operation request \`${operation.request}\` not in the model`);
    if (operation.response !== undefined && !names.has(operation.response))
      problems.push(`operation response \`${operation.response}\` not in the model`);
  }
  return problems;
}

/** Count messages by rule id into `counts`. */
export function countRules(files: readonly VFile[], counts: Map<string, number>): void {
  for (const file of files)
    for (const message of file.messages) {
      const rule = message.ruleId ?? '(none)';
      counts.set(rule, (counts.get(rule) ?? 0) + 1);
    }
}
