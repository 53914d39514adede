/**
 * A deterministic, seeded corpus of ServiceStack metadata pages in the scraped layout of
 * input/BuyPhoneNumber.txt, for benchmarks and for the corpus test.
 *
 * The pages share one type universe the way a real API's pages share `EndpointInfo`: a few
 * configured base classes (`EntityInfo`, `OwnedEntityInfo : EntityInfo`), the recursive
 * `Struct = Dictionary<string, Value>`, other configured dictionary aliases, entities (`…Info`,
 * each with a configured base) that several operations return, smaller components they nest,
 * and enums of every kind the reader knows: member lists, int-valued tables (with `-1`, like
 * AudioCodecTypes), [Flags] tables and string-valued tables.
 *
 * Each page is written the way ServiceStack orders it, headings and blank lines lost:
 *
 * ```text
 * Requires any of the roles: | Admin, Manager |
 * POST | /widgets |
 * ---|
 * Name | Parameter | Data Type | Required | Description |      the request table, then every
 * ---|---|---|---|---|                                        type it references (depth-first,
 * Name | body | string | No | The name |                       each once, base tables right
 * Color | form | TagColors | No |                              after their subclass), then the
 * Magenta | |                                                 response table the same way
 * Red |
 * To override the Content-type in your clients, …             the sample section: a multi-line
 * POST /widgets HTTP/1.1                                      request and a one-line response
 * HTTP/1.1 200 OK Content-Type: application/json … {"id":"String",…}
 * ```
 *
 * Nothing here depends on the benchmark's own packages: the corpus test imports it too.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DtoforgeConfig } from '../src/config/config.js';
import { toCamelCase } from '../src/model/builtins.js';
import { isFlags } from '../src/model/enums.js';
import type { ParameterIn, PrimitiveName, TypeRef } from '../src/model/model.js';

/** A field of a universe type (one table row). */
export interface UniverseField {
  name: string;
  type: TypeRef;
  required: boolean;
  in: ParameterIn;
  description: string;
}

export interface UniverseObject {
  kind: 'object';
  name: string;
  role: 'base' | 'value' | 'component' | 'entity' | 'request' | 'response';
  /** The configured base class. */
  base?: string;
  fields: UniverseField[];
}

export interface UniverseEnum {
  kind: 'enum';
  name: string;
  /** `list`: `Member | |` rows; the others are `Name | Value | |` tables. */
  style: 'list' | 'int' | 'flags' | 'string';
  members: { name: string; value?: number | string }[];
}

/** A configured dictionary alias (`"types": { "Struct": "Dictionary<string, Value>" }`). */
export interface UniverseAlias {
  kind: 'alias';
  name: string;
  key: TypeRef;
  value: TypeRef;
}

export type UniverseType = UniverseObject | UniverseEnum | UniverseAlias;

export interface CorpusOperation {
  name: string;
  verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  roles: string[];
  request: string;
  response: string;
}

export interface Corpus {
  /** Every type, by name, in creation order. */
  types: Map<string, UniverseType>;
  operations: CorpusOperation[];
  /** One page per operation: `<Operation>.txt` and its text. */
  pages: { file: string; text: string }[];
  /** The config that names what the pages cannot (responses, bases, aliases). */
  config: DtoforgeConfig;
}

export interface CorpusOptions {
  /** How many pages (operations). */
  pages: number;
  /** The PRNG seed (default 1). */
  seed?: number;
}

/** mulberry32: a small, fast, seedable PRNG. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random helpers over one PRNG. */
class Dice {
  constructor(readonly next: () => number) {}
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Skewed towards the start of the list (popular items are reused more, like a real API). */
  pickSkewed<T>(items: readonly T[]): T {
    const r = this.next();
    const item = items[Math.floor(r * r * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

const DOMAIN = [
  'Account',
  'Agent',
  'Alert',
  'Archive',
  'Audio',
  'Billing',
  'Bot',
  'Call',
  'Campaign',
  'Channel',
  'Chat',
  'Contact',
  'Conference',
  'Customer',
  'Dashboard',
  'Device',
  'Dialer',
  'Domain',
  'Email',
  'Emergency',
  'Fax',
  'Feature',
  'Flow',
  'Form',
  'Gateway',
  'Greeting',
  'Group',
  'Hold',
  'Hook',
  'Integration',
  'Invoice',
  'Ivr',
  'Journey',
  'Label',
  'Lead',
  'Line',
  'Media',
  'Meeting',
  'Message',
  'Metric',
  'Node',
  'Note',
  'Number',
  'Order',
  'Partner',
  'Payment',
  'Phone',
  'Plan',
  'Portal',
  'Presence',
  'Prompt',
  'Queue',
  'Recording',
  'Region',
  'Report',
  'Route',
  'Rule',
  'Schedule',
  'Seat',
  'Session',
  'Sip',
  'Skill',
  'Sms',
  'Survey',
  'Tag',
  'Task',
  'Team',
  'Template',
  'Tenant',
  'Ticket',
  'Transcript',
  'Trunk',
  'Usage',
  'User',
  'Video',
  'Voicemail',
  'Webhook',
  'Widget',
  'Zone',
];
const QUALIFIER = [
  'Access',
  'Action',
  'Address',
  'Audit',
  'Batch',
  'Config',
  'Cost',
  'Detail',
  'Event',
  'Export',
  'Filter',
  'Hour',
  'Import',
  'Limit',
  'Link',
  'Log',
  'Mapping',
  'Option',
  'Owner',
  'Policy',
  'Quota',
  'Rate',
  'Share',
  'Slot',
  'Source',
  'Status',
  'Step',
  'Target',
  'Usage',
  'Window',
];
const FIELD_WORDS = [
  'Active',
  'Address',
  'Alias',
  'Amount',
  'Area',
  'Body',
  'Caller',
  'Code',
  'Color',
  'Count',
  'Country',
  'Culture',
  'Default',
  'Delay',
  'Display',
  'Due',
  'Duration',
  'Email',
  'End',
  'External',
  'First',
  'Format',
  'Friendly',
  'Host',
  'Icon',
  'Key',
  'Label',
  'Language',
  'Last',
  'Limit',
  'Locale',
  'Max',
  'Min',
  'Mode',
  'Name',
  'Notes',
  'Offset',
  'Order',
  'Owner',
  'Page',
  'Parent',
  'Phone',
  'Port',
  'Postal',
  'Price',
  'Priority',
  'Reason',
  'Reference',
  'Retry',
  'Score',
  'Secret',
  'Sort',
  'Start',
  'State',
  'Summary',
  'Time',
  'Title',
  'Token',
  'Total',
  'Unit',
  'Url',
  'Version',
  'Weight',
  'Zip',
];
const FIELD_SUFFIX = ['', 'Id', 'Name', 'Count', 'Url', 'Code', 'Text', 'Value', 'Sid', 'Key'];
const MEMBER_WORDS = [
  'Unknown',
  'None',
  'Pending',
  'Active',
  'Inactive',
  'Ready',
  'NotReady',
  'Busy',
  'Away',
  'Offline',
  'Online',
  'Queued',
  'Running',
  'Paused',
  'Stopped',
  'Failed',
  'Completed',
  'Cancelled',
  'Expired',
  'Archived',
  'Draft',
  'Published',
  'Hidden',
  'ReadOnly',
  'ReadWrite',
  'Low',
  'Medium',
  'High',
  'Urgent',
  'Daily',
  'Weekly',
  'Monthly',
  'Yearly',
  'Inbound',
  'Outbound',
  'Internal',
  'External',
  'Manual',
  'Automatic',
  'Custom',
  'Default',
  'Primary',
  'Secondary',
  'Backup',
  'Udp',
  'Tcp',
  'Tls',
  'Sms',
  'Mms',
  'Voice',
  'Fax',
  'Email',
  'Chat',
];
const ENUM_SUFFIX = ['Types', 'Modes', 'States', 'Kinds', 'Levels', 'Methods', 'Options'];
const COMPONENT_SUFFIX = ['Settings', 'Rule', 'Item', 'Entry', 'Detail', 'Link', 'Info2', 'Spec'];
const SENTENCE = [
  'The',
  'ID',
  'of',
  'the',
  'name',
  'for',
  'this',
  'account',
  'customer',
  'endpoint',
  'value',
  'list',
  'to',
  'use',
  'when',
  'is',
  'set',
  'if',
  'enabled',
  'user',
  'number',
  'date',
  'type',
  'settings',
  'flow',
  '(optional)',
  'otherwise',
  'default',
  'with',
  'a',
];
const ROLES = ['SystemAdministrator', 'Manager', 'Customer', 'Agent', 'Auditor'];

const BASE_FIELDS: UniverseField[] = [
  ['Id', 'The ID of the object'],
  ['DateCreated', 'The date the object was created'],
  ['DateLastModified', 'The date the object was last modified'],
  ['CreatedBy', 'The user that created this object'],
  ['LastModifiedBy', 'The user that last modified this object'],
].map(([name, description]) => ({
  name: name!,
  type: primitive('string'),
  required: false,
  in: 'form' as const,
  description: description!,
}));

function primitive(name: PrimitiveName): TypeRef {
  return { kind: 'primitive', name };
}
function ref(name: string): TypeRef {
  return { kind: 'ref', name, args: [] };
}
function list(items: TypeRef): TypeRef {
  return { kind: 'list', items };
}
function nullable(type: TypeRef): TypeRef {
  return { kind: 'nullable', type };
}

/** Unique names from word combinations, never one of `taken`. */
class Namer {
  readonly taken = new Set<string>([
    'Struct',
    'Value',
    'EntityInfo',
    'OwnedEntityInfo',
    'DayOfWeek',
    'ResponseStatus',
    'ResponseError',
  ]);
  constructor(readonly dice: Dice) {}
  next(make: () => string): string {
    for (let attempt = 0; ; attempt++) {
      const base = make();
      const name = attempt < 20 ? base : `${base}${attempt}`;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }
}

/** The C# Data Type cell of a type. */
export function typeText(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'nullable':
      return `${typeText(type.type)}?`;
    case 'list':
      return `List<${typeText(type.items)}>`;
    case 'dictionary':
      return `Dictionary<${typeText(type.key)}, ${typeText(type.value)}>`;
    case 'keyValuePair':
      return `KeyValuePair<${typeText(type.key)}, ${typeText(type.value)}>`;
    case 'ref':
      return type.args.length > 0
        ? `${type.name}<${type.args.map(typeText).join(', ')}>`
        : type.name;
    case 'typeParameter':
      return type.name;
    case 'literals':
      return 'string';
  }
}

/** Build the shared type universe and the operations for `count` pages. */
function buildUniverse(
  count: number,
  dice: Dice,
): {
  types: Map<string, UniverseType>;
  operations: CorpusOperation[];
} {
  const types = new Map<string, UniverseType>();
  const add = <T extends UniverseType>(type: T): T => {
    types.set(type.name, type);
    return type;
  };
  const namer = new Namer(dice);
  const sentence = (): string => {
    if (dice.chance(0.35)) return '';
    const words = Array.from({ length: dice.int(3, 10) }, () => dice.pick(SENTENCE));
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  };

  // Bases and the recursive Struct ↔ Value pair, as on the Evo Voice page.
  add({ kind: 'object', name: 'EntityInfo', role: 'base', fields: BASE_FIELDS });
  add({
    kind: 'object',
    name: 'OwnedEntityInfo',
    role: 'base',
    base: 'EntityInfo',
    fields: [
      {
        name: 'AccountId',
        type: primitive('string'),
        required: false,
        in: 'form',
        description: 'The account this object belongs to',
      },
      {
        name: 'CustomerId',
        type: primitive('string'),
        required: false,
        in: 'form',
        description: 'The customer this object belongs to',
      },
    ],
  });
  add({ kind: 'alias', name: 'Struct', key: primitive('string'), value: ref('Value') });
  add({
    kind: 'object',
    name: 'Value',
    role: 'value',
    fields: [
      {
        name: 'BoolValue',
        type: nullable(primitive('bool')),
        required: false,
        in: 'form',
        description: '',
      },
      {
        name: 'StringValue',
        type: primitive('string'),
        required: false,
        in: 'form',
        description: '',
      },
      {
        name: 'NumberValue',
        type: nullable(primitive('double')),
        required: false,
        in: 'form',
        description: '',
      },
      {
        name: 'ListValue',
        type: list(ref('Struct')),
        required: false,
        in: 'form',
        description: '',
      },
      { name: 'StructValue', type: ref('Struct'), required: false, in: 'form', description: '' },
    ],
  });

  // Enums of every kind.
  const enums: UniverseEnum[] = [];
  const enumCount = 8 + Math.round(count * 0.4);
  for (let i = 0; i < enumCount; i++) {
    const name = namer.next(() => `${dice.pick(DOMAIN)}${dice.pick(ENUM_SUFFIX)}`);
    const roll = dice.next();
    const style = roll < 0.6 ? 'list' : roll < 0.8 ? 'int' : roll < 0.9 ? 'flags' : 'string';
    // [Flags]: None = 0 and at least three bits (dtoforge's rule for reading a table as flags).
    const size = style === 'flags' ? dice.int(4, 8) : dice.int(2, 12);
    const names = new Set<string>();
    while (names.size < size) {
      const word = dice.pick(MEMBER_WORDS);
      names.add(names.has(word) ? `${word}${names.size}` : word);
    }
    const memberNames = [...names];
    let members: UniverseEnum['members'];
    if (style === 'list') {
      members = memberNames.map((member) => ({ name: member }));
    } else if (style === 'flags') {
      members = memberNames.map((member, index) => ({
        name: member,
        value: index === 0 ? 0 : 2 ** (index - 1),
      }));
    } else if (style === 'string') {
      members = memberNames.map((member) => ({
        name: member,
        value: member.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase(),
      }));
    } else {
      let value = 0;
      members = memberNames.map((member) => {
        const entry = { name: member, value };
        value += dice.int(1, 9);
        return entry;
      });
      if (dice.chance(0.5) || isFlags(members.map((m) => Number(m.value)))) {
        members.push({ name: names.has('NONE') ? 'NONE2' : 'NONE', value: -1 });
      }
    }
    // The wire form follows dtoforge's reading of the table, whatever was drawn.
    const valued = members.every((member) => typeof member.value === 'number');
    const flags = valued && isFlags(members.map((member) => Number(member.value)));
    if (flags !== (style === 'flags')) throw new Error(`corpus enum ${name}: flags mismatch`);
    enums.push(add({ kind: 'enum', name, style, members }));
  }
  const plainEnums = enums.filter((e) => e.style === 'list');

  // Scalar field types, weighted like the real pages (mostly strings and booleans).
  const scalar = (): TypeRef => {
    const r = dice.next();
    if (r < 0.5) return primitive('string');
    if (r < 0.68) return primitive('bool');
    if (r < 0.76) return primitive('int');
    if (r < 0.79) return primitive('long');
    if (r < 0.82) return primitive('double');
    if (r < 0.86) return primitive('DateTime');
    if (r < 0.88) return primitive('Guid');
    if (r < 0.9) return primitive('TimeSpan');
    if (r < 0.93) return nullable(primitive('int'));
    if (r < 0.96) return nullable(primitive('bool'));
    if (r < 0.98) return nullable(primitive('DateTime'));
    return primitive('decimal');
  };
  const fieldName = (used: Set<string>): string => {
    for (;;) {
      const name = `${dice.pick(FIELD_WORDS)}${dice.pick(FIELD_SUFFIX)}`;
      const key = name.toLowerCase();
      if (!used.has(key)) {
        used.add(key);
        return name;
      }
    }
  };

  // Dictionary aliases over components (configured, like EntityIntegrationData).
  const aliases: UniverseAlias[] = [];

  // Components: small objects referencing earlier components (a DAG), enums and Struct.
  const components: UniverseObject[] = [];
  const componentCount = 10 + Math.round(count * 0.5);
  const fieldType = (
    options: { components: readonly UniverseObject[]; aliases: readonly UniverseAlias[] },
    rich: boolean,
  ): TypeRef => {
    // Entities reference more (EndpointInfo: half of its fields are enums or objects).
    const scalars = rich ? 0.4 : 0.62;
    const roll = dice.next();
    if (roll < scalars) return scalar();
    const r = 0.62 + ((roll - scalars) * 0.38) / (1 - scalars);
    const comps = options.components;
    if (r < 0.74) return ref(dice.pickSkewed(enums).name);
    if (r < 0.8 && comps.length > 0) return ref(dice.pickSkewed(comps).name);
    if (r < 0.86 && comps.length > 0) return list(ref(dice.pickSkewed(comps).name));
    if (r < 0.89) return list(primitive(dice.chance(0.7) ? 'string' : 'int'));
    if (r < 0.91) return list(ref(dice.pickSkewed(enums).name));
    if (r < 0.94) return ref('Struct');
    if (r < 0.96)
      return { kind: 'dictionary', key: primitive('string'), value: primitive('string') };
    if (r < 0.97 && rich && options.aliases.length > 0) return ref(dice.pick(options.aliases).name);
    if (r < 0.98 && plainEnums.length > 0)
      return { kind: 'dictionary', key: ref(dice.pick(plainEnums).name), value: primitive('int') };
    if (r < 0.99) return ref('DayOfWeek');
    return scalar();
  };
  for (let i = 0; i < componentCount; i++) {
    const name = namer.next(
      () => `${dice.pick(DOMAIN)}${dice.pick(QUALIFIER)}${dice.pick(COMPONENT_SUFFIX)}`,
    );
    const used = new Set<string>();
    const fields: UniverseField[] = Array.from({ length: dice.int(2, 10) }, () => ({
      name: fieldName(used),
      type: fieldType({ components, aliases: [] }, false),
      required: false,
      in: 'form' as const,
      description: sentence(),
    }));
    components.push(add({ kind: 'object', name, role: 'component', fields }));
    // Now and then a dictionary alias over a component (its value table has no name on the page).
    if (dice.chance(0.04)) {
      const aliasName = namer.next(() => `${dice.pick(DOMAIN)}${dice.pick(QUALIFIER)}Map`);
      aliases.push(
        add({ kind: 'alias', name: aliasName, key: primitive('string'), value: ref(name) }),
      );
    }
  }

  // Entities: `…Info` DTOs with a configured base, returned by several operations.
  const entities: UniverseObject[] = [];
  const entityCount = Math.max(3, Math.ceil(count / 5));
  const reserved = new Set(
    [...BASE_FIELDS, { name: 'AccountId' }, { name: 'CustomerId' }].map((f) =>
      f.name.toLowerCase(),
    ),
  );
  for (let i = 0; i < entityCount; i++) {
    const noun = namer.next(
      () => `${dice.pick(DOMAIN)}${dice.chance(0.5) ? dice.pick(QUALIFIER) : ''}`,
    );
    const name = namer.next(() => `${noun}Info`);
    const used = new Set(reserved);
    const fields: UniverseField[] = Array.from({ length: dice.int(12, 48) }, () => ({
      name: fieldName(used),
      type: fieldType({ components, aliases }, true),
      required: false,
      in: 'form' as const,
      description: sentence(),
    }));
    const base = dice.chance(0.5) ? 'EntityInfo' : 'OwnedEntityInfo';
    entities.push(add({ kind: 'object', name, role: 'entity', base, fields }));
  }

  // Operations: CRUD-ish verbs over the entities; each page its own request DTO.
  const operations: CorpusOperation[] = [];
  const verbs = ['Get', 'Create', 'Update', 'List', 'Delete', 'Search', 'Sync', 'Export'] as const;
  for (let i = 0; i < count; i++) {
    const entity = entities[i % entities.length]!;
    const noun = entity.name.replace(/Info$/, '');
    const verb = verbs[Math.floor(i / entities.length) % verbs.length]!;
    const round = Math.floor(i / (entities.length * verbs.length));
    const name = namer.next(
      () =>
        `${verb}${noun}${verb === 'List' || verb === 'Search' ? 's' : ''}${round > 0 ? `V${round + 1}` : ''}`,
    );
    const resource = `/${noun.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}s`;
    const used = new Set<string>();
    const requestFields: UniverseField[] = [];
    let httpVerb: CorpusOperation['verb'];
    let routePath = resource;
    const idField = (): UniverseField => {
      used.add('id');
      return {
        name: 'Id',
        type: primitive('string'),
        required: true,
        in: 'path',
        description: `The ID of the ${noun}`,
      };
    };
    if (verb === 'Get' || verb === 'Delete' || verb === 'Export') {
      httpVerb = verb === 'Delete' ? 'DELETE' : 'GET';
      routePath = `${resource}/{Id}`;
      requestFields.push(idField());
      for (let f = dice.int(0, 3); f > 0; f--) {
        requestFields.push({
          name: fieldName(used),
          type: scalar(),
          required: false,
          in: 'query',
          description: sentence(),
        });
      }
    } else if (verb === 'List' || verb === 'Search') {
      httpVerb = 'GET';
      for (let f = dice.int(2, 8); f > 0; f--) {
        const type = dice.chance(0.2) ? list(ref(dice.pickSkewed(enums).name)) : scalar();
        requestFields.push({
          name: fieldName(used),
          type,
          required: false,
          in: 'query',
          description: sentence(),
        });
      }
    } else {
      httpVerb = verb === 'Update' ? 'PUT' : 'POST';
      if (verb === 'Update') {
        routePath = `${resource}/{Id}`;
        requestFields.push(idField());
      }
      // Like BuyPhoneNumber: some of the entity's own fields, and a Struct of data.
      for (const field of entity.fields) {
        if (dice.chance(0.4) && !used.has(field.name.toLowerCase())) {
          used.add(field.name.toLowerCase());
          // Required only when the sample shows it (ServiceStack leaves Struct out).
          const shown = sampleValue(field.type, types, 0) !== undefined;
          requestFields.push({ ...field, required: dice.chance(0.15) && shown, in: 'body' });
        }
      }
      if (!used.has('data')) {
        used.add('data');
        requestFields.push({
          name: 'Data',
          type: ref('Struct'),
          required: false,
          in: 'body',
          description: 'Data values for this object',
        });
      }
    }
    add({ kind: 'object', name, role: 'request', fields: requestFields });
    let response = entity.name;
    if (verb === 'List' || verb === 'Search' || verb === 'Delete' || verb === 'Sync') {
      response = namer.next(() => `${name}Response`);
      const fields: UniverseField[] =
        verb === 'Delete' || verb === 'Sync'
          ? [
              {
                name: 'ResponseStatus',
                type: ref('ResponseStatus'),
                required: false,
                in: 'form',
                description: '',
              },
            ]
          : [
              {
                name: 'Items',
                type: list(ref(entity.name)),
                required: false,
                in: 'form',
                description: 'The page of results',
              },
              {
                name: 'TotalCount',
                type: primitive('int'),
                required: false,
                in: 'form',
                description: 'How many results there are',
              },
              {
                name: 'Offset',
                type: primitive('int'),
                required: false,
                in: 'form',
                description: '',
              },
              {
                name: 'ResponseStatus',
                type: ref('ResponseStatus'),
                required: false,
                in: 'form',
                description: '',
              },
            ];
      add({ kind: 'object', name: response, role: 'response', fields });
    }
    const roles = dice.chance(0.8) ? ROLES.filter(() => dice.chance(0.5)) : [];
    operations.push({ name, verb: httpVerb, path: routePath, roles, request: name, response });
  }
  return { types, operations };
}

/** A table cell's text: no pipes, no line breaks. */
function cell(text: string): string {
  return text.replace(/[|\r\n]/g, ' ').trim();
}

/** Write one page's blocks in ServiceStack's order (see the module comment). */
function renderBlocks(
  operation: CorpusOperation,
  types: ReadonlyMap<string, UniverseType>,
): string[] {
  const lines: string[] = [];
  const bound = new Set<string>();
  const table = (type: UniverseObject): void => {
    lines.push('Name | Parameter | Data Type | Required | Description |', '---|---|---|---|---|');
    type.fields.forEach((field, index) => {
      const last = index === type.fields.length - 1;
      const description = cell(field.description);
      const head = `${field.name} | ${field.in} | ${typeText(field.type)} | ${field.required ? 'Yes' : 'No'} |`;
      // The scrape drops the last row's empty Description cell.
      if (description !== '') lines.push(`${head} ${description} |`);
      else lines.push(last ? head : `${head} |`);
    });
  };
  const enumBlock = (type: UniverseEnum): void => {
    if (type.style === 'list') {
      type.members.forEach((member, index) =>
        lines.push(index === type.members.length - 1 ? `${member.name} |` : `${member.name} | |`),
      );
      return;
    }
    lines.push('Name | Value | |', '---|---|---|');
    type.members.forEach((member, index) =>
      lines.push(
        index === type.members.length - 1
          ? `${member.name} | ${String(member.value)} |`
          : `${member.name} | ${String(member.value)} | |`,
      ),
    );
  };
  const walkType = (type: TypeRef): void => {
    switch (type.kind) {
      case 'nullable':
        walkType(type.type);
        return;
      case 'list':
        walkType(type.items);
        return;
      case 'dictionary':
      case 'keyValuePair':
        walkType(type.key);
        walkType(type.value);
        return;
      case 'ref':
        bind(type.name);
        type.args.forEach(walkType);
        return;
      default:
        return;
    }
  };
  const bind = (name: string): void => {
    if (bound.has(name)) return;
    bound.add(name);
    const type = types.get(name);
    if (!type) return; // a built-in: no table
    if (type.kind === 'alias') {
      walkType(type.key);
      walkType(type.value);
      return;
    }
    if (type.kind === 'enum') {
      enumBlock(type);
      return;
    }
    table(type);
    // Base tables follow their subclass's table, until a base already on the page.
    const chain: UniverseObject[] = [];
    for (let current = type; current.base !== undefined && !bound.has(current.base);) {
      const base = types.get(current.base);
      if (!base || base.kind !== 'object') break;
      bound.add(base.name);
      table(base);
      chain.push(base);
      current = base;
    }
    for (const field of type.fields) walkType(field.type);
    for (const base of chain) for (const field of base.fields) walkType(field.type);
  };
  bind(operation.request);
  bind(operation.response);
  return lines;
}

/** How deep nested objects go in a sample before fields are left out. */
const SAMPLE_DEPTH = 6;

/** ServiceStack's placeholder value for a type, or `undefined` when the sample leaves it out. */
function sampleValue(
  type: TypeRef,
  types: ReadonlyMap<string, UniverseType>,
  depth: number,
): unknown {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'bool':
          return false;
        case 'string':
        case 'char':
        case 'Uri':
          return 'String';
        case 'DateTime':
        case 'DateTimeOffset':
          return '0001-01-01T00:00:00.0000000';
        case 'Guid':
          return '00000000-0000-0000-0000-000000000000';
        case 'TimeSpan':
          return 'PT0S';
        case 'object':
          return undefined;
        default:
          return 0;
      }
    case 'nullable':
      return sampleValue(type.type, types, depth);
    case 'list': {
      const item = sampleValue(type.items, types, depth);
      return item === undefined ? undefined : [item];
    }
    case 'dictionary': {
      const value = sampleValue(type.value, types, depth);
      if (value === undefined) return undefined;
      const key = type.key.kind === 'ref' ? types.get(type.key.name) : undefined;
      if (key?.kind === 'enum') return { [key.members[0]?.name ?? 'String']: value };
      return { String: value };
    }
    case 'ref': {
      if (type.name === 'DayOfWeek') return 'Sunday';
      if (type.name === 'ResponseStatus') {
        const meta = { String: 'String' };
        return {
          errorCode: 'String',
          message: 'String',
          stackTrace: 'String',
          errors: [{ errorCode: 'String', fieldName: 'String', message: 'String', meta }],
          meta,
        };
      }
      const target = types.get(type.name);
      if (!target) return undefined;
      if (target.kind === 'enum') {
        const first = target.members[0];
        if (!first) return undefined;
        return target.style === 'list' || target.style === 'int' ? first.name : first.value;
      }
      if (target.kind === 'alias') {
        // ServiceStack leaves out Struct (object values); other maps show one entry.
        if (target.name === 'Struct') return undefined;
        return sampleValue(
          { kind: 'dictionary', key: target.key, value: target.value },
          types,
          depth,
        );
      }
      if (depth >= SAMPLE_DEPTH) return undefined;
      return sampleObject(target, types, depth + 1);
    }
    default:
      return undefined;
  }
}

/** A sample object: own fields first, then each base's. */
function sampleObject(
  type: UniverseObject,
  types: ReadonlyMap<string, UniverseType>,
  depth: number,
  fields: (field: UniverseField) => boolean = () => true,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (let current: UniverseType | undefined = type; current?.kind === 'object';) {
    for (const field of current.fields) {
      if (!fields(field)) continue;
      const value = sampleValue(field.type, types, depth);
      if (value !== undefined) result[toCamelCase(field.name)] = value;
    }
    current = current.base === undefined ? undefined : types.get(current.base);
  }
  return result;
}

/** One page's text. */
function renderPage(
  operation: CorpusOperation,
  types: ReadonlyMap<string, UniverseType>,
  host: string,
): string {
  const lines: string[] = [];
  if (operation.roles.length > 0)
    lines.push(`Requires any of the roles: | ${operation.roles.join(', ')} |`);
  lines.push(`${operation.verb} | ${operation.path} |`, '---|');
  lines.push(...renderBlocks(operation, types));
  lines.push(
    'To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json',
    'To embed the response in a jsonp callback, append ?callback=myCallback',
    'The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.',
  );
  const request = types.get(operation.request);
  const response = types.get(operation.response);
  lines.push(
    `${operation.verb} ${operation.path} HTTP/1.1`,
    `Host: ${host}`,
    'Accept: application/json',
  );
  if (request?.kind === 'object' && (operation.verb === 'POST' || operation.verb === 'PUT')) {
    // The sample serialises the whole request DTO, path parameters included.
    const body = sampleObject(request, types, 0, (field) => field.in !== 'query');
    lines.push('Content-Type: application/json', 'Content-Length: length', JSON.stringify(body));
  }
  const body =
    response?.kind === 'object' ? JSON.stringify(sampleObject(response, types, 0)) : '{}';
  lines.push(`HTTP/1.1 200 OK Content-Type: application/json Content-Length: length ${body}`);
  return lines.join('\n');
}

/** Drop the types no page reaches (the universe is drawn before the operations pick from it). */
function pruneUnused(
  types: Map<string, UniverseType>,
  operations: readonly CorpusOperation[],
): void {
  const reached = new Set<string>();
  const visit = (type: TypeRef): void => {
    if (type.kind === 'nullable') visit(type.type);
    else if (type.kind === 'list') visit(type.items);
    else if (type.kind === 'dictionary' || type.kind === 'keyValuePair') {
      visit(type.key);
      visit(type.value);
    } else if (type.kind === 'ref') reach(type.name);
  };
  const reach = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    const type = types.get(name);
    if (type?.kind === 'alias') {
      visit(type.key);
      visit(type.value);
    } else if (type?.kind === 'object') {
      if (type.base !== undefined) reach(type.base);
      for (const field of type.fields) visit(field.type);
    }
  };
  for (const operation of operations) {
    reach(operation.request);
    reach(operation.response);
  }
  for (const name of [...types.keys()]) if (!reached.has(name)) types.delete(name);
}

/**
 * Generate a corpus of `options.pages` pages. Deterministic: the same options give the same
 * pages, byte for byte.
 *
 * @param options
 *   How many pages, and the seed (default 1).
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const dice = new Dice(createRandom(options.seed ?? 1));
  const { types, operations } = buildUniverse(options.pages, dice);
  pruneUnused(types, operations);
  const pages = operations.map((operation) => ({
    file: `${operation.name}.txt`,
    text: renderPage(operation, types, 'api.example.com'),
  }));
  const bases: Record<string, string> = {};
  const aliasTypes: Record<string, string> = {};
  for (const type of types.values()) {
    if (type.kind === 'object' && type.base !== undefined) bases[type.name] = type.base;
    if (type.kind === 'alias')
      aliasTypes[type.name] = typeText({ kind: 'dictionary', key: type.key, value: type.value });
  }
  const config: DtoforgeConfig = {
    input: ['input'],
    output: 'generated',
    allowOutsideProject: false,
    package: {
      name: 'corpus-dtos',
      version: '0.0.0',
      description: `A generated corpus of ${options.pages} ServiceStack pages (dtoforge benchmark).`,
      license: 'MIT',
    },
    operations: Object.fromEntries(
      operations.map((operation) => [operation.name, { response: operation.response }]),
    ),
    bases,
    types: aliasTypes,
    fields: {},
    optional: 'optional',
    strict: false,
    enumStyle: 'enum',
    maxPageBytes: 4 * 1024 * 1024,
    enums: 'closed',
  };
  return { types, operations, pages, config };
}

/**
 * Write a corpus as a dtoforge project: `<dir>/input/*.txt` and `<dir>/dtoforge.config.json`.
 * The folder is emptied first.
 *
 * @param dir
 *   The project folder.
 * @param corpus
 *   From {@link generateCorpus}.
 */
export async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'input'), { recursive: true });
  await Promise.all(
    corpus.pages.map((page) => writeFile(path.join(dir, 'input', page.file), page.text)),
  );
  await writeFile(
    path.join(dir, 'dtoforge.config.json'),
    `${JSON.stringify(corpus.config, null, 2)}\n`,
  );
}
