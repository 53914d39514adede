/**
 * The differential harness: for one model, the emitted `isX`, `validateX`, ajv (Ajv2020) on the
 * emitted JSON Schema and the reference checker judge the same values.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { DtoforgeConfig } from '../../src/config/config.js';
import type { Model, TypeRef } from '../../src/model/model.js';
import { emitSources, type PackageSources } from '../../src/emit/index.js';
import { loadModules } from '../helpers/package-sources.js';
import { Reference, type CheckNotes } from './reference.js';

type Config = Pick<DtoforgeConfig, 'optional' | 'strict' | 'enumStyle'>;

interface Issue {
  path: (string | number)[];
  message: string;
}

type Validate = (
  value: unknown,
  options?: { strict?: boolean },
) => { success: true; value: unknown } | { success: false; issues: Issue[] };

/** One checked type: its three checkers and its reference. */
export interface Checked {
  name: string;
  ref: TypeRef;
  is: (value: unknown) => boolean;
  validate: Validate;
  assert: (value: unknown) => void;
  ajv: ValidateFunction;
}

/** The verdicts on one value and what disagrees. */
export interface Verdict {
  is: boolean;
  validate: boolean;
  ajv: boolean;
  reference: boolean;
  /** Disagreements (empty when all agree and every issue path is right). */
  problems: string[];
  /** ajv differs only where the schema documents it cannot see (flags bits). */
  documented: boolean;
}

export interface Harness {
  sources: PackageSources;
  reference: Reference;
  types: Checked[];
  judge: (checked: Checked, value: unknown) => Verdict;
  guards: Record<string, unknown>;
}

/**
 * Emit a model's guards and schema, load them, and build the judges.
 *
 * @param model
 *   The model.
 * @param config
 *   Strictness, optional policy, enum style.
 */
export function createHarness(model: Model, config: Config): Harness {
  const sources = emitSources(model, config);
  const guards = loadModules(sources.files, ['guards.ts'])['guards.ts']!;
  const ajv = new Ajv2020({
    strict: false,
    strictNumbers: true,
    allErrors: false,
    validateSchema: false,
  });
  ajv.addSchema(sources.schemas, 'dtoforge');
  const reference = new Reference(model, { strict: config.strict, optional: config.optional });
  // Note: the other strictness, asked per call (`validateX(value, { strict })`): a lax package's
  // checks leave it to the report walk, a strict package's checks skip their key lookups.
  const flipped = new Reference(model, { strict: !config.strict, optional: config.optional });
  const types: Checked[] = [];
  for (const type of reference.byName.values()) {
    const names = sources.plan.names.get(type.name);
    const id = sources.plan.types.get(type.name);
    if (!names || !id) continue;
    const validator = ajv.getSchema(`dtoforge#/$defs/${id}`);
    if (!validator) throw new Error(`no JSON Schema for ${id}`);
    types.push({
      name: type.name,
      ref: { kind: 'ref', name: type.name, args: [] },
      is: guards[names.is] as Checked['is'],
      validate: guards[names.validate] as Validate,
      assert: guards[names.assert] as Checked['assert'],
      ajv: validator,
    });
  }
  const judge = (checked: Checked, value: unknown): Verdict => {
    const notes: CheckNotes = { schemaInexact: false };
    const is = checked.is(value);
    const result = checked.validate(value);
    const ajvOk = checked.ajv(value) === true;
    const referenceOk = reference.check(checked.ref, value, notes);
    const problems: string[] = [];
    if (result.success !== is) problems.push(`isX ${is} but validateX ${result.success}`);
    const documented = ajvOk !== is && notes.schemaInexact && referenceOk === is;
    if (ajvOk !== is && !documented) problems.push(`isX ${is} but ajv ${ajvOk}`);
    if (referenceOk !== is) problems.push(`isX ${is} but the reference ${referenceOk}`);
    const issuePaths = (judged: ReturnType<Validate>, by: Reference, label: string): void => {
      if (judged.success) return;
      if (judged.issues.length === 0) problems.push(`${label} failed with no issue`);
      for (const issue of judged.issues) {
        if (!by.wrongAt(checked.ref, value, issue.path))
          problems.push(
            `${label}: issue at ${JSON.stringify(issue.path)} points at a valid value (${issue.message})`,
          );
      }
    };
    issuePaths(result, reference, 'validateX');
    const other = checked.validate(value, { strict: !config.strict });
    const otherOk = flipped.check(checked.ref, value, { schemaInexact: false });
    if (other.success !== otherOk) {
      problems.push(
        `validateX({ strict: ${!config.strict} }) ${other.success} but the reference ${otherOk}`,
      );
    }
    issuePaths(other, flipped, `validateX({ strict: ${!config.strict} })`);
    return {
      is,
      validate: result.success,
      ajv: ajvOk,
      reference: referenceOk,
      problems,
      documented,
    };
  };
  return { sources, reference, types, judge, guards };
}

/** A value printed for a report (keeps NaN, Infinity, -0, undefined visible). */
export function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? `«${Object.is(v, -0) ? '-0' : String(v)}»`
      : v === undefined
        ? '«undefined»'
        : v,
  );
}
