/**
 * Inference, step 3: evidence. Small independent scorers, each returning terms
 * `{ rule, weight, place, reason }` that a hypothesis adds to its score. Every weight is in
 * {@link WEIGHTS}, the one documented table (the README's "Evidence and weights" is generated
 * from it).
 *
 * Weights are log-odds-like: a term of +3 says the page makes the reading much more likely, −8
 * that a reading leaves part of the page unexplained. Scorers only read facts and the
 * hypothesis's bindings; they decide nothing.
 */
import type { SampleNode } from '../parse/blocks.js';
import type { Field, Position } from './model.js';
import type { SampleObject, TableFacts } from './facts.js';

/** One piece of evidence for or against a hypothesis. */
export interface Term {
  rule: EvidenceRule;
  weight: number;
  /** Why, in words; computed only when asked (`--explain`), as most terms are never read. */
  reason: () => string;
  place?: Position | undefined;
}

export type EvidenceRule = keyof typeof WEIGHTS;

/**
 * Every kind of evidence, its weight and what it means. Positive weights reward a reading,
 * negative ones count against it.
 */
export const WEIGHTS = {
  'request-rows': {
    weight: 3,
    means:
      'The table read as the request’s own has `body`, `query`, `path` or `header` rows (ServiceStack writes them only there).',
  },
  'form-only-request': {
    weight: -5,
    means:
      'The table read as the request’s own has only `form` rows (every table but the request’s says `form`).',
  },
  'request-rows-elsewhere': {
    weight: -5,
    means:
      'A table read as another type than the request has `body`, `query`, `path` or `header` rows.',
  },
  'route-placeholder': {
    weight: 2,
    means: 'A `{placeholder}` of the route is a field of the request (or of its base classes).',
  },
  'route-placeholder-missing': {
    weight: -3,
    means:
      'A `{placeholder}` of the route is not a field of the request, but a field of another table.',
  },
  'sample-keys': {
    weight: 3,
    means:
      'The keys of a sample object are fields of the table read for it (weight × the share that are).',
  },
  'sample-keys-unknown': {
    weight: -1,
    means: 'A key of a sample object is no field of the table read for it (per key, at most 6).',
  },
  'fields-absent': {
    weight: -4,
    means:
      'A sample that shows the type leaves out fields of the table read for it (weight × the share left out; ServiceStack’s samples fill every property they can).',
  },
  'sample-keys-disjoint': {
    weight: -6,
    means: 'No key of a sample object is a field of the table read for it.',
  },
  'sample-kind': {
    weight: -4,
    means:
      'A sample value has the wrong shape for the table read for it (a string for a DTO table, an object for an enum).',
  },
  'enum-value': {
    weight: 1,
    means: 'A sample value is a member of the enum read for it (at most 3 per enum).',
  },
  'enum-value-unknown': {
    weight: -3,
    means: 'A sample value is not a member of the enum read for it.',
  },
  'base-not-in-sample': {
    weight: -4,
    means: 'No field of a table read as a base class is a key of the subclass’s sample.',
  },
  'base-prior': {
    weight: -1.5,
    means:
      'A table read as a base class with no sample to show it (base classes are less common than the next type).',
  },
  'base-shadows': {
    weight: -2,
    means: 'A field of a table read as a base class is also a field of its subclass (per field).',
  },
  'dictionary-sample': {
    weight: 5,
    means:
      'The sample is a map (`{"String": {…}}`) whose values have the fields of the table read as the value type.',
  },
  'dictionary-prior': {
    weight: -2.5,
    means: 'A type read as a dictionary (or list) subclass with no sample to show it.',
  },
  'empty-with-base': {
    weight: -4,
    means:
      'A type (not the request) read as having no table of its own while its base class has one.',
  },
  'sample-absent': {
    weight: -2,
    means:
      'A table read for a field that the owner’s sample leaves out while it shows the other fields (ServiceStack’s samples fill every DTO property they can).',
  },
  'generic-unused': {
    weight: -3.5,
    means:
      'A table read for a generic type (`QueryDb<Customer>`) whose fields never use its type argument.',
  },
  'base-argument': {
    weight: -2,
    means:
      'A table read as the generic argument of a base class that the config does not name (AutoQuery’s `QueryDb<T>`).',
  },
  'no-table': {
    weight: -3,
    means:
      'A referenced type gets no table on a page that has all its tables (types whose samples show no properties: at most 5 per reading).',
  },
  'no-table-end': {
    weight: -1.25,
    means:
      'A referenced type gets no table on a page that ends after a whole row with no samples (it may have all its tables, or have been cut between two).',
  },
  'no-table-cut': {
    weight: -0.25,
    means:
      'A referenced type gets no table because the page stops inside a table before reaching it.',
  },
  'unbound-table': {
    weight: -8,
    means: 'A table that no type takes (per table).',
  },
  'guessed-name': {
    weight: -0.5,
    means: 'A name the page does not give had to be derived (per name).',
  },
  'response-enum': {
    weight: -6,
    means: 'The response read from an enum list.',
  },
  'no-response': {
    weight: -1,
    means: 'The operation read as having no response table while tables are left.',
  },
  'response-missing': {
    weight: -1.5,
    means: 'A page that stops early read as showing no response table at all.',
  },
} as const satisfies Record<string, { weight: number; means: string }>;

/**
 * How far score `a` is ahead of score `b`, to a millionth: scores are sums of weights such as
 * 0.1 in different orders, so a lead of exactly 3 may come out as 2.9999999999999964.
 */
export function lead(a: number, b: number): number {
  return Math.round((a - b) * 1e6) / 1e6;
}

/** A term of `rule`, its weight scaled by `scale` (1 by default). */
export function term(rule: EvidenceRule, reason: () => string, place?: Position, scale = 1): Term {
  return { rule, weight: WEIGHTS[rule].weight * scale, reason, place };
}

/** Each sample object's entries by lower-case key (computed once per object). */
const indexes = new WeakMap<SampleObject, Map<string, SampleNode>>();

/** A sample object's entries by lower-case key (the first entry wins). */
export function sampleIndex(sample: SampleObject): Map<string, SampleNode> {
  let index = indexes.get(sample);
  if (!index) {
    index = new Map();
    for (const entry of sample.entries) {
      const key = entry.key.toLowerCase();
      if (!index.has(key)) index.set(key, entry.value);
    }
    indexes.set(sample, index);
  }
  return index;
}

/** The objects among sample nodes. */
export function objectsOf(nodes: readonly SampleNode[]): SampleObject[] {
  return nodes.filter((node): node is SampleObject => node.kind === 'object');
}

/** A sample node's kind as a message says it: `an object`, `a string`. */
export function kindOf(node: SampleNode): string {
  return node.kind === 'object'
    ? 'an object'
    : node.kind === 'array'
      ? 'an array'
      : `a ${node.kind}`;
}

/**
 * Parameter column: the request's own table has request rows; no other table does.
 *
 * @param table
 *   The table read for `role`.
 * @param role
 *   `request`: the request DTO's own table; `other`: any other type's.
 */
export function parameterTerms(table: TableFacts, role: 'request' | 'other'): Term[] {
  if (table.kind !== 'object' || table.fields.length === 0) return [];
  if (role === 'request') {
    return table.requestRows > 0
      ? [
          term(
            'request-rows',
            () =>
              `table at line ${table.position.start.line} has ${table.requestRows} request rows`,
            table.position,
          ),
        ]
      : [
          term(
            'form-only-request',
            () => `table at line ${table.position.start.line} has only \`form\` rows`,
            table.position,
          ),
        ];
  }
  return table.requestRows > 0
    ? [
        term(
          'request-rows-elsewhere',
          () =>
            `table at line ${table.position.start.line} has ${table.requestRows} request rows but is not the request's`,
          table.position,
        ),
      ]
    : [];
}

/**
 * Sample keys against the fields a type has (its own and its bases'), for every sample object
 * of the type: rewards coverage, penalises unknown keys and disjoint samples.
 */
export function sampleKeyTerms(
  name: string,
  keys: ReadonlySet<string>,
  samples: readonly SampleObject[],
): Term[] {
  const terms: Term[] = [];
  for (const sample of samples) {
    if (sample.entries.length === 0) continue;
    let matched = 0;
    let unknown = 0;
    let firstUnknown: string | undefined;
    for (const key of sampleIndex(sample).keys()) {
      if (keys.has(key)) matched++;
      else {
        unknown++;
        firstUnknown ??= key;
      }
    }
    if (matched === 0) {
      terms.push(
        term(
          'sample-keys-disjoint',
          () => `no key of the sample for \`${name}\` is one of its fields`,
          sample.position,
        ),
      );
      continue;
    }
    terms.push(
      term(
        'sample-keys',
        () =>
          `${matched} of ${matched + unknown} keys of the sample for \`${name}\` are its fields`,
        sample.position,
        matched / (matched + unknown),
      ),
    );
    if (unknown > 0) {
      terms.push(
        term(
          'sample-keys-unknown',
          () =>
            `${unknown} key${unknown === 1 ? '' : 's'} of the sample for \`${name}\` (\`${firstUnknown ?? ''}\`…) are no fields of it`,
          sample.position,
          Math.min(unknown, 6),
        ),
      );
    }
  }
  return terms;
}

/** The fields of a type's own table that its samples leave out (`chain`: the keys of the type and its bases). */
export function fieldsAbsentTerms(
  name: string,
  table: TableFacts,
  chain: ReadonlySet<string>,
  samples: readonly SampleObject[],
): Term[] {
  const terms: Term[] = [];
  if (table.fields.length === 0) return terms;
  for (const sample of samples) {
    const index = sampleIndex(sample);
    // A sample that shows no field at all is `sample-keys-disjoint` already.
    if (![...index.keys()].some((key) => chain.has(key))) continue;
    const absent = table.fields.filter(
      (field) => !index.has(field.wireName.toLowerCase()) && !index.has(field.name.toLowerCase()),
    ).length;
    if (absent > 0) {
      terms.push(
        term(
          'fields-absent',
          () =>
            `the sample for \`${name}\` leaves out ${absent} of the ${table.fields.length} fields of the table at line ${table.position.start.line}`,
          sample.position,
          absent / table.fields.length,
        ),
      );
    }
  }
  return terms;
}

/** Sample shapes against the kind of table read for them (objects for DTOs, scalars for enums). */
export function sampleKindTerms(
  name: string,
  kind: 'object' | 'enum',
  samples: readonly SampleNode[],
): Term[] {
  const terms: Term[] = [];
  for (const node of samples) {
    if (node.kind === 'null') continue;
    const fits =
      kind === 'object' ? node.kind === 'object' : node.kind !== 'object' && node.kind !== 'array';
    if (!fits) {
      terms.push(
        term(
          'sample-kind',
          () =>
            `the sample for \`${name}\` is ${kindOf(node)}, expected ${kind === 'object' ? 'an object' : 'a member'}`,
          node.position,
        ),
      );
    }
  }
  return terms;
}

/** Enum sample values against the members' wire values (lower-case keys of the table). */
export function enumValueTerms(
  name: string,
  table: TableFacts,
  samples: readonly SampleNode[],
): Term[] {
  const terms: Term[] = [];
  let members = 0;
  for (const node of samples) {
    if (node.kind !== 'string' && node.kind !== 'number') continue;
    const value = String(node.value).toLowerCase();
    // Flags enums travel as numbers and combinations: any integer is a fair value.
    const flags = table.enumShape?.flags === true && node.kind === 'number';
    if (table.keys.has(value) || flags) {
      if (members < 3)
        terms.push(
          term(
            'enum-value',
            () => `\`${String(node.value)}\` is a member of \`${name}\``,
            node.position,
          ),
        );
      members++;
    } else {
      terms.push(
        term(
          'enum-value-unknown',
          () => `\`${String(node.value)}\` is no member of \`${name}\``,
          node.position,
        ),
      );
    }
  }
  return terms;
}

/** A generic type's table should use its type arguments in its fields. */
export function genericTerms(name: string, table: TableFacts, args: readonly string[]): Term[] {
  if (args.length === 0 || table.kind !== 'object') return [];
  const used = table.fields.some((field) => args.some((arg) => field.typeText.includes(arg)));
  return used
    ? []
    : [
        term(
          'generic-unused',
          () =>
            `no field of the table at line ${table.position.start.line} uses the type argument of \`${name}\``,
          table.position,
        ),
      ];
}

/**
 * A base-class reading: the base table's fields against the subclass's sample keys and own
 * fields.
 */
export function baseTerms(
  subclass: string,
  base: TableFacts,
  ownKeys: ReadonlySet<string>,
  samples: readonly SampleObject[],
  configured = false,
): Term[] {
  const terms: Term[] = [];
  const shadowed = base.fields.filter((field) => ownKeys.has(field.name.toLowerCase())).length;
  if (shadowed > 0) {
    terms.push(
      term(
        'base-shadows',
        () =>
          `${shadowed} field(s) of the table at line ${base.position.start.line} are fields of \`${subclass}\` too`,
        base.position,
        shadowed,
      ),
    );
  }
  const keys = new Set<string>();
  for (const sample of samples)
    for (const entry of sample.entries) keys.add(entry.key.toLowerCase());
  if (keys.size === 0) {
    // A base the config names needs no sample to be believed.
    if (configured) return terms;
    terms.push(
      term(
        'base-prior',
        () => `no sample of \`${subclass}\` shows the table at line ${base.position.start.line}`,
        base.position,
      ),
    );
    return terms;
  }
  const shown = base.fields.filter(
    (field: Field) => keys.has(field.wireName.toLowerCase()) || keys.has(field.name.toLowerCase()),
  ).length;
  // A sample that shows the base's fields is rewarded through the subclass's key coverage;
  // one that shows none of them speaks against the reading.
  if (shown === 0) {
    terms.push(
      term(
        'base-not-in-sample',
        () =>
          `no field of the table at line ${base.position.start.line} is in the sample of \`${subclass}\``,
        base.position,
      ),
    );
  }
  return terms;
}

/**
 * A dictionary-subclass reading (`Struct : Dictionary<string, Value>`): the samples of the
 * type should be maps whose values have the value table's fields.
 */
export function dictionaryTerms(
  name: string,
  value: TableFacts,
  samples: readonly SampleNode[],
): Term[] {
  const objects = objectsOf(samples);
  if (objects.length === 0) {
    return [term('dictionary-prior', () => `no sample shows \`${name}\` as a map`, value.position)];
  }
  const terms: Term[] = [];
  for (const sample of objects) {
    const map =
      sample.entries.length > 0 &&
      sample.entries.every((entry) => !value.keys.has(entry.key.toLowerCase())) &&
      sample.entries.every(
        (entry) =>
          entry.value.kind === 'object' &&
          entry.value.entries.every((inner) => value.keys.has(inner.key.toLowerCase())),
      );
    terms.push(
      map
        ? term(
            'dictionary-sample',
            () =>
              `the sample for \`${name}\` is a map of the table at line ${value.position.start.line}`,
            sample.position,
          )
        : term(
            'sample-keys-disjoint',
            () =>
              `the sample for \`${name}\` is not a map of the table at line ${value.position.start.line}`,
            sample.position,
          ),
    );
  }
  return terms;
}
