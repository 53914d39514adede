/**
 * Stage 3: emit the generated package from the model (returns files; the CLI writes them).
 *
 * ```text
 * model ──emitTypes──────▶ src/types.ts ─┐
 *       ──emitGuards─────▶ src/guards.ts ├─compileSources─▶ dist/esm/*, dist/cjs/*
 *       ──emitJsonSchemas▶ src/schemas.ts┤  (esbuild, ts)   └─checkSamples─▶ diagnostics
 *       ──planOperations─▶ src/operations.ts, src/client.ts, src/servicestack.ts┘
 *                        └▶ openapi.json (emitOpenApi)
 * templates/ ───────────▶ package.json, README.md, tsconfig.json, src/runtime.ts,
 *                         src/client-runtime.ts
 * every file ──addBanner──▶ src/*: as printed (printer.ts) or formatFile (prettier);
 *                          package.json files, tsconfig.json, schemas.json, openapi.json
 *                          (print-json.ts), README.md (readme*.ts, print-markdown.ts): as printed;
 *                          dist/*: as compiled
 * ```
 *
 * What people read and diff (the sources, package.json, the README, the schemas) is formatted
 * as prettier formats it: printed that way where the emitters can be sure (tests hold prettier to
 * it), else by prettier on worker threads while the sources compile; the builds in dist/ are the
 * compilers' own deterministic output, not formatted again (prettier on them cost more than the
 * rest of the stage). Nothing is type-checked unless asked ({@link EmitOptions.verify}): the emitters' output
 * is type-checked by the tests.
 */
import type { VFile } from 'vfile';
import type { DtoforgeConfig, EnumPolicy } from '../config/config.js';
import { report } from '../diagnostics.js';
import { withServiceStackTypes } from '../model/builtins.js';
import type { Model } from '../model/model.js';
import { compileSources } from './compile.js';
import { emitGuardsModule } from './guards.js';
import { emitJsonSchemas } from './json-schema.js';
import { addBanner, bannerText, finishFile, startFormatting } from './format.js';
import { planNames, type NamePlan } from './names.js';
import {
  buildIndex,
  buildPackageJson,
  buildReadme,
  buildSchemasModule,
  buildSubpathStubs,
  readTemplate,
  readTemplateSync,
} from './package.js';
import { emitClient } from './client.js';
import { emitOpenApi } from './openapi.js';
import { printJsonFile } from './print-json.js';
import { emitOperations, planOperations, type OperationPlan } from './operations.js';
import { checkSamples } from './self-check.js';
import { emitServiceStack } from './servicestack.js';
import { emitTypes, hasValueMaps, valueMapNames, type MemberRename } from './types.js';

export interface EmitOptions {
  model: Model;
  config: DtoforgeConfig;
  /** Page path → vfile, for positioned diagnostics (renames, self-check); none when absent. */
  pages?: ReadonlyMap<string, VFile>;
  /**
   * Type-check the emitted sources (strict, `exactOptionalPropertyTypes`…) and return any error
   * as a problem. Costs seconds on a large package; the files are the same either way.
   */
  verify?: boolean;
  /** Called as each step starts (the CLI's progress line shows it). */
  onStep?: ((step: EmitStep) => void) | undefined;
}

/** The emit stage's steps, in order. */
export type EmitStep = 'sources' | 'compile' | 'format' | 'check';

/** One file of the package. */
export interface OutputFile {
  /** Relative to the output folder, posix separators. */
  path: string;
  content: string;
}

/**
 * What an emit stage returns: the package's files, and what the real one ({@link emitPackage})
 * always adds (a stand-in emitter in tests may leave them out).
 */
export interface EmitResult {
  /** Every file of the package, sorted by path. */
  files: OutputFile[];
  /** The names of every type's exports. */
  plan?: NamePlan;
  /** Errors of dtoforge itself (the emitted sources do not compile…): nothing is written. */
  problems?: string[];
  /** Why the emit took a slow path (see `CompileResult.notes`); empty normally. */
  notes?: string[];
}

/** The public names of `templates/runtime.ts` the package re-exports (types, then values). */
const RUNTIME_TYPES = [
  'ValidationIssue',
  'ValidationResult',
  'ValidateOptions',
  'StandardSchemaV1',
  'JsonSchemaDocument',
];
const RUNTIME_VALUES = ['ValidationError', 'jsonSchemaFor'];

/** The exports of `operations.ts` the package's entry re-exports (values, then types). */
const OPERATIONS_VALUES = ['operations'];
const OPERATIONS_TYPES = ['OperationName', 'OperationTypes'];

/** Names the package exports besides the types' own: never to be taken by a type. */
const PACKAGE_NAMES = [
  'schemas',
  ...RUNTIME_TYPES,
  ...RUNTIME_VALUES,
  ...OPERATIONS_VALUES,
  ...OPERATIONS_TYPES,
];

/**
 * The naming plan of a package: every type's names, never clashing with the package's own
 * exports (helpers, enum value maps).
 *
 * @param model
 *   The model.
 */
export function planPackageNames(model: Model): NamePlan {
  const reserved = [
    ...PACKAGE_NAMES,
    ...model.types.filter(hasValueMaps).flatMap((type) => {
      const names = valueMapNames(type.name);
      return [names.values, names.byValue];
    }),
  ];
  return planNames(model, reserved);
}

/** The sources of a package (`src/*.ts`) as emitted: not formatted, no banner. */
export interface PackageSources {
  /** The model the package was emitted from: the given one with ServiceStack's error types. */
  model: Model;
  /** The names of every type's exports. */
  plan: NamePlan;
  /**
   * File name inside `src/` → text: `index.ts`, `types.ts`, `guards.ts`, `runtime.ts`,
   * `schemas.ts`, `operations.ts`, `client-runtime.ts`, `client.ts`, `servicestack.ts` (in this
   * order, the order they are compiled in).
   */
  files: Record<string, string>;
  /** What the modules that call the API know of each operation. */
  operations: OperationPlan[];
  /** The JSON Schema document (`schemas.json`; `schemas.ts` holds it as a constant). */
  schemas: Record<string, unknown>;
  /** Enum members renamed because TypeScript forbids their names (for diagnostics). */
  renames: MemberRename[];
  /**
   * The files of `files` printed already as prettier prints them (templates, and what
   * printer.ts printed with certainty): `emitPackage` does not format them again.
   */
  formatted: Set<string>;
}

/**
 * Emit the sources of a model's package: what `emitPackage` formats and compiles, and what the
 * tests type-check and load. Synchronous and deterministic.
 *
 * @param pageModel
 *   The model of the pages.
 * @param config
 *   The optional policy, strictness and enum style.
 */
export function emitSources(
  pageModel: Model,
  config: Pick<DtoforgeConfig, 'optional' | 'strict' | 'enumStyle'> & {
    enums?: EnumPolicy | undefined;
  },
): PackageSources {
  // Note: every package has ServiceStack's error types; its clients' errors are typed with them.
  const model = withServiceStackTypes(pageModel);
  const plan = planPackageNames(model);
  const types = emitTypes(model, plan, {
    optional: config.optional,
    enumStyle: config.enumStyle,
    enums: config.enums,
  });
  const guardOptions = { strict: config.strict, optional: config.optional, enums: config.enums };
  const operations = planOperations(model, plan, config);
  // Note: a generic response (`QueryResponse<Customer>`) gets a definition of its own.
  const schemas = emitJsonSchemas(
    model,
    plan,
    guardOptions,
    operations.flatMap((entry) => (entry.response === undefined ? [] : [entry.response])),
  );
  const guards = emitGuardsModule(model, plan, guardOptions);
  const printed = {
    'schemas.ts': buildSchemasModule(schemas),
    'operations.ts': emitOperations(operations),
    'client.ts': emitClient(operations),
    'servicestack.ts': emitServiceStack(model, plan, operations),
  };
  const files: Record<string, string> = {
    'index.ts': buildIndex(RUNTIME_TYPES, RUNTIME_VALUES, OPERATIONS_TYPES, OPERATIONS_VALUES),
    'types.ts': types.text,
    'guards.ts': guards.text,
    'runtime.ts': readTemplateSync('runtime.ts'),
    'schemas.ts': printed['schemas.ts'].text,
    'operations.ts': printed['operations.ts'].text,
    'client-runtime.ts': readTemplateSync('client-runtime.ts'),
    'client.ts': printed['client.ts'].text,
    'servicestack.ts': printed['servicestack.ts'].text,
  };
  // Note: the templates are prettier-formatted files of this project (format:check holds them);
  // the others are printed as prettier prints them unless their printer is unsure.
  const formatted = new Set(['index.ts', 'runtime.ts', 'client-runtime.ts']);
  if (!guards.unsure) formatted.add('guards.ts');
  if (!types.unsure) formatted.add('types.ts');
  for (const [name, module] of Object.entries(printed)) if (!module.unsure) formatted.add(name);
  return { model, plan, files, schemas, renames: types.renames, operations, formatted };
}

/**
 * The OpenAPI 3.1 document of a model, as the package's `openapi.json` holds it (without the
 * generated mark).
 *
 * @param model
 *   The model.
 * @param config
 *   The config.
 */
export function emitOpenApiDocument(model: Model, config: DtoforgeConfig): Record<string, unknown> {
  const full = withServiceStackTypes(model);
  const plan = planPackageNames(full);
  return emitOpenApi(full, plan, config, planOperations(full, plan, config));
}

/**
 * The text of the package's `openapi.json` (formatted, with the generated mark): what
 * `dtoforge openapi` writes.
 *
 * @param model
 *   The model.
 * @param config
 *   The config.
 */
export async function renderOpenApi(model: Model, config: DtoforgeConfig): Promise<string> {
  return printJsonFile(
    'openapi.json',
    emitOpenApiDocument(model, config),
    bannerText(sourceFiles(model)),
  );
}

/**
 * A file of the package besides its sources. A `printed` one is final: banner included, printed
 * as prettier prints it; the others get their banner and go through prettier.
 */
export interface DocumentFile extends OutputFile {
  printed: boolean;
}

/**
 * The package's files besides its sources and builds: the package.json files, tsconfig.json,
 * schemas.json, openapi.json (print-json.ts) and the README (printed as prettier prints
 * Markdown, unless it is not sure: see `buildReadme`).
 *
 * @param sources
 *   What `emitSources` returned (the model, names, operations and JSON Schema document).
 * @param config
 *   The config.
 */
export async function emitDocuments(
  sources: Pick<PackageSources, 'model' | 'plan' | 'operations' | 'schemas'>,
  config: DtoforgeConfig,
): Promise<DocumentFile[]> {
  const { model, plan, operations, schemas } = sources;
  const banner = bannerText(sourceFiles(model));
  const packageBase = await readTemplate('package.base.json');
  const json = (path: string, value: unknown): DocumentFile => ({
    path,
    content: printJsonFile(path, value, banner),
    printed: true,
  });
  const template = (name: string): Promise<unknown> =>
    readTemplate(name).then((text) => JSON.parse(text) as unknown);
  const readme = buildReadme(model, plan, config, await readTemplate('README.md'), operations);
  return [
    json('dist/cjs/package.json', await template('dist-cjs.package.json')),
    json('package.json', JSON.parse(buildPackageJson(config.package, packageBase))),
    ...buildSubpathStubs(packageBase).map(({ path, content }) => json(path, JSON.parse(content))),
    json('tsconfig.json', await template('package.tsconfig.json')),
    json('schemas.json', schemas),
    json('openapi.json', emitOpenApi(model, plan, config, operations)),
    readme.formatted
      ? {
          path: 'README.md',
          content: finishFile(addBanner('README.md', readme.text, banner)),
          printed: true,
        }
      : { path: 'README.md', content: readme.text, printed: false },
  ];
}

/**
 * Emit the package: sources, compiled ESM/CJS builds, package.json, README, JSON Schema.
 * Deterministic: the same model and config give byte-identical files.
 *
 * @param options
 *   The model, the config, and the pages (for diagnostics).
 */
export async function emitPackage(options: EmitOptions): Promise<Required<EmitResult>> {
  const { config, pages } = options;
  options.onStep?.('sources');
  const {
    model,
    plan,
    files: sources,
    schemas: schemaDocument,
    renames,
    operations,
    formatted: preformatted,
  } = emitSources(options.model, config);
  const banner = bannerText(sourceFiles(model));
  // Note: esbuild compiles the sources on its own threads while this one prints the documents
  // (README.md, the JSON files: half a second on a thousand pages) and then waits for it.
  options.onStep?.('compile');
  const compiling = compileSources(sources, { check: options.verify === true });
  compiling.catch(() => undefined); // awaited below; handled if the documents throw first
  // Note: `formatted` sources are printed already as prettier prints them and only get their
  // banner; `printed` documents are written as they are; the others go through prettier.
  const texts: (OutputFile & { formatted?: boolean; printed?: boolean })[] = [
    ...Object.entries(sources).map(([name, content]) => ({
      path: `src/${name}`,
      content,
      formatted: preformatted.has(name),
    })),
    ...(await emitDocuments({ model, plan, operations, schemas: schemaDocument }, config)),
  ];
  // Note: prettier (for a file a printer was not sure of) runs on worker threads meanwhile.
  const formatting = startFormatting(
    texts.flatMap(({ path, content, formatted, printed }) =>
      formatted === true || printed === true
        ? []
        : [{ path, text: addBanner(path, content, banner) }],
    ),
  );
  const compiled = await compiling;
  options.onStep?.('format');
  const formatted = await formatting.finish();
  let next = 0;
  const files = [
    ...texts.map(({ path, content, formatted: ready, printed }) => ({
      path,
      content:
        printed === true
          ? content
          : ready === true
            ? finishFile(addBanner(path, content, banner))
            : (formatted[next++] ?? ''),
    })),
    ...compiled.files.map(({ path, content }) => ({
      path,
      content: finishFile(addBanner(path, content, banner)),
    })),
  ];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const problems = [...compiled.problems];
  if (pages) {
    options.onStep?.('check');
    reportRenames(model, plan, renames, pages);
    const cjs = new Map(
      files.filter((file) => file.path.startsWith('dist/cjs/')).map((f) => [f.path, f.content]),
    );
    problems.push(...checkSamples(model, plan, cjs, pages));
  }
  return { files, plan, problems, notes: compiled.notes };
}

/** The pages the model came from (for the banner). */
function sourceFiles(model: Model): string[] {
  return [
    ...model.operations.map((operation) => operation.source.file),
    ...model.types.flatMap((type) => (type.source ? [type.source.file] : [])),
  ];
}

/** Report every rename of the plan (types) and of enum members on the page that defines it. */
function reportRenames(
  model: Model,
  plan: NamePlan,
  members: readonly MemberRename[],
  pages: ReadonlyMap<string, VFile>,
): void {
  for (const rename of plan.renames) {
    const type = model.types.find((candidate) => candidate.name === rename.from);
    const file = type?.source && pages.get(type.source.file);
    if (!type?.source || !file) continue;
    report(
      file,
      'renamed-identifier',
      `Unexpected type name \`${rename.from}\`, expected a safe TypeScript name: emitted as \`${rename.to}\` (${rename.why})`,
      type.source.position,
    );
  }
  for (const rename of members) {
    const file = pages.get(rename.source.file);
    if (!file) continue;
    report(
      file,
      'renamed-identifier',
      `Unexpected enum member name \`${rename.from}\` in \`${rename.type}\`, expected a TypeScript member name: emitted as \`${rename.to}\` (${rename.why}); its wire value is unchanged`,
      rename.source.position,
    );
  }
}
