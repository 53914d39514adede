/**
 * Targeted mutations of the BuyPhoneNumber sample response: each breaks one value and names the
 * exact wire path the guards must report.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Mutation {
  name: string;
  path: (string | number)[];
  /** Change the (cloned) sample in place. */
  apply: (sample: Json) => void;
}

const ACCOUNT = ['thirdPartyPhoneSystemSettings', 'sipSettings', 'accounts', 0];
const RULE = ['schedule', 'rules', 0];

export const MUTATIONS: Mutation[] = [
  { name: 'wrong enum name', path: ['type'], apply: (s) => (s.type = 'Phone') },
  {
    name: 'enum member in the wrong case',
    path: ['sipRegion'],
    apply: (s) => (s.sipRegion = 'northAmericaVirginia'),
  },
  { name: 'number for a string', path: ['accountId'], apply: (s) => (s.accountId = 5) },
  { name: 'number for a base-class string', path: ['id'], apply: (s) => (s.id = 1) },
  {
    name: 'string for a bool',
    path: ['isVirtualPhoneNumber'],
    apply: (s) => (s.isVirtualPhoneNumber = 'false'),
  },
  { name: 'null where not nullable', path: ['agentState'], apply: (s) => (s.agentState = null) },
  { name: 'null for an object', path: ['appSettings'], apply: (s) => (s.appSettings = null) },
  {
    name: 'null inside a nested object',
    path: ['customerBreadcrumb', 0, 'name'],
    apply: (s) => (s.customerBreadcrumb[0].name = null),
  },
  {
    name: 'C# number for an int-valued enum (sent as names)',
    path: [...ACCOUNT, 'audioCodecs', 0],
    apply: (s) => (s.thirdPartyPhoneSystemSettings.sipSettings.accounts[0].audioCodecs = [0]),
  },
  {
    name: 'unknown codec name',
    path: [...ACCOUNT, 'audioCodecs', 1],
    apply: (s) => s.thirdPartyPhoneSystemSettings.sipSettings.accounts[0].audioCodecs.push('MP3'),
  },
  {
    name: 'non-integer port',
    path: [...ACCOUNT, 'localPort'],
    apply: (s) => (s.thirdPartyPhoneSystemSettings.sipSettings.accounts[0].localPort = 50.5),
  },
  {
    name: 'wrong DTMF method',
    path: [...ACCOUNT, 'dtmfMethod'],
    apply: (s) =>
      (s.thirdPartyPhoneSystemSettings.sipSettings.accounts[0].dtmfMethod = 'DTMFMethod'),
  },
  {
    name: 'object for a list of accounts',
    path: ['thirdPartyPhoneSystemSettings', 'sipSettings', 'accounts'],
    apply: (s) => (s.thirdPartyPhoneSystemSettings.sipSettings.accounts = { 0: {} }),
  },
  {
    name: 'array for a string',
    path: ['thirdPartyPhoneSystemSettings', 'demoSettings', 'extension'],
    apply: (s) => (s.thirdPartyPhoneSystemSettings.demoSettings.extension = ['1']),
  },
  {
    name: 'bad entry in the integrationData map',
    path: ['integrationData', 'String'],
    apply: (s) => (s.integrationData.String = 'x'),
  },
  {
    name: 'bad field of a map entry',
    path: ['integrationData', 'other', 'thirdPartyId'],
    apply: (s) => (s.integrationData.other = { thirdPartyId: 7 }),
  },
  {
    name: 'non-integer in a nested int list',
    path: [...RULE, 'bySetPosition', 0],
    apply: (s) => (s.schedule.rules[0].bySetPosition = [1.5]),
  },
  {
    name: 'string for an int',
    path: [...RULE, 'priority'],
    apply: (s) => (s.schedule.rules[0].priority = '0'),
  },
  {
    name: 'int out of the 32-bit range',
    path: [...RULE, 'interval'],
    apply: (s) => (s.schedule.rules[0].interval = 2 ** 31),
  },
  {
    name: 'wrong DayOfWeek (built-in enum)',
    path: [...RULE, 'byDay', 0, 'dayOfWeek'],
    apply: (s) => (s.schedule.rules[0].byDay[0].dayOfWeek = 'Sun'),
  },
  {
    name: 'wrong type in a nested list',
    path: [...RULE, 'byDay', 1],
    apply: (s) => s.schedule.rules[0].byDay.push('Monday'),
  },
  {
    name: 'wrong tag colour',
    path: ['tags', 0, 'color'],
    apply: (s) => (s.tags[0].color = 'magenta'),
  },
  {
    name: 'string for a list of enums',
    path: ['dashboardPermissions'],
    apply: (s) => (s.dashboardPermissions = 'ViewFiles'),
  },
  {
    name: 'null item in a list of strings',
    path: ['teamMemberIds', 0],
    apply: (s) => (s.teamMemberIds = [null]),
  },
  {
    name: 'string for an object in a list',
    path: ['scheduledFlows', 0],
    apply: (s) => (s.scheduledFlows[0] = 'flow'),
  },
  {
    name: 'bad value deep in a recursive Struct',
    path: ['flowParams', 'k', 'listValue', 0, 'x', 'boolValue'],
    apply: (s) => (s.flowParams = { k: { listValue: [{ x: { boolValue: 'yes' } }] } }),
  },
  {
    name: 'array for a Struct',
    path: ['data'],
    apply: (s) => (s.data = []),
  },
  {
    name: 'number for a nested Struct value',
    path: ['data', 'a', 'structValue', 'b', 'numberValue'],
    apply: (s) => (s.data = { a: { structValue: { b: { numberValue: '1' } } } }),
  },
  {
    name: 'number for a bool deep in the assistant settings',
    path: ['assistantSettings', 'contacts', 0, 'takeMessageFields', 0, 'required'],
    apply: (s) => (s.assistantSettings.contacts[0].takeMessageFields[0].required = 1),
  },
  {
    name: 'wrong HTTP method name',
    path: ['actionUrls', 0, 'method'],
    apply: (s) => (s.actionUrls[0].method = 'PUT'),
  },
  {
    name: 'null for a bool',
    path: ['embedSettings', 'enabled'],
    apply: (s) => (s.embedSettings.enabled = null),
  },
];
