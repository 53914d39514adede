/**
 * The parse and model stages over small pages of every layout and type form
 * (test/fixtures/pages/<case>/), and over the real Evo Voice page.
 *
 * Each case has file snapshots (`model.txt`, a projection of the model a reviewer can read: see
 * `modelProjection`; `diagnostics.txt`; and for one case the full `model.json` that `inspect`
 * prints) and its key facts asserted explicitly below, so a change fails for the right reason.
 * `npm test` never writes a snapshot (vitest runs with `--update=none`): after a reviewed
 * change, regenerate with `npx vitest run test/pages.test.ts -u` and review the diff.
 *
 * Some facts and snapshots hold today's output where it is KNOWN TO BE WRONG (`knownWrong`):
 * they say so in a first line of `model.txt`, and a test states what the code must at least do
 * (an `it.fails` test while it does not).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type DtoforgeConfig } from '../src/config/config.js';
import type { Model, ModelType, Operation, Position } from '../src/model/model.js';
import {
  CASES_DIR,
  ROOT,
  casePages,
  describeField,
  describeType,
  diagnosticKeys,
  diagnosticsSnapshot,
  listPageCases,
  modelProjection,
  modelSnapshot,
  runPageCase,
  runStages,
} from './helpers/pages-run.js';

/** What a case must produce; `bug` marks a case the code gets wrong today. */
interface CaseFacts {
  /** {@link describeType} of every type, in model order. */
  types: string[];
  /** `types` lists only the first types (the real page's). */
  typesPrefix?: boolean;
  operations: OperationFacts[];
  /** {@link describeField} of every field, for the types listed. */
  fields?: Record<string, string[]>;
  /** `<file>:<line>:<column> <rule id>` of every message, in order. */
  diagnostics: string[];
  /** A piece of each message's reason, in the same order (errors only). */
  reasons?: string[];
  /** Why the code fails this case today (the lead fixes it; see the report). */
  bug?: string;
  /** The snapshots are wrong too today: they hold the expected output, written by hand. */
  snapshotBug?: boolean;
  /**
   * What is known to be wrong in today's output, which `types`/`operations` and the snapshots
   * still hold (so that any OTHER change shows): not the truth. Printed as the first line of
   * `model.txt`.
   */
  knownWrong?: string;
  /** Also snapshot the full model JSON (`model.json`), as `dtoforge inspect` prints it. */
  fullJson?: boolean;
}

interface OperationFacts {
  name: string;
  nameSource: Operation['nameSource'];
  method: string;
  /** Each route's verbs, as `GET` or `GET,POST`. */
  verbs: string[];
  paths: string[];
  roles: string[];
  response?: string;
  /** The body format of each sample the page shows. */
  samples: { request?: 'json' | 'jsv'; response?: 'json' | 'jsv' };
}

const CUSTOMER_STATUS = 'CustomerStatus enum reference none [Active, Closed]';

const PING: Omit<OperationFacts, 'verbs' | 'roles'> = {
  name: 'Ping',
  nameSource: 'sample-path',
  method: 'POST',
  paths: ['/ping'],
  response: 'Pong',
  samples: { request: 'json', response: 'json' },
};
const PING_TYPES = ['Ping object sample-path 1 fields', 'Pong object config 1 fields'];

/**
 * KNOWN WRONG, WARNED (issue #9): without config, the table of `Value` (the values of the
 * dictionary `Struct`) becomes an OBJECT type named `Struct` holding Value's five fields; an
 * `ambiguous-binding` warning says so and names the config entry that settles it.
 */
const STRUCT_KNOWN_WRONG =
  'KNOWN WRONG, WARNED (issue #9): without config, Struct is an object holding the fields of Value (the table of Value), with an ambiguous-binding warning that names the dictionary reading; Struct is Dictionary<string, Value>';

/**
 * The real page's first types read without any config, in page order: TODAY'S output, which is
 * known to be wrong for `Struct` ({@link STRUCT_KNOWN_WRONG}).
 */
const REAL_PAGE_TYPES_WITHOUT_CONFIG = (request: string): string[] => [
  `${request} object ${request === 'BuyPhoneNumber' ? 'file' : 'derived'} 10 fields`,
  'Struct object reference 5 fields',
  `${request}Response object derived 64 fields base=${request}ResponseBase`,
  `${request}ResponseBase object derived 5 fields`,
];

const FACTS: Record<string, CaseFacts> = {
  // 1. Rows with a leading `|` and trailing spaces; a GET whose sample has no body. Its full
  // model.json pins the JSON that `dtoforge inspect` prints (positions, samples, sources).
  'leading-pipe-trailing-spaces': {
    fullJson: true,
    types: [
      'GetCustomer object sample-path 2 fields',
      'Customer object config 2 fields',
      CUSTOMER_STATUS,
    ],
    fields: {
      GetCustomer: [
        'Id id path required string "The customer ID"',
        'IncludeNotes includeNotes query optional bool "Also return the notes"',
      ],
      Customer: [
        'Id id form optional string "The ID of the customer"',
        'Status status form optional CustomerStatus "The status"',
      ],
    },
    operations: [
      {
        name: 'GetCustomer',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/customers/{Id}'],
        roles: ['Admin', 'Agent'],
        response: 'Customer',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // The same page with CRLF line endings.
  'crlf-line-endings': {
    types: [
      'GetCustomer object sample-path 2 fields',
      'Customer object config 2 fields',
      CUSTOMER_STATUS,
    ],
    fields: {
      GetCustomer: [
        'Id id path required string "The customer ID"',
        'IncludeNotes includeNotes query optional bool "Also return the notes"',
      ],
    },
    operations: [
      {
        name: 'GetCustomer',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/customers/{Id}'],
        roles: ['Admin', 'Agent'],
        response: 'Customer',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 2. Rows without a trailing `|`: enum lists end with a bare `Member` line; two in a row.
  'no-trailing-pipe': {
    types: [
      'CreateOrder object config 4 fields',
      'OrderLine object reference 2 fields',
      'OrderPriority enum reference none [Low, Normal, High]',
      'DeliveryModes enum reference none [Pickup, Courier]',
      'OrderCreated object config 2 fields',
    ],
    fields: {
      CreateOrder: [
        'CustomerId customerId body required string "The customer placing the order"',
        'Lines lines body optional List<OrderLine> "The order lines"',
        'Priority priority body optional OrderPriority "How urgent the order is"',
        'Delivery delivery body optional DeliveryModes ""',
      ],
      OrderLine: [
        'Sku sku form optional string "The item"',
        'Quantity quantity form optional int ""',
      ],
    },
    operations: [
      {
        name: 'CreateOrder',
        nameSource: 'config',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/orders'],
        roles: ['Admin'],
        response: 'OrderCreated',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 3. The last row of each table drops its empty Description cell.
  'last-row-no-description': {
    types: ['CreateNote object sample-path 2 fields', 'Note object config 2 fields'],
    fields: {
      CreateNote: [
        'Text text body required string "The note text"',
        'Pinned pinned body optional bool ""',
      ],
      Note: ['Id id form optional string "The new note ID"', 'Pinned pinned form optional bool ""'],
    },
    operations: [
      {
        name: 'CreateNote',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/notes'],
        roles: [],
        response: 'Note',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 4. Header variants.
  'header-requires-the-role': {
    types: PING_TYPES,
    operations: [{ ...PING, verbs: ['POST'], roles: ['Admin'] }],
    diagnostics: [],
  },
  'header-required-role': {
    types: PING_TYPES,
    operations: [{ ...PING, verbs: ['POST'], roles: ['Admin'] }],
    diagnostics: [],
  },
  'header-all-verbs': {
    types: PING_TYPES,
    operations: [{ ...PING, method: 'ANY', verbs: ['ANY'], roles: [] }],
    diagnostics: [],
  },
  'header-none': {
    types: PING_TYPES,
    // No route: the path and verb come from the sample request.
    operations: [{ ...PING, paths: ['/json/reply/Ping'], verbs: [], roles: [] }],
    diagnostics: [],
  },
  'header-several-routes': {
    types: ['FindCustomers object sample-path 3 fields', 'CustomerPage object config 2 fields'],
    fields: {
      FindCustomers: [
        'Query query path optional string "The text to search for"',
        'Skip skip query optional int? "How many to skip"',
        'Take take query optional int? ""',
      ],
    },
    operations: [
      {
        name: 'FindCustomers',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET', 'GET', 'POST'],
        paths: ['/customers', '/customers/search/{Query}', '/customers/search'],
        roles: ['Admin', 'Manager'],
        response: 'CustomerPage',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // A `Requires Authentication` line, a permissions line and a verb list (`GET,POST`).
  'header-permissions-verb-list': {
    // BUG: `Requires any of the permissions: | X |` is a row, so it never reaches IGNORED_LINE and is reported as a malformed-row error.
    types: ['GetThing object sample-path 1 fields', 'Thing object config 2 fields'],
    operations: [
      {
        name: 'GetThing',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET,POST'],
        paths: ['/things/{Id}'],
        roles: ['Admin', 'Manager'],
        response: 'Thing',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 5. Fields (and enum members) called `Name`, `Parameter`, `Value`, `Description`.
  'field-called-name': {
    types: [
      'CreateContact object sample-path 4 fields',
      'ContactKinds enum reference none [Name, Value, Description]',
      'Contact object config 2 fields',
    ],
    fields: {
      CreateContact: [
        'Name name body required string "The contact name"',
        'Email email body optional string "The email address"',
        'Parameter parameter body optional string "A field called Parameter"',
        'Kind kind body optional ContactKinds ""',
      ],
      Contact: [
        'Id id form optional string "The new contact ID"',
        'Name name form optional string ""',
      ],
    },
    operations: [
      {
        name: 'CreateContact',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/contacts'],
        roles: [],
        response: 'Contact',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 6. Enum lists directly after each other (one of a single member).
  'two-enum-lists': {
    types: [
      'OrderShirt object sample-path 3 fields',
      'Colors enum reference none [Red, Green, Blue]',
      'Sizes enum reference none [Small, Large]',
      'Fits enum reference none [Slim]',
      'ShirtOrder object config 1 fields',
    ],
    operations: [
      {
        name: 'OrderShirt',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/shirts'],
        roles: [],
        response: 'ShirtOrder',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 7. `Name | Value | |` tables: integers (negative too), strings, labels, flags.
  'enum-tables': {
    types: [
      'RegisterDevice object sample-path 4 fields',
      'Codecs enum reference int [PCMU=0, G722=9, OPUS=105, NONE=-1]',
      'Regions enum reference string [Value1=Member 1, Value2=Member 2]',
      'Tiers enum reference string [Value1=Value1 (Member 1), Value2=Value2 (Member 2)]',
      'AccessRights enum reference int flags [None=0, Read=1, Write=2, Delete=4, All=7]',
      'Device object config 1 fields',
    ],
    operations: [
      {
        name: 'RegisterDevice',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/devices'],
        roles: [],
        response: 'Device',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 8. Headings kept: `X Parameters:` / `X Enum:` lines, and `### X` in Markdown. No config.
  'headings-kept': {
    // BUG: a headed response table is never found: peek() skips headed blocks, so the response stays unnamed and its table is reported as unbound.
    types: [
      'UpdateCustomer object heading 2 fields',
      'CustomerStatus enum heading none [Active, Closed]',
      'CustomerDetails object heading 2 fields',
    ],
    operations: [
      {
        name: 'UpdateCustomer',
        nameSource: 'heading',
        method: 'PUT',
        verbs: ['PUT'],
        paths: ['/customers/{Id}'],
        roles: ['Admin'],
        response: 'CustomerDetails',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  'headings-markdown': {
    // BUG: as headings-kept: the `### CustomerDetails` response table is reported unbound.
    types: [
      'UpdateCustomer object heading 3 fields',
      'CustomerStatus enum heading none [Active, Closed]',
      'Address object heading 2 fields',
      'CustomerDetails object heading 2 fields',
    ],
    operations: [
      {
        name: 'UpdateCustomer',
        nameSource: 'heading',
        method: 'PUT',
        verbs: ['PUT'],
        paths: ['/customers/{Id}'],
        roles: ['Admin'],
        response: 'CustomerDetails',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 9. Samples.
  'sample-separate-lines': {
    types: ['AddOrderNote object file 2 fields', 'OrderNote object config 1 fields'],
    operations: [
      {
        name: 'AddOrderNote',
        nameSource: 'file',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/orders/{OrderId}/notes'],
        roles: [],
        response: 'OrderNote',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  'sample-one-line': {
    types: ['AddOrderNote object sample-path 2 fields', 'OrderNote object config 1 fields'],
    operations: [
      {
        name: 'AddOrderNote',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/orders/{OrderId}/notes'],
        roles: [],
        response: 'OrderNote',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  'sample-get-no-body': {
    types: ['ListOrders object file 2 fields', 'OrderList object config 1 fields'],
    operations: [
      {
        name: 'ListOrders',
        nameSource: 'file',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/orders'],
        roles: [],
        response: 'OrderList',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  'sample-jsv': {
    types: [
      'GetCustomer object sample-path 2 fields',
      'Customer object config 4 fields',
      CUSTOMER_STATUS,
    ],
    fields: {
      Customer: [
        'Id id form optional string ""',
        'Visits visits form optional int ""',
        'Status status form optional CustomerStatus ""',
        'Tags tags form optional List<string> ""',
      ],
    },
    operations: [
      {
        name: 'GetCustomer',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/customers/{Id}/fetch'],
        roles: [],
        response: 'Customer',
        samples: { request: 'jsv', response: 'jsv' },
      },
    ],
    diagnostics: [],
  },
  // 10. Every type form of the section 3.
  'type-forms': {
    types: [
      'SearchPocos object sample-path 24 fields',
      'Colors enum reference none [Red, Green, Blue]',
      'PocoSearch object config 2 fields',
      'QueryResponse <T> object reference 4 fields',
      'Poco object reference 2 fields',
      'DayOfWeek enum builtin none [Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday]',
      'ResponseStatus object builtin 5 fields',
      'ResponseError object builtin 4 fields',
    ],
    fields: {
      SearchPocos: [
        'Text text query optional string "string"',
        'Flag flag query optional bool "bool"',
        'Count count query optional int "int"',
        'Total total query optional long "long"',
        'Ratio ratio query optional double "double"',
        'Weight weight query optional float "float"',
        'Price price query optional decimal "decimal"',
        'At at query optional DateTime "DateTime"',
        'Span span query optional TimeSpan "TimeSpan"',
        'Key key query optional Guid "Guid"',
        'Anything anything query optional object "object"',
        'AnythingElse anythingElse query optional object "Object"',
        'Blob blob query optional byte[] "byte[]"',
        'Letters letters query optional char[] "Char[]"',
        'MaybeCount maybeCount query optional int? "T?"',
        'MaybeAt maybeAt query optional DateTime? "Nullable<T>"',
        'Names names query optional List<string> "List<T>"',
        'Ids ids query optional List<int> "T[]"',
        'ByColor byColor query optional Dictionary<Colors, int> "enum keys"',
        'ByMaybeColor byMaybeColor query optional Dictionary<Colors?, string> "nullable enum keys"',
        'Labels labels query optional Dictionary<string, string> "capitalised String, no spaces"',
        'Pair pair query optional KeyValuePair<string, int> "KeyValuePair"',
        'Nested nested query optional Dictionary<string, List<KeyValuePair<string, int?>>> "nested generics"',
        'Day day query optional DayOfWeek ""',
      ],
      PocoSearch: [
        'Page page form optional QueryResponse<Poco> "generic DTO"',
        'ResponseStatus responseStatus form optional ResponseStatus ""',
      ],
      QueryResponse: [
        'Offset offset form optional int ""',
        'Total total form optional int ""',
        'Results results form optional List<$T> ""',
        'Meta meta form optional Dictionary<string, string> ""',
      ],
    },
    operations: [
      {
        name: 'SearchPocos',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/pocos/search'],
        roles: [],
        response: 'PocoSearch',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 11. A request with no properties: the first table is the response's.
  'no-request-properties': {
    types: [
      'GetHealth object sample-path 0 fields',
      'HealthStatus object config 3 fields',
      'HealthCheck object reference 2 fields',
    ],
    operations: [
      {
        name: 'GetHealth',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/health'],
        roles: [],
        response: 'HealthStatus',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 12. A dictionary subclass: seen in the sample (`{"String":{…}}`), or named by the config.
  'dictionary-from-sample': {
    types: [
      'GetInventory object sample-path 1 fields',
      'Inventory object config 3 fields',
      'StockMapValue object derived 2 fields',
      'StockMap dictionary derived string -> StockMapValue',
    ],
    fields: {
      Inventory: [
        'Store store form optional string ""',
        'Items items form optional StockMap "The stock by SKU"',
        'Updated updated form optional DateTime ""',
      ],
      StockMapValue: ['Sku sku form optional string ""', 'Count count form optional int ""'],
    },
    operations: [
      {
        name: 'GetInventory',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/stores/{Store}/inventory'],
        roles: [],
        response: 'Inventory',
        samples: { response: 'json' },
      },
    ],
    diagnostics: ['page.txt:11:1 guessed-name'],
    reasons: ['named it `StockMapValue`'],
  },
  'dictionary-from-config': {
    types: [
      'GetInventory object sample-path 1 fields',
      'Inventory object config 3 fields',
      'StockItem object reference 2 fields',
      'StockMap dictionary config string -> StockItem',
    ],
    operations: [
      {
        name: 'GetInventory',
        nameSource: 'sample-path',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/stores/{Store}/inventory'],
        roles: [],
        response: 'Inventory',
        samples: { response: 'json' },
      },
    ],
    diagnostics: [],
  },
  // 13. A response with a base class: configured, or inferred from the response sample.
  'response-base-config': {
    types: [
      'CreateCustomer object sample-path 2 fields',
      'Customer object config 3 fields base=Entity',
      'Entity object config 2 fields',
      'Address object reference 2 fields',
    ],
    operations: [
      {
        name: 'CreateCustomer',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/customers'],
        roles: [],
        response: 'Customer',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [],
  },
  'response-base-inferred': {
    types: [
      'CreateCustomer object sample-path 2 fields',
      'Customer object config 3 fields base=CustomerBase',
      'CustomerBase object derived 2 fields',
      'Address object reference 2 fields',
    ],
    fields: {
      CustomerBase: [
        'Id id form optional string "The ID of the object"',
        'DateCreated dateCreated form optional DateTime "When it was created"',
      ],
    },
    operations: [
      {
        name: 'CreateCustomer',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/customers'],
        roles: [],
        response: 'Customer',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: ['page.txt:12:1 guessed-name'],
    reasons: ['named it `CustomerBase`'],
  },
  // 14. The real page with no config: named by its file, or (as page.txt) by its route.
  'real-page-no-config': {
    knownWrong: STRUCT_KNOWN_WRONG,
    types: REAL_PAGE_TYPES_WITHOUT_CONFIG('BuyPhoneNumber'),
    typesPrefix: true,
    operations: [
      {
        name: 'BuyPhoneNumber',
        nameSource: 'file',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/endpoints/phone-numbers'],
        roles: ['SystemAdministrator', 'Manager', 'Customer'],
        response: 'BuyPhoneNumberResponse',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [
      'BuyPhoneNumber.txt:16:1 ambiguous-binding',
      'BuyPhoneNumber.txt:23:1 guessed-name',
      'BuyPhoneNumber.txt:89:1 guessed-name',
      'BuyPhoneNumber.txt:238:1 guessed-name',
    ],
    reasons: [
      'readings of type `Struct`: table at line 16',
      'named it `BuyPhoneNumberResponse`',
      'named it `BuyPhoneNumberResponseBase`',
      'named it `EntityIntegrationDataValue`',
    ],
  },
  'real-page-renamed': {
    knownWrong: STRUCT_KNOWN_WRONG,
    types: REAL_PAGE_TYPES_WITHOUT_CONFIG('PostEndpointsPhoneNumbers'),
    typesPrefix: true,
    operations: [
      {
        name: 'PostEndpointsPhoneNumbers',
        nameSource: 'derived',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/endpoints/phone-numbers'],
        roles: ['SystemAdministrator', 'Manager', 'Customer'],
        response: 'PostEndpointsPhoneNumbersResponse',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: [
      'page.txt:2:1 guessed-name',
      'page.txt:16:1 ambiguous-binding',
      'page.txt:23:1 guessed-name',
      'page.txt:89:1 guessed-name',
      'page.txt:238:1 guessed-name',
    ],
    reasons: [
      'named it `PostEndpointsPhoneNumbers`',
      'readings of type `Struct`: table at line 16',
      'named it `PostEndpointsPhoneNumbersResponse`',
      'named it `PostEndpointsPhoneNumbersResponseBase`',
      'named it `EntityIntegrationDataValue`',
    ],
  },
  // 15. Errors: positioned diagnostics, never a throw.
  'error-malformed-row': {
    types: ['CreateTag object sample-path 2 fields', 'Tag object config 1 fields'],
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        response: 'Tag',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: ['page.txt:6:1 malformed-row'],
    reasons: ['Unexpected 3 cells in `Broken | body | string |`, expected 4 or 5'],
  },
  'error-unbalanced-generic': {
    types: ['CreateTag object sample-path 2 fields', 'Tag object config 1 fields'],
    // The unreadable type is kept as `object` (unknown), with its text.
    fields: {
      CreateTag: [
        'Label label body required string "The label"',
        'Aliases aliases body optional object "Other labels"',
      ],
    },
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        response: 'Tag',
        samples: { request: 'json', response: 'json' },
      },
    ],
    // Column 29: the end of `List<string`, where `>` is missing.
    diagnostics: ['page.txt:6:29 malformed-type'],
    reasons: ['Unexpected end of type, expected `>`'],
  },
  'error-truncated-row': {
    types: ['CreateTag object file 1 fields'],
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'file',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        samples: {},
      },
    ],
    diagnostics: ['CreateTag.txt:6:1 truncated-page'],
    reasons: ['Unexpected 3 cells in `Color | body | str`'],
  },
  'error-truncated-header': {
    types: ['CreateTag object file 1 fields'],
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'file',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        samples: {},
      },
    ],
    diagnostics: ['CreateTag.txt:6:1 truncated-page'],
    reasons: ['Unexpected table header with no rows'],
  },
  'error-truncated-sample': {
    // BUG: a page that ends inside its sample body gets a `bad-sample` warning; the catalogue's `truncated-page` ("ends in the middle of a table, row or sample") is the rule for it.
    types: ['CreateTag object sample-path 2 fields'],
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        samples: {},
      },
    ],
    diagnostics: ['page.txt:12:23 truncated-page'],
    reasons: ['Unexpected end of'],
  },
  'error-unknown-type': {
    types: ['CreateTag object sample-path 2 fields', 'Tag object config 0 fields'],
    fields: {
      CreateTag: [
        'Label label body required string "The label"',
        'Style style body optional object "A type with no table"',
      ],
    },
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        response: 'Tag',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: ['page.txt:6:16 unknown-type'],
    reasons: ['Unexpected type `Foo` with no table'],
  },
  'error-bad-cells': {
    types: ['CreateTag object sample-path 2 fields'],
    operations: [
      {
        name: 'CreateTag',
        nameSource: 'sample-path',
        method: 'POST',
        verbs: ['POST'],
        paths: ['/tags'],
        roles: [],
        samples: { request: 'json' },
      },
    ],
    diagnostics: [
      'page.txt:5:9 bad-parameter',
      'page.txt:6:25 bad-required',
      'page.txt:7:1 duplicate-field',
    ],
    reasons: ['Unexpected Parameter `bdy`', 'Unexpected Required `Maybe`', 'second field `Label`'],
  },
  'error-empty-page': {
    types: [],
    operations: [],
    diagnostics: ['page.txt empty-page'],
    reasons: ['Unexpected page with no table, enum or sample'],
  },
  // 16. Two pages: the identical CustomerStatus and Customer once, Address conflicting.
  'merge-two-pages': {
    types: [
      'GetCustomer object file 1 fields',
      'Customer object config 3 fields',
      CUSTOMER_STATUS,
      'Address object reference 2 fields',
      'UpdateCustomer object file 3 fields',
    ],
    operations: [
      {
        name: 'GetCustomer',
        nameSource: 'file',
        method: 'GET',
        verbs: ['GET'],
        paths: ['/customers/{Id}'],
        roles: [],
        response: 'Customer',
        samples: { response: 'json' },
      },
      {
        name: 'UpdateCustomer',
        nameSource: 'file',
        method: 'PUT',
        verbs: ['PUT'],
        paths: ['/customers/{Id}'],
        roles: [],
        response: 'Customer',
        samples: { request: 'json', response: 'json' },
      },
    ],
    diagnostics: ['UpdateCustomer.txt:10:1 name-conflict'],
    reasons: [
      'Unexpected second definition of `Address` that differs from the first (test/fixtures/pages/merge-two-pages/GetCustomer.txt:13:1)',
    ],
  },
};

function operationFacts(operation: Operation): OperationFacts {
  return {
    name: operation.name,
    nameSource: operation.nameSource,
    method: operation.method,
    verbs: operation.routes.map((route) => route.verbs.join(',')),
    paths: operation.paths,
    roles: operation.roles,
    ...(operation.response === undefined ? {} : { response: operation.response }),
    samples: {
      ...(operation.samples.request ? { request: operation.samples.request.format } : {}),
      ...(operation.samples.response ? { response: operation.samples.response.format } : {}),
    },
  };
}

function fieldFacts(model: Model, names: readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const name of names) {
    const type = model.types.find((candidate) => candidate.name === name);
    result[name] = type?.kind === 'object' ? type.fields.map(describeField) : [];
  }
  return result;
}

/** The text a position spans in `text` (by line and column). */
function sliceAt(text: string, position: Position): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, column: number): number =>
    lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
  return text.slice(
    offsetOf(position.start.line, position.start.column),
    offsetOf(position.end.line, position.end.column),
  );
}

const CASES = listPageCases();

describe('page fixtures', () => {
  it('has facts for every case folder and a folder for every fact', () => {
    expect(CASES).toEqual(Object.keys(FACTS).sort());
  });

  describe.each(CASES)('%s', (name) => {
    const facts = FACTS[name];
    const dir = path.join(ROOT, CASES_DIR, name);

    // A case with a known bug compares with its hand-checked expected files instead of
    // updating them (`-u` must not freeze a wrong output).
    (facts?.snapshotBug ? it.fails : it)('matches model.txt and diagnostics.txt', async () => {
      const { model, files } = runPageCase(name);
      const modelText = modelProjection(model, facts?.knownWrong);
      const diagnosticsText = diagnosticsSnapshot(files);
      if (facts?.snapshotBug) {
        expect(modelText).toBe(readFileSync(path.join(dir, 'model.txt'), 'utf8'));
        expect(diagnosticsText).toBe(readFileSync(path.join(dir, 'diagnostics.txt'), 'utf8'));
      } else {
        await expect(modelText).toMatchFileSnapshot(path.join(dir, 'model.txt'));
        await expect(diagnosticsText).toMatchFileSnapshot(path.join(dir, 'diagnostics.txt'));
      }
      if (facts?.fullJson) {
        await expect(modelSnapshot(model)).toMatchFileSnapshot(path.join(dir, 'model.json'));
      }
    });

    (facts?.bug ? it.fails : it)('has the expected types, operation and diagnostics', () => {
      if (!facts) throw new Error(`no facts for ${name}`);
      const { model, files } = runPageCase(name);
      const types = model.types.map(describeType);
      expect(facts.typesPrefix ? types.slice(0, facts.types.length) : types).toEqual(facts.types);
      expect(model.operations.map(operationFacts)).toEqual(facts.operations);
      if (facts.fields) {
        expect(fieldFacts(model, Object.keys(facts.fields))).toEqual(facts.fields);
      }
      const prefix = `${CASES_DIR}/${name}/`;
      expect(diagnosticKeys(files)).toEqual(facts.diagnostics);
      for (const file of files) expect(file.path.startsWith(prefix)).toBe(true);
      const reasons = files.flatMap((file) => file.messages.map((message) => message.reason));
      if (facts.reasons) {
        expect(reasons).toHaveLength(facts.reasons.length);
        facts.reasons.forEach((reason, i) => expect(reasons[i]).toContain(reason));
      }
    });

    it('gives a plain model whose sources point into the page', () => {
      const { model, files } = runPageCase(name);
      expect(JSON.parse(JSON.stringify(model))).toEqual(model);
      const texts = new Map(files.map((file) => [file.path, String(file.value)]));
      for (const operation of model.operations) {
        expect(texts.has(operation.source.file)).toBe(true);
        for (const sample of Object.values(operation.samples)) {
          const text = texts.get(sample.source.file) ?? '';
          expect(sliceAt(text.replace(/\r\n/g, '\n'), sample.source.position)).toBe(
            sample.text.replace(/\r\n/g, '\n'),
          );
        }
      }
      for (const type of model.types) {
        if (type.nameSource === 'builtin') continue;
        if (type.source) expect(texts.has(type.source.file)).toBe(true);
        // Each field's source is its row; each member's its cell or row.
        const text = (file: string): string => (texts.get(file) ?? '').replace(/\r\n/g, '\n');
        if (type.kind === 'object') {
          for (const field of type.fields) {
            const row = sliceAt(text(field.source.file), field.source.position);
            expect(row).toContain(field.name);
            expect(row).toContain(field.typeText);
          }
        } else if (type.kind === 'enum') {
          for (const member of type.members) {
            expect(sliceAt(text(member.source.file), member.source.position)).toContain(
              member.name,
            );
          }
        }
      }
    });
  });
});

/** The real page's 45 blocks in page order, as the "What must be true" lists them. */
const REAL_PAGE_BLOCKS = [
  'BuyPhoneNumber',
  'Value',
  'EndpointInfo',
  'EntityInfo',
  'CustomerBreadcrumb',
  'EndpointTypes',
  'EndpointFlowSchedules',
  'Schedule',
  'SchedulingRule',
  'SimpleSchedulingRuleTypes',
  'ScheduleDay',
  'SchedulingRuleFrequency',
  'ScheduledFlow',
  'TwilioSipRegions',
  'AgentStates',
  'AgentStateReasons',
  'UserModes',
  'UserManagerRoles',
  'DashboardPermissions',
  'UserDataFieldModes',
  'Tag',
  'TagColors',
  'EndpointActionUrl',
  'ActionUrlHttpMethods',
  'CustomerVisibility',
  'EndpointContact',
  'IntegrationData',
  'ThirdPartyPhoneSystemSettings',
  'ThirdPartyPhoneSystemTypes',
  'ThirdPartySipSettings',
  'ThirdPartySipAccountSettings',
  'TransportTypes',
  'AudioCodecTypes',
  'DtmfMethods',
  'ThirdPartyDemoSettings',
  'AppSettings',
  'AssistantSettings',
  'AssistantTunings',
  'AssistantWord',
  'AssistantLink',
  'AssistantContact',
  'AssistantTransferTypes',
  'AssistantTakeMessageField',
  'AssistantIntegration',
  'EmbedSettings',
];

/**
 * Where the names differ without config: what the page alone cannot know, and (KNOWN WRONG,
 * {@link STRUCT_KNOWN_WRONG}) `Value` named `Struct`. Today's output, not the truth.
 */
const RENAMED_WITHOUT_CONFIG: Record<string, string> = {
  Value: 'Struct', // KNOWN WRONG (issue #9)
  EndpointInfo: 'BuyPhoneNumberResponse',
  EntityInfo: 'BuyPhoneNumberResponseBase',
  IntegrationData: 'EntityIntegrationDataValue',
};

const REAL_PAGE = 'input/BuyPhoneNumber.txt';

/** The type bound to each block of the page (by the block's first line), in block order. */
function boundTypes(run: ReturnType<typeof runStages>): (ModelType | undefined)[] {
  const page = run.pages[0]?.page;
  return (page?.blocks ?? []).map((block) =>
    run.model.types.find(
      (type) =>
        type.kind !== 'dictionary' &&
        type.source?.file === REAL_PAGE &&
        type.source.position.start.line === block.position.start.line,
    ),
  );
}

function typeNamed(model: Model, name: string): ModelType | undefined {
  return model.types.find((type) => type.name === name);
}

describe('the real page (input/BuyPhoneNumber.txt)', () => {
  const committed = JSON.parse(
    readFileSync(path.join(ROOT, 'dtoforge.config.json'), 'utf8'),
  ) as Partial<DtoforgeConfig>;
  const withConfig = runStages([REAL_PAGE], resolveConfig(committed));
  const withoutConfig = runStages([REAL_PAGE], resolveConfig({}));

  it('binds its 45 blocks in page order with the committed config', () => {
    expect(withConfig.pages[0]?.page.blocks).toHaveLength(45);
    expect(boundTypes(withConfig).map((type) => type?.name)).toEqual(REAL_PAGE_BLOCKS);
    expect(withConfig.model.types.slice(0, 45).map((type) => type.name)).toEqual(REAL_PAGE_BLOCKS);
  });

  it('reads the request, the response and its base, enums, dictionaries and built-ins', () => {
    const { model } = withConfig;
    const request = typeNamed(model, 'BuyPhoneNumber');
    expect(request?.kind === 'object' && request.fields.length).toBe(10);
    const response = typeNamed(model, 'EndpointInfo');
    expect(response?.kind).toBe('object');
    if (response?.kind !== 'object') return;
    expect(response.fields).toHaveLength(64);
    expect(response.base).toEqual({ kind: 'ref', name: 'EntityInfo', args: [] });
    const codecs = typeNamed(model, 'AudioCodecTypes');
    expect(codecs?.kind === 'enum' && codecs.members.map((m) => `${m.name}=${m.value}`)).toEqual([
      'PCMU=0',
      'GSM=3',
      'PCMA=8',
      'G722=9',
      'G729=18',
      'ILBC=97',
      'AMR=98',
      'AMRWB=99',
      'SPEEX=100',
      'DTMF=101',
      'SPEEXWB=102',
      'ISACWB=103',
      'ISACSWB=104',
      'OPUS=105',
      'G7221=121',
      'NONE=-1',
    ]);
    expect(codecs?.kind === 'enum' && [codecs.valueKind, codecs.flags]).toEqual(['int', false]);
    expect(typeNamed(model, 'Struct')?.kind).toBe('dictionary');
    expect(typeNamed(model, 'EntityIntegrationData')?.kind).toBe('dictionary');
    expect(typeNamed(model, 'DayOfWeek')).toMatchObject({ kind: 'enum', nameSource: 'builtin' });
    const sip = typeNamed(model, 'ThirdPartySipAccountSettings');
    const dtmf =
      sip?.kind === 'object' ? sip.fields.find((f) => f.name === 'DTMFMethod') : undefined;
    expect(dtmf?.wireName).toBe('dtmfMethod');
  });

  it('reads the operation, with no errors or warnings', () => {
    expect(withConfig.model.operations).toHaveLength(1);
    expect(withConfig.model.operations[0]).toMatchObject({
      name: 'BuyPhoneNumber',
      method: 'POST',
      paths: ['/endpoints/phone-numbers'],
      roles: ['SystemAdministrator', 'Manager', 'Customer'],
      request: 'BuyPhoneNumber',
      response: 'EndpointInfo',
    });
    const messages = withConfig.files.flatMap((file) => file.messages);
    expect(messages.filter((message) => message.fatal !== undefined).map(String)).toEqual([]);
  });

  it('binds the same 45 blocks without config (today: Value is KNOWN WRONG, named Struct)', () => {
    const expected = REAL_PAGE_BLOCKS.map((name) => RENAMED_WITHOUT_CONFIG[name] ?? name);
    const bound = boundTypes(withoutConfig);
    expect(bound.map((type) => type?.name)).toEqual(expected);
    // Same kinds and field/member counts as with the config.
    const shape = (type: ModelType | undefined): string =>
      type?.kind === 'object'
        ? `object ${type.fields.length}`
        : type?.kind === 'enum'
          ? `enum ${type.members.length}`
          : String(type?.kind);
    expect(bound.map(shape)).toEqual(boundTypes(withConfig).map(shape));
    const { model } = withoutConfig;
    expect(typeNamed(model, 'EntityIntegrationData')).toMatchObject({
      kind: 'dictionary',
      value: { kind: 'ref', name: 'EntityIntegrationDataValue', args: [] },
    });
    expect(typeNamed(model, 'BuyPhoneNumberResponse')).toMatchObject({
      base: { kind: 'ref', name: 'BuyPhoneNumberResponseBase', args: [] },
    });
    expect(model.operations[0]).toMatchObject({
      name: 'BuyPhoneNumber',
      response: 'BuyPhoneNumberResponse',
    });
  });

  // Was silent (issue #9, until the inference rewrite 5c6c7f0): without config, Value's table
  // became an object named Struct with no message. It still reads so (the page alone scores
  // that reading a little above a dictionary of it), but a warning at that table says so and
  // names the dictionary reading and the config entry that settles it.
  it('without config, never silently makes Struct an object with the fields of Value', () => {
    const { model, files } = withoutConfig;
    const struct = typeNamed(model, 'Struct');
    const value = typeNamed(withConfig.model, 'Value');
    const fieldsOf = (type: ModelType | undefined) =>
      type?.kind === 'object' ? type.fields.map((field) => field.name) : undefined;
    expect(fieldsOf(struct)).toEqual(fieldsOf(value));
    const table = struct?.source?.position.start.line;
    const warnings = files
      .flatMap((file) => file.messages)
      .filter((message) => message.ruleId === 'ambiguous-binding' && message.line === table);
    expect(warnings.map((message) => message.fatal)).toEqual([false]);
    expect(warnings[0]?.reason).toMatch(
      /`Struct`.* as `Struct` .* or a dictionary subclass of `StructValue`.*"types": \{ "Struct": "Dictionary<string, …>" \}/,
    );
  });

  it('exits clean without config: one guessed-name warning per guessed name, and says Struct is ambiguous', () => {
    const messages = withoutConfig.files.flatMap((file) => file.messages);
    expect(messages.filter((message) => message.fatal === true).map(String)).toEqual([]);
    // Without a sample, `Struct` reads as well as an object (the table after it) as a
    // dictionary of it: the warning names both readings and the config entry that settles it.
    const ambiguous = messages.filter((message) => message.ruleId === 'ambiguous-binding');
    expect(ambiguous.map((message) => message.reason)).toEqual([
      expect.stringMatching(
        /readings of type `Struct`: table at line 16 .* as `Struct` .* or a dictionary subclass of `StructValue`.*"types": \{ "Struct": "Dictionary<string, …>" \}/,
      ),
    ]);
    const named = messages
      .filter((message) => message.ruleId === 'guessed-name')
      .map((message) => /named it `(\w+)`/.exec(message.reason)?.[1]);
    expect(named).toHaveLength(messages.length - ambiguous.length);
    const guessed = withoutConfig.model.types
      .filter((type) => type.nameSource === 'derived' && type.kind === 'object')
      .map((type) => type.name);
    expect(named).toEqual(guessed);
    expect(guessed).toEqual([
      'BuyPhoneNumberResponse',
      'BuyPhoneNumberResponseBase',
      'EntityIntegrationDataValue',
    ]);
  });

  it('reads the fixture copies like the input', () => {
    expect(casePages('real-page-no-config')).toEqual([
      `${CASES_DIR}/real-page-no-config/BuyPhoneNumber.txt`,
    ]);
    const copy = readFileSync(path.join(ROOT, casePages('real-page-no-config')[0] ?? ''), 'utf8');
    expect(copy).toBe(readFileSync(path.join(ROOT, REAL_PAGE), 'utf8'));
  });
});
