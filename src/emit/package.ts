/**
 * The package around the code: package.json, README.md, tsconfig.json and the entry module, from
 * the real files in `templates/` (no logic in the templates: they are read, merged or have their
 * `{{slots}}` filled here).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ExportDeclarationStructure, OptionalKind } from 'ts-morph';
import type { DtoforgeConfig, PackageConfig } from '../config/config.js';
import type { Model } from '../model/model.js';
import type { NamePlan } from './names.js';
import type { OperationPlan } from './operations.js';
import {
  CONST,
  printExport,
  exprWriter,
  printImport,
  printVariableStatement,
} from './print-declarations.js';
import { jsonExpr, ModuleWriter } from './printer.js';
import { describeClientExamples, describeUsageExamples } from './readme-clients.js';
import {
  describeEnums,
  describeGuardOptions,
  describeOperations,
  describePolicy,
  describeTypes,
  describeValueMaps,
  mdText,
} from './readme.js';

/** The folder of the templates (`templates/` at the package root, from `src/emit` or `dist/emit`). */
const TEMPLATES = new URL('../../templates/', import.meta.url);

/**
 * Read one template file.
 *
 * @param name
 *   Its path inside `templates/`.
 */
export async function readTemplate(name: string): Promise<string> {
  return readFile(new URL(name, TEMPLATES), 'utf8');
}

/** Templates read by {@link readTemplateSync}, by name (they do not change during a run). */
const templateCache = new Map<string, string>();

/**
 * Read one template file synchronously, once per process (for the sources, which are emitted
 * synchronously).
 *
 * @param name
 *   Its path inside `templates/`.
 */
export function readTemplateSync(name: string): string {
  let text = templateCache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(name, TEMPLATES), 'utf8');
    templateCache.set(name, text);
  }
  return text;
}

/**
 * Replace every `{{slot}}` of a template; unknown slots are left as they are.
 *
 * @param template
 *   The template's text.
 * @param slots
 *   Slot name → text.
 */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(slots, name) ? (slots[name] ?? whole) : whole,
  );
}

/**
 * The package.json: the config's package block, then the skeleton's `type`, `exports`, `files`…
 *
 * @param pkg
 *   The config's package block.
 * @param base
 *   The text of `templates/package.base.json`.
 */
export function buildPackageJson(pkg: PackageConfig, base: string): string {
  const skeleton = JSON.parse(base) as Record<string, unknown>;
  return JSON.stringify({
    name: pkg.name,
    version: pkg.version,
    ...(pkg.description === undefined ? {} : { description: pkg.description }),
    ...(pkg.license === undefined ? {} : { license: pkg.license }),
    ...skeleton,
  });
}

/**
 * The folders that let Node 10-style resolvers (which ignore `exports`) find the package's
 * subpath entries: `client/package.json` points at the CommonJS build of `./client`, for every
 * subpath of the skeleton's `exports` map that has a `require` condition.
 *
 * @param base
 *   The text of `templates/package.base.json`.
 * @returns
 *   `{ path, content }` of each folder's package.json.
 */
export function buildSubpathStubs(base: string): { path: string; content: string }[] {
  const exportsMap = (JSON.parse(base) as { exports?: Record<string, unknown> }).exports ?? {};
  return Object.entries(exportsMap).flatMap(([subpath, target]) => {
    const require = (target as { require?: { types?: string; default?: string } } | null)?.require;
    if (subpath === '.' || require?.default === undefined || require.types === undefined) return [];
    const folder = subpath.replace(/^\.\//, '');
    return [
      {
        path: `${folder}/package.json`,
        content: JSON.stringify({
          main: `.${require.default}`,
          types: `.${require.types}`,
        }),
      },
    ];
  });
}

/** A package name whose every use in the README prettier leaves as it is (npm's characters). */
const PLAIN_PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9.-]*\/)?[a-z0-9][a-z0-9.-]*$/;

/**
 * The README: the skeleton's slots filled with the operations, types, enums and policy, printed
 * as prettier prints Markdown. `formatted` is false when a part may not be as prettier prints it
 * (an unusual package name, a code example beyond what readme-code.ts knows): the README then
 * goes through prettier.
 */
export function buildReadme(
  model: Model,
  plan: NamePlan,
  config: DtoforgeConfig,
  skeleton: string,
  operations: readonly OperationPlan[] = [],
): { text: string; formatted: boolean } {
  const example = pickExample(model, plan);
  const name = config.package.name;
  const clients = describeClientExamples(operations, name);
  const usage = describeUsageExamples(example, name);
  const valueMaps = describeValueMaps(model, plan, name);
  const text = fillTemplate(skeleton, {
    usageExample: usage.guards,
    schemaExample: usage.schema,
    fetchExample: clients.fetch,
    servicestackExample: clients.servicestack,
    openapiExample: clients.openapi,
    name,
    description: mdText(config.package.description ?? ''),
    is: example.is,
    policy: describePolicy(config),
    ...describeGuardOptions(config, readTemplateSync('runtime.ts')),
    operations: describeOperations(model, plan),
    types: describeTypes(model, plan),
    enums: describeEnums(model, plan),
    valueMaps: valueMaps.text,
  });
  // Note: an empty slot (no description, no int-valued enum) leaves blank lines that prettier
  // would join.
  return {
    text: text.replace(/\n{3,}/g, '\n\n'),
    formatted:
      PLAIN_PACKAGE_NAME.test(name) && !clients.unsure && !usage.unsure && !valueMaps.unsure,
  };
}

/** The type the README's examples use: the first response, request, or object type. */
function pickExample(
  model: Model,
  plan: NamePlan,
): {
  type: string;
  is: string;
  validate: string;
  assert: string;
} {
  const candidates = [
    ...model.operations.flatMap((op) => (op.response === undefined ? [] : [op.response])),
    ...model.operations.map((op) => op.request),
    ...model.types.map((type) => type.name),
  ];
  for (const name of candidates) {
    const names = plan.names.get(name);
    const type = model.types.find((t) => t.name === name);
    if (names && type && !(type.kind === 'object' && type.typeParameters.length > 0)) return names;
  }
  return { type: 'Dto', is: 'isDto', validate: 'validateDto', assert: 'assertDto' };
}

/**
 * The entry module: re-exports the types, the guards, the schemas and the runtime's public names.
 *
 * @param runtimeTypes
 *   Type-only exports of `runtime.ts` (`ValidationIssue`…).
 * @param runtimeValues
 *   Value exports of `runtime.ts` (`ValidationError`…).
 * @param operationTypes
 *   Type-only exports of `operations.ts` (`OperationTypes`…).
 * @param operationValues
 *   Value exports of `operations.ts` (`operations`).
 * @returns
 *   The module, formatted as prettier formats it.
 */
export function buildIndex(
  runtimeTypes: readonly string[],
  runtimeValues: readonly string[],
  operationTypes: readonly string[] = [],
  operationValues: readonly string[] = [],
): string {
  const exports: OptionalKind<ExportDeclarationStructure>[] = [
    { moduleSpecifier: './types.js' },
    { moduleSpecifier: './guards.js' },
    { moduleSpecifier: './schemas.js', namedExports: ['schemas'] },
  ];
  const reexport = (names: readonly string[], from: string, isTypeOnly: boolean): void => {
    if (names.length > 0)
      exports.push({ moduleSpecifier: from, namedExports: [...names], isTypeOnly });
  };
  reexport(runtimeTypes, './runtime.js', true);
  reexport(runtimeValues, './runtime.js', false);
  reexport(operationTypes, './operations.js', true);
  reexport(operationValues, './operations.js', false);
  const out = new ModuleWriter();
  for (const structure of exports) out.statement(printExport(structure), false);
  return out.toString();
}

/**
 * The schemas module: the JSON Schema document as a typed constant.
 *
 * @param document
 *   The draft 2020-12 document with `$defs`.
 * @returns
 *   The module, formatted as prettier formats it, and whether the printer is sure of that.
 */
export function buildSchemasModule(document: Record<string, unknown>): {
  text: string;
  unsure: boolean;
} {
  const out = new ModuleWriter();
  out.statement(
    printImport({
      isTypeOnly: true,
      namedImports: ['JsonSchemaDocument'],
      moduleSpecifier: './runtime.js',
    }),
  );
  out.statement(
    printVariableStatement({
      isExported: true,
      declarationKind: CONST,
      docs: ['The JSON Schema (draft 2020-12) of every type, under `$defs` by type name.'],
      declarations: [
        {
          name: 'schemas',
          type: 'JsonSchemaDocument',
          initializer: exprWriter(jsonExpr(document)),
        },
      ],
    }),
  );
  return { text: out.toString(), unsure: out.unsure };
}
