/**
 * Emit `guards.ts` of the generated package: for every model type `isX` (fast boolean check),
 * `validateX` (every issue, with wire paths), `assertX` (throws a `ValidationError`) and `XSchema`
 * (a Standard Schema v1 object).
 *
 * As typia, one walker over the type expressions serves two programmers: the *is* programmer
 * prints boolean expressions for straight-line checkers (`$is_X(v, s, d)`: no closures, no
 * allocation; it returns at the first problem), the *validate* programmer prints statements that
 * report issues to a context (`$va_X(v, s, d, c)`). `validateX` runs the fast checker first and
 * the slow one only when it fails. What each type admits comes from `checks.ts`, shared with the
 * JSON Schema emitter.
 *
 * Generic DTOs are specialised: every instantiation the model uses (`QueryResponse<Poco>`) gets
 * its own checkers; the exported `isQueryResponse` checks `QueryResponse<unknown>`.
 *
 * Semantics: a property counts only when it is an own property
 * (`Object.prototype.hasOwnProperty`); an optional property holding `undefined` counts as
 * absent (as `JSON.stringify` and JSON Schema see it), a required one as missing.
 *
 * Robustness: checkers never write, and the exported functions catch any exception (throwing
 * getters, Proxy traps, stack overflow). Recursive types (`Struct` ↔ `Value`) nest at most
 * `MAX_DEPTH` deep, and one check visits at most `MAX_VALUES` values (runtime.ts: recursive
 * objects, list items and dictionary entries count), so cyclic and hugely shared values get a
 * verdict too.
 *
 * Speed: the fast path reads each declared property once and calls `hasOwnProperty` only when
 * a present value fails its check (an inherited value must not fail the object) or for required
 * properties; wide objects with many absent fields are checked by walking their keys instead
 * (see `SCAN_FIELDS`); enums of up to 16 values are `===` chains, larger ones a `Set`. The slow
 * path checks each value with the fast checker first and dives only into failing ones.
 */
import {
  printStructure,
  StructureKind,
  VariableDeclarationKind,
  type StatementStructures,
} from 'ts-morph';
import type { Model, TypeRef } from '../model/model.js';
import {
  createCheckContext,
  dictionaryOf,
  enumWire,
  expectationOf,
  fieldsOf,
  instanceOf,
  isRecursive,
  keyRule,
  labelOf,
  INTEGER_KEY_PATTERN,
  listValues,
  MAX_BITWISE_MASK,
  NUMBER_KEY_PATTERN,
  primitiveRule,
  type CheckContext,
  type EnumWire,
  type GuardOptions,
  type Instance,
  type KeyRule,
} from './checks.js';
import { stringLiteral, type NamePlan } from './names.js';

export type { GuardOptions } from './checks.js';

/**
 * Object types with at least this many fields are read by name only while the value is nearly
 * full ({@link FULL_ABSENCES}); otherwise their keys are walked ({@link scanObject}): with
 * optional fields left out, values of one type come in many hidden classes (or in dictionary
 * mode), where V8's named loads go megamorphic or miss, while a full value (one hidden class,
 * as a server's complete response) is read fastest by name (measured against ajv on the page's
 * EndpointInfo sample: walk 0.9x, named 1.8x; on 1,000 varied values: walk ~1.7x, named ~1.2x,
 * named-then-walk ~1.5x).
 */
const SCAN_FIELDS = 20;

/**
 * A wide object is read by name while at most one in this many of its optional fields is absent
 * (a full response, as the page's own sample: one hidden class, named loads stay fast); past
 * that, the key walk takes over from the first field not yet checked.
 */
const FULL_ABSENCES = 32;

/** Enums with at most this many values are checked with `===` chains, larger ones with a Set. */
const INLINE_ENUM_VALUES = 16;

/** A checker pair for a type expression without a name (list, dictionary, key/value pair). */
interface Helper {
  is: string;
  validate: string;
  ref: TypeRef;
}

/** The state of one guards emit. */
interface GuardContext {
  check: CheckContext;
  /** Structural type expressions (canonical JSON) → their helper checkers. */
  helpers: Map<string, Helper>;
  /** The same helpers in the order found (a work list). */
  helperList: Helper[];
  /** Module-level constants (Sets, RegExps), by name → initializer. */
  constants: Map<string, string>;
}

/** A JS literal of a string. */
const lit = stringLiteral;

/** The checker names of an instance. */
function isName(instance: Instance): string {
  return `$is_${instance.id}`;
}
/** The key-walking fast checker of a wide object instance ({@link scanObject}). */
function scanName(instance: Instance): string {
  return `$sc_${instance.id}`;
}
function validateName(instance: Instance): string {
  return `$va_${instance.id}`;
}

/** The TypeScript type an instance's guards narrow to (`Foo`, `Foo<unknown>`). */
function typeText(ctx: GuardContext, instance: Instance): string {
  const type = instance.type;
  const id = ctx.check.plan.types.get(type.name) ?? instance.id;
  if (type.kind !== 'object' || type.typeParameters.length === 0) return id;
  return `${id}<${type.typeParameters.map(() => 'unknown').join(', ')}>`;
}

/** The helper checkers of a structural type expression, created on first use. */
function helperOf(ctx: GuardContext, ref: TypeRef): Helper {
  const key = JSON.stringify(ref);
  let helper = ctx.helpers.get(key);
  if (helper === undefined) {
    const n = ctx.helpers.size + 1;
    helper = { is: `$h${n}_is`, validate: `$h${n}_va`, ref };
    ctx.helpers.set(key, helper);
    ctx.helperList.push(helper);
  }
  return helper;
}

/** Register a module-level constant; returns its name. */
function constant(ctx: GuardContext, name: string, initializer: string): string {
  ctx.constants.set(name, initializer);
  return name;
}

/** The boolean expression of a flags enum check on `x`. */
function flagsExpression(wire: EnumWire & { kind: 'flags' }, x: string): string {
  if (wire.signed) return `typeof ${x} === "number" && (${x} | 0) === ${x}`;
  if (wire.mask > MAX_BITWISE_MASK) {
    // Note: beyond 32 bits only the range is checked (the JSON Schema says so too).
    return `typeof ${x} === "number" && Number.isInteger(${x}) && ${x} >= 0 && ${x} <= ${wire.mask}`;
  }
  return `typeof ${x} === "number" && Number.isInteger(${x}) && ${x} >= 0 && ${x} <= ${wire.mask} && (${x} & ${~wire.mask}) === 0`;
}

/** The boolean expression of a string-set check on `x`. */
function stringSetExpression(
  ctx: GuardContext,
  setName: string,
  values: readonly string[],
  x: string,
): string {
  if (values.length === 0) return 'false';
  if (values.length <= INLINE_ENUM_VALUES) {
    return `(${values.map((value) => `${x} === ${lit(value)}`).join(' || ')})`;
  }
  constant(ctx, setName, `new Set<unknown>([${values.map(lit).join(', ')}])`);
  return `${setName}.has(${x})`;
}

/**
 * The *is* programmer: a boolean expression that is true when `x` (an identifier) is a valid
 * value of `ref`. Refs call other checkers with `s` (strict) and `d` (depth) in scope.
 */
function isExpression(ctx: GuardContext, ref: TypeRef, x: string): string {
  switch (ref.kind) {
    case 'primitive': {
      const rule = primitiveRule(ref.name);
      switch (rule.kind) {
        case 'string':
          return `typeof ${x} === "string"`;
        case 'boolean':
          return `typeof ${x} === "boolean"`;
        case 'number':
          return `Number.isFinite(${x})`;
        case 'any':
          return `${x} !== undefined`;
        case 'integer':
          if (rule.min === -2147483648 && rule.max === 2147483647) {
            return `typeof ${x} === "number" && (${x} | 0) === ${x}`;
          }
          if (rule.min === 0 && rule.max === 4294967295) {
            return `typeof ${x} === "number" && ${x} >>> 0 === ${x}`;
          }
          if (rule.min === undefined && rule.max === undefined) return `Number.isInteger(${x})`;
          return [
            `typeof ${x} === "number"`,
            `Number.isInteger(${x})`,
            ...(rule.min === undefined ? [] : [`${x} >= ${rule.min}`]),
            ...(rule.max === undefined ? [] : [`${x} <= ${rule.max}`]),
          ].join(' && ');
      }
      break;
    }
    case 'nullable':
      return `(${x} === null || ${isExpression(ctx, ref.type, x)})`;
    case 'typeParameter':
      // Note: specialisation substitutes every parameter; a stray one admits any value.
      return `${x} !== undefined`;
    case 'list':
    case 'dictionary':
    case 'keyValuePair':
      return `${helperOf(ctx, ref).is}(${x}, s, d)`;
    case 'ref': {
      const instance = instanceOf(ctx.check, ref);
      if (instance === undefined) return `${x} !== undefined`;
      const type = instance.type;
      if (type.kind === 'enum') {
        const wire = enumWire(type, ctx.check.options.enums);
        if (wire.kind === 'flags') return `(${flagsExpression(wire, x)})`;
        if (wire.open === true) return `typeof ${x} === "string"`;
        return stringSetExpression(ctx, `$E_${instance.id}`, wire.values, x);
      }
      return `${isName(instance)}(${x}, s, d + 1)`;
    }
  }
}

/** True when `ref` is checked by one expression (no nested structure to walk). */
function isLeaf(ctx: GuardContext, ref: TypeRef): boolean {
  switch (ref.kind) {
    case 'primitive':
    case 'typeParameter':
      return true;
    case 'nullable':
      return isLeaf(ctx, ref.type);
    case 'ref': {
      const type = ctx.check.byName.get(ref.name);
      return type === undefined || type.kind === 'enum';
    }
    default:
      return false;
  }
}

/** The expression that `x` has the right JS kind for a structural `ref` (object or array). */
function kindExpression(ref: TypeRef, x: string): string {
  return ref.kind === 'list'
    ? `Array.isArray(${x})`
    : `typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x})`;
}

/**
 * The *validate* programmer: statements that report every issue of `x` at the current path
 * (`c.path`) to the context `c`.
 */
function validateStatements(ctx: GuardContext, ref: TypeRef, x: string): string {
  if (isLeaf(ctx, ref)) {
    return `if (!(${isExpression(ctx, ref, x)})) $rt.reportValue(c, ${lit(expectationOf(ctx.check, ref))}, ${x});`;
  }
  switch (ref.kind) {
    case 'nullable':
      return `if (${x} !== null) { if (!(${kindExpression(ref.type, x)})) $rt.reportValue(c, ${lit(labelOf(ctx.check, ref))}, ${x}); else ${validateStatements(ctx, ref.type, x)} }`;
    case 'list':
    case 'dictionary':
    case 'keyValuePair':
      return `${helperOf(ctx, ref).validate}(${x}, s, d, c);`;
    case 'ref': {
      const instance = instanceOf(ctx.check, ref);
      // Note: isLeaf() covers missing types and enums.
      return instance === undefined ? '' : `${validateName(instance)}(${x}, s, d + 1, c);`;
    }
    default:
      return '';
  }
}

/** The boolean expression that a dictionary key `k` is admitted (`undefined`: any key). */
function keyExpression(ctx: GuardContext, rule: KeyRule, k: string): string | undefined {
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'integer':
      return `${integerKey(ctx)}.test(${k})`;
    case 'number':
      return `${constant(ctx, '$NUMBER_KEY', `new RegExp(${lit(NUMBER_KEY_PATTERN)})`)}.test(${k})`;
    case 'strings':
      return stringSetExpression(ctx, `$E_${rule.label}`, rule.values, k);
    case 'flags': {
      const flags = constant(
        ctx,
        `$F_${rule.label}`,
        `(x: unknown): boolean => ${flagsExpression(rule.wire, 'x')}`,
      );
      return `${integerKey(ctx)}.test(${k}) && ${flags}(Number(${k}))`;
    }
  }
}

/** The RegExp of integer keys. */
function integerKey(ctx: GuardContext): string {
  return constant(ctx, '$INTEGER_KEY', `new RegExp(${lit(INTEGER_KEY_PATTERN)})`);
}

/** What a dictionary key must be, for issues. */
function keyExpectation(rule: KeyRule): string {
  switch (rule.kind) {
    case 'any':
      return 'any string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'strings':
      return `${rule.label} (${listValues(rule.values)})`;
    case 'flags':
      return `${rule.label} (an integer made of its flags)`;
  }
}

/** A checker function declaration. */
interface CheckerFunction {
  name: string;
  parameters: [string, string][];
  returnType: string;
  body: string[];
}

/** Rename the parameters a body does not use to `_x` (for `noUnusedParameters`). */
function toFunction(fn: CheckerFunction): StatementStructures {
  // Note: literals are JSON strings; blank them before looking for identifiers.
  const code = fn.body.join('\n').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return {
    kind: StructureKind.Function,
    name: fn.name,
    parameters: fn.parameters.map(([name, type]) => ({
      name: new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code)
        ? name
        : `_${name}`,
      type,
    })),
    returnType: fn.returnType,
    statements: fn.body,
  };
}

const IS_PARAMETERS: [string, string][] = [
  ['v', 'unknown'],
  ['s', 'boolean'],
  ['d', 'number'],
];
const VALIDATE_PARAMETERS: [string, string][] = [...IS_PARAMETERS, ['c', '$rt.CheckContext']];

/**
 * The slow path's statements for one value `x` at key `key` (a JS expression): the fast check
 * first, and only when it fails, the issue-reporting statements with the key pushed on the path.
 * While the value is read and checked, `c.key` names it, so that an exception (a throwing getter)
 * is reported at its path.
 */
function diveIfInvalid(ctx: GuardContext, key: string, ref: TypeRef, guard = ''): string {
  return `if (${guard}!(${isExpression(ctx, ref, 'x')})) { c.key = undefined; c.path.push(${key}); ${validateStatements(ctx, ref, 'x')} c.path.pop(); }`;
}

/**
 * The slow path's statements for one property of the record `o` (`undefined` is absent; an
 * inherited value does not count).
 *
 * @param key
 *   The property's key as a JS string literal.
 */
function validateProperty(ctx: GuardContext, key: string, ref: TypeRef, required: boolean): string {
  if (!required) {
    // Note: own-ness is asked only of a value that fails (an inherited one does not count).
    return `{ c.key = ${key}; const x = o[${key}]; if (x !== undefined && !(${isExpression(ctx, ref, 'x')}) && $has.call(o, ${key})) { c.key = undefined; c.path.push(${key}); ${validateStatements(ctx, ref, 'x')} c.path.pop(); } c.key = undefined; }`;
  }
  const missing = `$rt.reportMissing(c, ${key}, ${lit(expectationOf(ctx.check, ref))});`;
  return `{ c.key = ${key}; const x = o[${key}]; if (x === undefined || !$has.call(o, ${key})) { c.key = undefined; ${missing} } else { ${diveIfInvalid(ctx, key, ref)} } c.key = undefined; }`;
}

/** The guard of a record (`typeof object`, not null, not an array) on `v`. */
const NOT_RECORD = 'typeof v !== "object" || v === null || Array.isArray(v)';

/**
 * The fast check of a record's fields by walking its own keys (`for…in`, where V8 reads values
 * by the enum cache's field index) and dispatching on a key → field number map: one pass over
 * the keys present, whatever the object's hidden class.
 */
function scanObject(
  ctx: GuardContext,
  instance: Instance,
  fields: ReturnType<typeof fieldsOf>,
): string[] {
  const names = fields.map((field) => lit(field.wireName)).join(', ');
  const order = constant(ctx, `$N_${instance.id}`, `[${names}] as readonly string[]`);
  const positions = constant(ctx, `$I_${instance.id}`, `$rt.keyIndex([${names}])`);
  const required = fields.filter((field) => field.required).length;
  // Note: servers send the fields in declaration order; predicting the next one saves the lookup.
  // The fields before `p` were checked by name already (`r`: the required ones among them).
  const lines = [
    ...(required > 0 ? ['let r = q;'] : []),
    'let j = 0;',
    'for (const k in o) {',
    `const i = ${order}[j] === k ? j : ${positions}[k];`,
    'if (i !== undefined) { j = i + 1; if (i < p) continue; }',
    'const x = o[k];',
    'switch (i) {',
  ];
  fields.forEach((field, index) => {
    const check = isExpression(ctx, field.type, 'x');
    lines.push(
      field.required
        ? `case ${index}: if (x !== undefined && ${check}) { if ($has.call(o, k)) r++; } else if ($has.call(o, k)) return false; break;`
        : `case ${index}: if (x !== undefined && !(${check}) && $has.call(o, k)) return false; break;`,
    );
  });
  lines.push('default: if (s && $has.call(o, k)) return false;', '}', '}');
  lines.push(required > 0 ? `return r === ${required};` : 'return true;');
  return lines;
}

/** The two checkers of an object instance. */
function objectCheckers(ctx: GuardContext, instance: Instance): CheckerFunction[] {
  const fields = fieldsOf(ctx.check, instance);
  const known = constant(
    ctx,
    `$K_${instance.id}`,
    `new Set<string>([${fields.map((field) => lit(field.wireName)).join(', ')}])`,
  );
  const label = lit(instance.label);
  // Note: only recursive types can nest without end or unfold a shared value exponentially;
  // lists and dictionaries count their items themselves.
  const recursive = isRecursive(ctx.check, instance);
  const is: string[] = [
    `if (${NOT_RECORD}${recursive ? ' || d > $MAX_DEPTH || --$n < 0' : ''}) return false;`,
  ];
  const validate: string[] = [
    `if (${NOT_RECORD}) { $rt.reportValue(c, ${label}, v); return; }`,
    ...(recursive
      ? [
          `if (d > $MAX_DEPTH) { $rt.reportTooDeep(c, ${label}); return; }`,
          `if (--c.budget < 0) { $rt.reportExhausted(c); return; }`,
        ]
      : []),
    'const o = v as $Record;',
  ];
  is.push('const o = v as $Record;');
  const extra: CheckerFunction[] = [];
  if (fields.length >= SCAN_FIELDS) {
    // Note: a value with every field present (a full response, as the page's sample) is read
    // by name; the first absent (or inherited) field hands the value to the key walk, in a
    // function of its own so that its for…in feedback never mixes with the named reads'.
    const walk = scanName(instance);
    const absences = Math.max(1, Math.floor(fields.length / FULL_ABSENCES));
    let checked = 0;
    is.push('let x: unknown;', `let m = ${absences};`);
    fields.forEach((field, index) => {
      const key = lit(field.wireName);
      const check = isExpression(ctx, field.type, 'x');
      is.push(`x = o[${key}];`);
      if (field.required) {
        is.push(`if (!(${check}) || !$has.call(o, ${key})) return false;`);
        checked++;
      } else {
        is.push(
          `if (x === undefined) { if (--m < 0) return ${walk}(o, s, d, ${index}, ${checked}); } else if (!(${check}) && $has.call(o, ${key})) return false;`,
        );
      }
    });
    is.push(`if (s) for (const k in o) if (!${known}.has(k) && $has.call(o, k)) return false;`);
    is.push('return true;');
    extra.push({
      name: walk,
      parameters: [
        ['o', '$Record'],
        ['s', 'boolean'],
        ['d', 'number'],
        ['p', 'number'],
        ['q', 'number'],
      ],
      returnType: 'boolean',
      body: scanObject(ctx, instance, fields),
    });
  } else {
    if (fields.length > 0) is.push('let x: unknown;');
    for (const field of fields) {
      const key = lit(field.wireName);
      const check = isExpression(ctx, field.type, 'x');
      is.push(`x = o[${key}];`);
      is.push(
        field.required
          ? `if (!(${check}) || !$has.call(o, ${key})) return false;`
          : `if (x !== undefined && !(${check}) && $has.call(o, ${key})) return false;`,
      );
    }
    is.push(`if (s) for (const k in o) if (!${known}.has(k) && $has.call(o, k)) return false;`);
    is.push('return true;');
  }
  for (const field of fields) {
    validate.push(validateProperty(ctx, lit(field.wireName), field.type, field.required));
  }
  validate.push(
    `if (s) for (const k in o) if (!${known}.has(k) && $has.call(o, k)) $rt.reportUnknownKey(c, k, ${label});`,
  );
  return [
    { name: isName(instance), parameters: IS_PARAMETERS, returnType: 'boolean', body: is },
    ...extra,
    {
      name: validateName(instance),
      parameters: VALIDATE_PARAMETERS,
      returnType: 'void',
      body: validate,
    },
  ];
}

/**
 * The two checkers of a dictionary (a named type or a structural helper). Every entry counts
 * against the value budget.
 *
 * @param recursive
 *   True for a named dictionary type that can contain itself (checked for depth).
 */
function dictionaryCheckers(
  ctx: GuardContext,
  names: { is: string; validate: string },
  key: TypeRef,
  value: TypeRef,
  label: string,
  recursive: boolean,
): CheckerFunction[] {
  const rule = keyRule(ctx.check, key);
  const keyCheck = keyExpression(ctx, rule, 'k');
  const depth = recursive ? ' || d > $MAX_DEPTH' : '';
  const is = [
    `if (${NOT_RECORD}${depth}) return false;`,
    'const o = v as $Record;',
    'for (const k in o) {',
    'if (!$has.call(o, k)) continue;',
    'if (--$n < 0) return false;',
    ...(keyCheck === undefined ? [] : [`if (!(${keyCheck})) return false;`]),
    'const x = o[k];',
    `if (!(${isExpression(ctx, value, 'x')})) return false;`,
    '}',
    'return true;',
  ];
  const validate = [
    `if (${NOT_RECORD}) { $rt.reportValue(c, ${lit(label)}, v); return; }`,
    ...(recursive ? [`if (d > $MAX_DEPTH) { $rt.reportTooDeep(c, ${lit(label)}); return; }`] : []),
    'const o = v as $Record;',
    'for (const k in o) {',
    'if (!$has.call(o, k)) continue;',
    'if (--c.budget < 0) { $rt.reportExhausted(c); return; }',
    ...(keyCheck === undefined
      ? []
      : [`if (!(${keyCheck})) $rt.reportKey(c, k, ${lit(keyExpectation(rule))});`]),
    `c.key = k; const x = o[k]; ${diveIfInvalid(ctx, 'k', value)} c.key = undefined;`,
    '}',
  ];
  return [
    { name: names.is, parameters: IS_PARAMETERS, returnType: 'boolean', body: is },
    { name: names.validate, parameters: VALIDATE_PARAMETERS, returnType: 'void', body: validate },
  ];
}

/** The two checkers of a list helper. */
function listCheckers(ctx: GuardContext, helper: Helper, items: TypeRef): CheckerFunction[] {
  const label = lit(labelOf(ctx.check, helper.ref));
  return [
    {
      name: helper.is,
      parameters: IS_PARAMETERS,
      returnType: 'boolean',
      body: [
        'if (!Array.isArray(v)) return false;',
        'const a = v as readonly unknown[];',
        'const n = a.length;',
        'if (($n -= n + 1) < 0) return false;',
        `for (let i = 0; i < n; i++) { const x = a[i]; if (!(${isExpression(ctx, items, 'x')})) return false; }`,
        'return true;',
      ],
    },
    {
      name: helper.validate,
      parameters: VALIDATE_PARAMETERS,
      returnType: 'void',
      body: [
        `if (!Array.isArray(v)) { $rt.reportValue(c, ${label}, v); return; }`,
        'const a = v as readonly unknown[];',
        'const n = a.length;',
        'if ((c.budget -= n + 1) < 0) { $rt.reportExhausted(c); return; }',
        'for (let i = 0; i < n; i++) {',
        'if (c.budget < 0) return;',
        `c.key = i; const x = a[i]; ${diveIfInvalid(ctx, 'i', items)} c.key = undefined;`,
        '}',
      ],
    },
  ];
}

/** The two checkers of a key/value pair helper: `{ key, value }`, both required. */
function pairCheckers(
  ctx: GuardContext,
  helper: Helper,
  key: TypeRef,
  value: TypeRef,
): CheckerFunction[] {
  const label = lit(labelOf(ctx.check, helper.ref));
  const strictKeys = 'k !== "key" && k !== "value"';
  const is = [`if (${NOT_RECORD}) return false;`, 'const o = v as $Record;', 'let x: unknown;'];
  const validate = [
    `if (${NOT_RECORD}) { $rt.reportValue(c, ${label}, v); return; }`,
    'const o = v as $Record;',
  ];
  for (const [name, ref] of [
    ['key', key],
    ['value', value],
  ] as const) {
    const k = lit(name);
    is.push(
      `x = o[${k}];`,
      `if (!(${isExpression(ctx, ref, 'x')}) || !$has.call(o, ${k})) return false;`,
    );
    validate.push(validateProperty(ctx, k, ref, true));
  }
  is.push(
    `if (s) for (const k in o) if (${strictKeys} && $has.call(o, k)) return false;`,
    'return true;',
  );
  validate.push(
    `if (s) for (const k in o) if (${strictKeys} && $has.call(o, k)) $rt.reportUnknownKey(c, k, ${label});`,
  );
  return [
    { name: helper.is, parameters: IS_PARAMETERS, returnType: 'boolean', body: is },
    { name: helper.validate, parameters: VALIDATE_PARAMETERS, returnType: 'void', body: validate },
  ];
}

/** The two checkers of an enum instance (used by the exports; refs inline the expression). */
function enumCheckers(ctx: GuardContext, instance: Instance): CheckerFunction[] {
  const ref: TypeRef = { kind: 'ref', name: instance.type.name, args: [] };
  return [
    {
      name: isName(instance),
      parameters: IS_PARAMETERS,
      returnType: 'boolean',
      body: [`return ${isExpression(ctx, ref, 'v')};`],
    },
    {
      name: validateName(instance),
      parameters: VALIDATE_PARAMETERS,
      returnType: 'void',
      body: [validateStatements(ctx, ref, 'v')],
    },
  ];
}

/** The exported `isX`, `validateX`, `assertX` and `XSchema` of a model type. */
function exportsOf(ctx: GuardContext, instance: Instance, budget: boolean): StatementStructures[] {
  const reset = budget ? ['$n = $MAX_VALUES;'] : [];
  const names = ctx.check.plan.names.get(instance.type.name);
  if (names === undefined) return [];
  const type = typeText(ctx, instance);
  const label = lit(instance.label);
  return [
    {
      kind: StructureKind.Function,
      isExported: true,
      name: names.is,
      docs: [`True when \`value\` is a valid {@link ${names.type}} (never throws).`],
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: `value is ${type}`,
      statements: [
        'try {',
        ...reset,
        `return ${isName(instance)}(value, $STRICT, 0);`,
        '} catch {',
        'return false;',
        '}',
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: names.validate,
      docs: [
        `Check that \`value\` is a valid {@link ${names.type}}: the value, or every issue found.`,
      ],
      parameters: [
        { name: 'value', type: 'unknown' },
        { name: 'options', type: '$rt.ValidateOptions', hasQuestionToken: true },
      ],
      returnType: `$rt.ValidationResult<${type}>`,
      statements: [
        'const s = options?.strict ?? $STRICT;',
        'try {',
        ...reset,
        `if (${isName(instance)}(value, s, 0)) return { success: true, value: value as ${type} };`,
        '} catch {',
        '// Note: the issue-collecting pass below reports the exception.',
        '}',
        ...reset,
        `return { success: false, issues: $rt.collectIssues(value, s, ${validateName(instance)}) };`,
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: names.assert,
      docs: [`Throw a \`ValidationError\` unless \`value\` is a valid {@link ${names.type}}.`],
      parameters: [
        { name: 'value', type: 'unknown' },
        { name: 'options', type: '$rt.ValidateOptions', hasQuestionToken: true },
      ],
      returnType: `asserts value is ${type}`,
      statements: [
        `const result = ${names.validate}(value, options);`,
        `if (!result.success) throw new $rt.ValidationError(${label}, result.issues);`,
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`{@link ${names.type}} as a Standard Schema v1 (https://standardschema.dev).`],
      declarations: [
        {
          name: names.schema,
          type: `$rt.StandardSchemaV1<${type}>`,
          initializer: `$rt.standardSchema(${names.validate})`,
        },
      ],
    },
  ];
}

/** The two checkers of a model type instance. */
function instanceCheckers(ctx: GuardContext, instance: Instance): CheckerFunction[] {
  switch (instance.type.kind) {
    case 'object':
      return objectCheckers(ctx, instance);
    case 'enum':
      return enumCheckers(ctx, instance);
    case 'dictionary': {
      const { key, value } = dictionaryOf(instance);
      const names = { is: isName(instance), validate: validateName(instance) };
      const recursive = isRecursive(ctx.check, instance);
      return dictionaryCheckers(ctx, names, key, value, instance.label, recursive);
    }
  }
}

/** The two checkers of a structural helper. */
function helperCheckers(ctx: GuardContext, helper: Helper): CheckerFunction[] {
  const ref = helper.ref;
  switch (ref.kind) {
    case 'list':
      return listCheckers(ctx, helper, ref.items);
    case 'keyValuePair':
      return pairCheckers(ctx, helper, ref.key, ref.value);
    case 'dictionary':
      return dictionaryCheckers(ctx, helper, ref.key, ref.value, labelOf(ctx.check, ref), false);
    default:
      return [];
  }
}

/**
 * Emit the TypeScript source of the generated package's `guards.ts`.
 *
 * @param model
 *   The model.
 * @param plan
 *   The names of its types (`isX`, `validateX`, … come from `plan.names`).
 * @param options
 *   `strict`: reject undeclared properties by default; `optional`: the optional policy.
 * @returns
 *   The module's text (not formatted; it imports `./types.js` and `./runtime.js`).
 */
export function emitGuards(model: Model, plan: NamePlan, options: GuardOptions): string {
  const ctx: GuardContext = {
    check: createCheckContext(model, plan, options),
    helpers: new Map(),
    helperList: [],
    constants: new Map(),
  };
  const checkers: CheckerFunction[] = [];
  // Analyze: printing checkers finds specialisations and helpers; print until none is left.
  const instances = ctx.check.instances;
  for (let i = 0, h = 0; i < instances.length || h < ctx.helperList.length;) {
    if (i < instances.length) checkers.push(...instanceCheckers(ctx, instances[i++]!));
    else checkers.push(...helperCheckers(ctx, ctx.helperList[h++]!));
  }
  const plainInstances = ctx.check.instances.filter((instance) => instance.args.length === 0);
  const typeNames = [
    ...new Set(plainInstances.map((instance) => plan.types.get(instance.type.name))),
  ].filter((name): name is string => name !== undefined);

  // Note: declare only the constants the code uses (for `noUnusedLocals`).
  const functions = checkers.map(toFunction);
  // Note: the budget exists only when some checker spends it (lists, maps, recursive types).
  const budget = /\$n(?![\w$])/.test(JSON.stringify(functions));
  const exported = plainInstances.flatMap((instance) => exportsOf(ctx, instance, budget));
  const code = JSON.stringify([exported, functions]);
  // Note: one pass over the code (a regex per constant was quadratic: seconds at 1,000 types).
  // A `$name` is used where the regex `$name(?![\w$])` would match: a `$`-started tail of a
  // run of identifier characters.
  const tails = new Set<string>();
  for (const [run] of code.matchAll(/[\w$]+/g)) {
    for (let at = run.indexOf('$'); at !== -1; at = run.indexOf('$', at + 1)) {
      tails.add(run.slice(at));
    }
  }
  const used = (name: string): boolean =>
    name.startsWith('$')
      ? tails.has(name)
      : new RegExp(`${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code);

  // Print: one batch per kind of statement, straight from the structures (no file to edit).
  if (plainInstances.length === 0) return 'export {};\n';
  const header: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime.js',
      namespaceImport: '$rt',
    },
  ];
  if (typeNames.length > 0) {
    header.push({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './types.js',
      namedImports: typeNames,
    });
  }
  if (used('$Record')) {
    header.push({
      kind: StructureKind.TypeAlias,
      name: '$Record',
      type: '{ readonly [key: string]: unknown }',
    });
  }
  const constants = [
    { name: '$STRICT', type: 'boolean', initializer: String(options.strict) },
    { name: '$MAX_DEPTH', initializer: '$rt.MAX_DEPTH' },
    { name: '$MAX_VALUES', initializer: '$rt.MAX_VALUES' },
    { name: '$has', initializer: 'Object.prototype.hasOwnProperty' },
    ...[...ctx.constants].map(([name, initializer]) => ({ name, initializer })),
  ].filter((declaration) => used(declaration.name));
  if (constants.length > 0) {
    header.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: constants,
    });
  }
  if (budget) {
    header.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Let,
      docs: ['Values the running fast check may still visit (see `MAX_VALUES`).'],
      declarations: [{ name: '$n', initializer: '0' }],
    });
  }
  // Note: the batches follow each other with no blank line, as ts-morph inserted them.
  return [header, exported, functions]
    .filter((statements) => statements.length > 0)
    .map((statements) =>
      printStructure({ kind: StructureKind.SourceFile, statements }).replace(/\n+$/, '\n'),
    )
    .join('');
}
