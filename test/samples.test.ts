import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it, vi } from 'vitest';
import type { HttpSample, SampleNode } from '../src/parse/blocks.js';
import { location } from 'vfile-location';
import {
  createToPoint,
  locateSamplePath,
  parseJsoncSample,
  parseJsonSample,
  readJsonBody,
  readJsvBody,
  sampleToValue,
  type BodyResult,
} from '../src/parse/sample-body.js';
import { readSamples, SAMPLE_MARKER } from '../src/parse/samples.js';

// jsonc-parser's tree builder, counted: strict JSON bodies must not need it.
const { parseTree } = vi.hoisted(() => ({ parseTree: vi.fn() }));
vi.mock('jsonc-parser', async (original) => {
  const module = await original<typeof import('jsonc-parser')>();
  parseTree.mockImplementation(module.parseTree);
  return { ...module, parseTree };
});

const MARKER_LINE =
  'The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.';

/** A page of `lines`, the first of them the marker line; samples start on the next line. */
function samplePage(lines: string[]): { file: VFile; start: number } {
  const value = [MARKER_LINE, ...lines].join('\n');
  return { file: new VFile({ path: 'x.txt', value }), start: MARKER_LINE.length + 1 };
}

function read(lines: string[]) {
  const { file, start } = samplePage(lines);
  const samples = readSamples(file, start);
  return { file, samples, messages: file.messages.map(String) };
}

function bodyValue(sample: HttpSample | undefined): unknown {
  return sample?.body ? sampleToValue(sample.body.tree) : undefined;
}

/** `line:column-line:column` of a position, for short assertions. */
function where(
  position:
    { start: { line: number; column: number }; end: { line: number; column: number } } | undefined,
) {
  if (!position) return undefined;
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`;
}

describe('readSamples: input/BuyPhoneNumber.txt', () => {
  const value = readFileSync(new URL('../input/BuyPhoneNumber.txt', import.meta.url), 'utf8');
  const file = new VFile({ path: 'input/BuyPhoneNumber.txt', value });
  const markerAt = value.indexOf(SAMPLE_MARKER);
  const start = value.indexOf('\n', markerAt) + 1;
  const samples = readSamples(file, start);
  const lines = value.split('\n');
  const requestLine = lines.findIndex((line) => line.startsWith('POST /endpoints/')) + 1;
  const responseLine = lines.findIndex((line) => line.startsWith('HTTP/1.1 200 OK')) + 1;

  it('reports nothing', () => {
    expect(markerAt).toBeGreaterThan(0);
    expect(file.messages.map(String)).toEqual([]);
  });

  it('reads the request line, its four headers and its JSON body', () => {
    const request = samples.request;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/endpoints/phone-numbers');
    expect(request?.status).toBeUndefined();
    expect(request?.startLine.text).toBe('POST /endpoints/phone-numbers HTTP/1.1');
    expect(request?.startLine.position.start).toEqual({
      line: requestLine,
      column: 1,
      offset: start,
    });
    expect(request?.headers).toEqual([
      { name: 'Host', value: 'team.evovoice.io' },
      { name: 'Accept', value: 'application/json' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: 'length' },
    ]);
    expect(request?.body?.format).toBe('json');
    const bodyLine = lines[requestLine + 4]!;
    expect(request?.body?.text).toBe(bodyLine);
    expect(bodyValue(request)).toEqual(JSON.parse(bodyLine));
    expect(Object.keys(bodyValue(request) as object)).toEqual([
      'accountId',
      'customerId',
      'number',
      'isVirtualPhoneNumber',
      'isFaxNumber',
      'addressSid',
      'tagIds',
      'flowId',
    ]);
    expect(where(request?.body?.position)).toBe(
      `${requestLine + 5}:1-${requestLine + 5}:${bodyLine.length + 1}`,
    );
  });

  it('reads the one-line response: status, headers and the JSON body', () => {
    const response = samples.response;
    const line = lines[responseLine - 1]!;
    const bodyColumn = line.indexOf('{') + 1;
    expect(responseLine).toBe(372);
    expect(response?.status).toBe(200);
    expect(response?.method).toBeUndefined();
    expect(response?.startLine.text).toBe('HTTP/1.1 200 OK');
    expect(where(response?.startLine.position)).toBe('372:1-372:16');
    expect(response?.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: 'length' },
    ]);
    const expected = JSON.parse(line.slice(bodyColumn - 1)) as Record<string, unknown>;
    const body = bodyValue(response) as Record<string, unknown>;
    expect(body).toEqual(expected);
    expect(Object.keys(body)).toHaveLength(67);
    expect(body['integrationData']).toEqual({ String: { thirdPartyId: 'String' } });
    expect(where(response?.body?.position)).toBe(`372:${bodyColumn}-372:${line.length + 1}`);
    expect(where(response?.position)).toBe(`372:1-372:${line.length + 1}`);
  });

  it('keeps the position of every key and value', () => {
    const tree = samples.response!.body!.tree;
    const line = lines[371]!;
    const codecs = locateSamplePath(tree, [
      'thirdPartyPhoneSystemSettings',
      'sipSettings',
      'accounts',
      0,
      'audioCodecs',
      0,
    ]);
    expect(codecs?.start.line).toBe(372);
    expect(line.slice(codecs!.start.column - 1, codecs!.end.column - 1)).toBe('"PCMU"');
    const integration =
      tree.kind === 'object' ? tree.entries.find((e) => e.key === 'integrationData') : undefined;
    expect(
      line.slice(
        integration!.keyPosition.start.column - 1,
        integration!.keyPosition.end.column - 1,
      ),
    ).toBe('"integrationData"');
  });
});

describe('readSamples: layouts', () => {
  it('reads a one-line request and a one-line response', () => {
    const { samples, messages } = read([
      'POST /x HTTP/1.1 Host: h Accept: application/json Content-Type: application/json Content-Length: length {"a":"String"}',
      'HTTP/1.1 200 OK Content-Type: application/json Content-Length: length {"b":0}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.startLine.text).toBe('POST /x HTTP/1.1');
    expect(samples.request?.headers).toEqual([
      { name: 'Host', value: 'h' },
      { name: 'Accept', value: 'application/json' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Content-Length', value: 'length' },
    ]);
    expect(bodyValue(samples.request)).toEqual({ a: 'String' });
    expect(where(samples.request?.body?.position)).toBe('2:105-2:119');
    expect(samples.response?.status).toBe(200);
    expect(bodyValue(samples.response)).toEqual({ b: 0 });
  });

  it('reads a whole sample squeezed onto one line', () => {
    const { samples, messages } = read([
      'PUT /items/{Id} HTTP/1.1 Host: localhost:5000 Content-Type: application/json {"id":1,"tags":["a]"]} HTTP/1.1 201 Created Content-Type: application/json {"id":1}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.method).toBe('PUT');
    expect(samples.request?.path).toBe('/items/{Id}');
    expect(samples.request?.headers[0]).toEqual({ name: 'Host', value: 'localhost:5000' });
    expect(bodyValue(samples.request)).toEqual({ id: 1, tags: ['a]'] });
    expect(samples.response?.startLine.text).toBe('HTTP/1.1 201 Created');
    expect(samples.response?.status).toBe(201);
    expect(bodyValue(samples.response)).toEqual({ id: 1 });
  });

  it('reads a GET request without a body and a multi-line JSON response', () => {
    const { samples, messages } = read([
      'GET /customers/{Id} HTTP/1.1 ',
      'Host: test.servicestack.net ',
      'Accept: application/json',
      ' ',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      'Content-Length: length',
      '',
      '{',
      '  "id": 0,',
      '  "results": [',
      '    { "name": "String", "tags": [] }',
      '  ]',
      '}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.method).toBe('GET');
    expect(samples.request?.path).toBe('/customers/{Id}');
    expect(samples.request?.headers).toEqual([
      { name: 'Host', value: 'test.servicestack.net' },
      { name: 'Accept', value: 'application/json' },
    ]);
    expect(samples.request?.body).toBeUndefined();
    expect(where(samples.request?.position)).toBe('2:1-4:25');
    expect(bodyValue(samples.response)).toEqual({ id: 0, results: [{ name: 'String', tags: [] }] });
    expect(where(samples.response?.body?.position)).toBe('10:1-15:2');
    const name = locateSamplePath(samples.response!.body!.tree, ['results', 0, 'name']);
    expect(where(name)).toBe('13:15-13:23');
  });

  it('reads a response without a body (void operation)', () => {
    const { samples, messages } = read([
      'DELETE /items/{Id} HTTP/1.1',
      'Host: h',
      'HTTP/1.1 204 No Content',
      'Content-Length: 0',
    ]);
    expect(messages).toEqual([]);
    expect(samples.response?.status).toBe(204);
    expect(samples.response?.startLine.text).toBe('HTTP/1.1 204 No Content');
    expect(samples.response?.headers).toEqual([{ name: 'Content-Length', value: '0' }]);
    expect(samples.response?.body).toBeUndefined();
  });

  it('reads a one-line response with a several-word reason and no headers', () => {
    const { samples, messages } = read([
      'GET /x HTTP/1.1 Accept: application/json',
      'HTTP/1.1 404 Not Found {"responseStatus":{"errorCode":"NotFound"}}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    expect(samples.response?.status).toBe(404);
    expect(samples.response?.startLine.text).toBe('HTTP/1.1 404 Not Found');
    expect(samples.response?.headers).toEqual([]);
    expect(bodyValue(samples.response)).toEqual({ responseStatus: { errorCode: 'NotFound' } });
  });

  it('keeps the /json/reply/ path and reads its JSON', () => {
    const { samples, messages } = read([
      'POST /json/reply/CreateWidget HTTP/1.1',
      'Host: h',
      '{"name":"String","sizes":[0]}',
      'HTTP/1.1 200 OK',
      '{"id":"String"}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.path).toBe('/json/reply/CreateWidget');
    expect(samples.request?.body?.format).toBe('json');
    expect(samples.response?.body?.format).toBe('json');
  });

  it('reads pretty-printed JSV bodies of a /jsv/reply/ page', () => {
    const { samples, messages } = read([
      'The placeholders shown need to be replaced with actual values.',
      'POST /jsv/reply/HelloQuery HTTP/1.1',
      'Host: test.servicestack.net',
      'Accept: text/jsv',
      'Content-Type: text/jsv',
      'Content-Length: length',
      '{',
      '\tnames: ',
      '\t[',
      '\t\tString',
      '\t],',
      '\tid: 00000000000000000000000000000000,',
      '\tday: 0001-01-01,',
      '\tnote: "a, ""quoted"" {note}",',
      '\tempty: {},',
      '\tnone: []',
      '}',
      'HTTP/1.1 200 OK',
      'Content-Type: text/jsv',
      'Content-Length: length',
      '{',
      '\toffset: 0,',
      '\tratio: -1.5e3,',
      '\tok: false,',
      '\tmeta: ',
      '\t{',
      '\t\tString: String',
      '\t}',
      '}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.path).toBe('/jsv/reply/HelloQuery');
    expect(samples.request?.body?.format).toBe('jsv');
    expect(bodyValue(samples.request)).toEqual({
      names: ['String'],
      id: '00000000000000000000000000000000',
      day: '0001-01-01',
      note: 'a, "quoted" {note}',
      empty: {},
      none: [],
    });
    expect(where(samples.request?.body?.position)).toBe('8:1-18:2');
    expect(where(locateSamplePath(samples.request!.body!.tree, ['names', 0]))).toBe('11:3-11:9');
    expect(samples.response?.body?.format).toBe('jsv');
    expect(bodyValue(samples.response)).toEqual({
      offset: 0,
      ratio: -1500,
      ok: false,
      meta: { String: 'String' },
    });
  });

  it('tries JSON, then JSV, when no Content-Type names the format', () => {
    const { samples, messages } = read([
      'POST /x HTTP/1.1',
      'Host: h',
      '{"a":[1,2]}',
      'HTTP/1.1 200 OK',
      '{a:[1,2],b:String}',
    ]);
    expect(messages).toEqual([]);
    expect(samples.request?.body?.format).toBe('json');
    expect(samples.response?.body?.format).toBe('jsv');
    expect(bodyValue(samples.response)).toEqual({ a: [1, 2], b: 'String' });
  });

  it('takes the response format from the request when the response names none', () => {
    const { samples } = read([
      'POST /x HTTP/1.1',
      'Accept: text/jsv',
      'Content-Type: text/jsv',
      '{a:1}',
      'HTTP/1.1 200 OK',
      '{"b":1}',
    ]);
    // As JSV, `{"b":1}` is the object { b: 1 } with a quoted key.
    expect(samples.response?.body?.format).toBe('jsv');
    expect(bodyValue(samples.response)).toEqual({ b: 1 });
  });

  it('reads samples inside a Markdown code fence', () => {
    const { samples, messages } = read([
      '```http',
      'POST /x HTTP/1.1',
      'Content-Type: application/json',
      '{"a":1}',
      '```',
      '',
      '```',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      '{"b":2}',
      '```',
    ]);
    expect(messages).toEqual([]);
    expect(bodyValue(samples.request)).toEqual({ a: 1 });
    expect(bodyValue(samples.response)).toEqual({ b: 2 });
  });

  it('skips the marker line when given its offset', () => {
    const { file } = samplePage(['GET /x HTTP/1.1', 'HTTP/1.1 200 OK']);
    const samples = readSamples(file, 0);
    expect(file.messages.map(String)).toEqual([]);
    expect(samples.request?.path).toBe('/x');
    expect(samples.response?.status).toBe(200);
  });
});

describe('readSamples: problems', () => {
  it('reports a truncated request body and still reads the request and the response', () => {
    const { samples, messages } = read([
      'POST /x HTTP/1.1',
      'Content-Type: application/json',
      '{"a":"Str',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      '{"b":1}',
    ]);
    expect(messages).toEqual([
      'x.txt:4:10: Unexpected end of body in string, expected a closing `"`',
    ]);
    expect(samples.request?.method).toBe('POST');
    expect(samples.request?.headers).toHaveLength(1);
    expect(samples.request?.body).toBeUndefined();
    expect(bodyValue(samples.response)).toEqual({ b: 1 });
  });

  it('reports a bad JSON body where the problem is', () => {
    const { samples, messages } = read([
      'POST /x HTTP/1.1',
      'Content-Type: application/json',
      '{"a":1,}',
    ]);
    expect(messages).toEqual([
      'x.txt:4:8-4:9: Unexpected `}`, expected a `"`-quoted property name',
    ]);
    expect(samples.request?.body).toBeUndefined();
    expect(samples.response).toBeUndefined();
  });

  it('reports the reading that got furthest when the format is unknown', () => {
    const { messages } = read(['POST /x HTTP/1.1', '{a:1,b:{c:2}']);
    expect(messages).toEqual(['x.txt:3:13: Unexpected end of body, expected `,` or `}`']);
  });

  it('reports lines that are no sample, once per run', () => {
    const { samples, messages } = read([
      'Some prose the scrape kept',
      'and more of it',
      'GET /x HTTP/1.1',
      'HTTP/1.1 200 OK',
      '{"a":1}',
      'Footer text',
    ]);
    expect(messages).toEqual([
      'x.txt:2:1-3:15: Unexpected `Some prose the scrape kept`, expected a request line (`POST /path HTTP/1.1`)',
      'x.txt:7:1-7:12: Unexpected `Footer text`, expected end of samples',
    ]);
    expect(samples.request?.path).toBe('/x');
    expect(bodyValue(samples.response)).toEqual({ a: 1 });
  });

  it('reports text after a body on the same line', () => {
    const { messages } = read(['GET /x HTTP/1.1', 'HTTP/1.1 200 OK {"a":1} trailing']);
    expect(messages).toEqual(['x.txt:3:25-3:33: Unexpected `trailing`, expected end of samples']);
  });

  it('reports a section without samples', () => {
    const { samples, messages } = read([]);
    expect(samples).toEqual({});
    expect(messages).toEqual([
      `x.txt:1:${MARKER_LINE.length + 1}: Unexpected end of page, expected a sample request (\`POST /path HTTP/1.1\`)`,
    ]);
  });

  it('never throws, whatever follows the marker', () => {
    const pieces = [
      'POST /x HTTP/1.1',
      'HTTP/1.1 200 OK',
      'Host: h',
      'Content-Type: text/jsv',
      'Content-Type: application/json',
      '{',
      '}',
      '[',
      ']',
      '"',
      '{"a":',
      '{a:',
      ',',
      ' ',
      '\n',
      'x',
      '```',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }), (parts) => {
        const { file, start } = samplePage([parts.join('')]);
        expect(() => readSamples(file, start)).not.toThrow();
        for (const message of file.messages) expect(message.reason).toMatch(/^Unexpected /);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readJsonBody', () => {
  function json(text: string) {
    const file = new VFile({ path: 'x.txt', value: `body: ${text}` });
    const node = readJsonBody(file, text, 6);
    return { node, messages: file.messages.map(String) };
  }

  it('reads values with their positions in the file', () => {
    const { node, messages } = json('{"n":-1.50,"s":"a\\"b","t":true,"z":null,"l":[{}]}');
    expect(messages).toEqual([]);
    expect(sampleToValue(node!)).toEqual({ n: -1.5, s: 'a"b', t: true, z: null, l: [{}] });
    expect(node?.kind === 'object' && node.entries[0]?.value).toEqual({
      kind: 'number',
      value: -1.5,
      raw: '-1.50',
      position: {
        start: { line: 1, column: 12, offset: 11 },
        end: { line: 1, column: 17, offset: 16 },
      },
    });
    expect(where(node?.kind === 'object' ? node.entries[1]?.keyPosition : undefined)).toBe(
      '1:18-1:21',
    );
    expect(where(node?.position)).toBe('1:7-1:56');
  });

  const bad: [string, string][] = [
    ['{"a":1,}', 'x.txt:1:14-1:15: Unexpected `}`, expected a `"`-quoted property name'],
    ['{"a":1 /* c */}', 'x.txt:1:14-1:21: Unexpected comment, expected JSON without comments'],
    ['{"a":1} x', 'x.txt:1:15-1:16: Unexpected `x`, expected end of body'],
    ["{'a':1}", "x.txt:1:8-1:11: Unexpected `'a'`, expected a `\"`-quoted property name"],
    ['{a:1}', 'x.txt:1:8-1:9: Unexpected `a`, expected a `"`-quoted property name'],
    ['[1,,2]', 'x.txt:1:10-1:11: Unexpected `,`, expected a JSON value'],
    ['{"a" 1}', 'x.txt:1:12-1:13: Unexpected `1`, expected `:`'],
    ['{"a":tru}', 'x.txt:1:12-1:15: Unexpected `tru`, expected a JSON value'],
    [
      '{"a":"\\q"}',
      'x.txt:1:12-1:16: Unexpected `"\\q"`, expected an escape such as `\\n` or `\\"`',
    ],
    ['', 'x.txt:1:7: Unexpected end of body, expected a JSON value'],
    ['{"a":[1', 'x.txt:1:14: Unexpected end of body, expected `,` or `]`'],
  ];
  it.each(bad)('reports %j', (text, message) => {
    const { node, messages } = json(text);
    expect(node).toBeUndefined();
    expect(messages).toEqual([message]);
  });

  it('reads back what JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        const { node, messages } = json(text);
        expect(messages).toEqual([]);
        expect(sampleToValue(node!)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('readJsvBody', () => {
  function jsv(text: string) {
    const file = new VFile({ path: 'x.txt', value: `body:\n${text}` });
    const node = readJsvBody(file, text, 6);
    return { node, messages: file.messages.map(String) };
  }

  it('reads unquoted scalars by their look', () => {
    const { node, messages } = jsv(
      '{int:0,neg:-12,real:1.5e-3,yes:true,no:false,text:String,time:12:30:00,url:http://x/y?a=b,zero:007,spaced: a b ,nullish:null}',
    );
    expect(messages).toEqual([]);
    expect(sampleToValue(node!)).toEqual({
      int: 0,
      neg: -12,
      real: 0.0015,
      yes: true,
      no: false,
      text: 'String',
      time: '12:30:00',
      url: 'http://x/y?a=b',
      zero: '007',
      spaced: 'a b',
      nullish: 'null',
    });
  });

  it('reads spaces and colons as part of an unquoted value or key', () => {
    const { node, messages } = jsv('{a:1 b:2,c d:x}');
    expect(messages).toEqual([]);
    expect(sampleToValue(node!)).toEqual({ a: '1 b:2', 'c d': 'x' });
  });

  it('reads quoted keys and strings with doubled quotes', () => {
    const { node, messages } = jsv('{"a key":"x,y","q":"say ""hi""","lead":" x"}');
    expect(messages).toEqual([]);
    expect(sampleToValue(node!)).toEqual({ 'a key': 'x,y', q: 'say "hi"', lead: ' x' });
  });

  it('reads top-level arrays, scalars and empty containers', () => {
    expect(sampleToValue(jsv('[a,[b,{}],[]]').node!)).toEqual(['a', ['b', {}], []]);
    expect(sampleToValue(jsv('  plain text, with comma  ').node!)).toBe('plain text, with comma');
    expect(sampleToValue(jsv('{ }').node!)).toEqual({});
  });

  it('keeps positions of keys and values', () => {
    const { node } = jsv('{\n\tname: String ,\n\tlist:\n\t[\n\t\t1\n\t]\n}');
    expect(node?.kind).toBe('object');
    if (node?.kind !== 'object') return;
    expect(where(node.entries[0]?.keyPosition)).toBe('3:2-3:6');
    expect(where(node.entries[0]?.value.position)).toBe('3:8-3:14');
    expect(where(locateSamplePath(node, ['list']))).toBe('5:2-7:3');
    expect(where(locateSamplePath(node, ['list', 0]))).toBe('6:3-6:4');
    expect(where(node.position)).toBe('2:1-8:2');
  });

  const bad: [string, string][] = [
    ['{a:"x', 'x.txt:2:6: Unexpected end of body in string, expected a closing `"`'],
    ['{a 1}', 'x.txt:2:5-2:6: Unexpected `}`, expected `:`'],
    ['{a:1,}', 'x.txt:2:6-2:7: Unexpected `}`, expected a key'],
    ['{a:x{y}}', 'x.txt:2:5-2:6: Unexpected `{`, expected `,` or the end of the value'],
    ['{a:,b:1}', 'x.txt:2:4-2:5: Unexpected `,`, expected a JSV value'],
    ['{a:1}}', 'x.txt:2:6-2:7: Unexpected `}`, expected end of body'],
    ['[1,2', 'x.txt:2:5: Unexpected end of body, expected `,` or `]`'],
    ['{a:[1]', 'x.txt:2:7: Unexpected end of body, expected `,` or `}`'],
    ['{"a"x:1}', 'x.txt:2:5-2:6: Unexpected `x`, expected `:`'],
    ['', 'x.txt:2:1: Unexpected end of body, expected a JSV value'],
  ];
  it.each(bad)('reports %j', (text, message) => {
    const { node, messages } = jsv(text);
    expect(node).toBeUndefined();
    expect(messages).toEqual([message]);
  });

  /** ServiceStack's JSV writer, for the values the round trip generates. */
  function writeJsv(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(writeJsv).join(',')}]`;
    if (value && typeof value === 'object') {
      return `{${Object.entries(value)
        .map(([key, item]) => `${writeJsvString(key)}:${writeJsv(item)}`)
        .join(',')}}`;
    }
    return typeof value === 'string' ? writeJsvString(value) : String(value);
  }
  function writeJsvString(text: string): string {
    return /[,{}[\]"]|^\s|\s$|^$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }

  it('reads back what a JSV writer writes', () => {
    // Strings that read as numbers or booleans are not told apart in JSV: leave them out.
    const text = fc
      .string()
      .filter((s) => !/^(?:true|false|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/.test(s));
    const key = text.filter((s) => !s.includes(':'));
    const value = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.boolean(),
        fc.integer(),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(fc.array(value), fc.dictionary(key, value)), (input) => {
        const { node, messages } = jsv(writeJsv(input));
        expect(messages).toEqual([]);
        expect(sampleToValue(node!)).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sampleToValue and locateSamplePath', () => {
  const file = new VFile({
    path: 'x.txt',
    value: '{"__proto__":{"x":1},"a":1,"a":[10,{"b":true}]}',
  });
  const tree = readJsonBody(file, String(file.value), 0) as SampleNode;

  it('makes `__proto__` an own property and lets the last duplicate key win', () => {
    const value = sampleToValue(tree) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ x: 1 });
    expect(value['a']).toEqual([10, { b: true }]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('locates values, or the deepest ancestor that exists', () => {
    expect(where(locateSamplePath(tree, ['a', 1, 'b']))).toBe('1:41-1:45');
    expect(where(locateSamplePath(tree, ['a', 1, 'missing', 3]))).toBe('1:36-1:46');
    expect(where(locateSamplePath(tree, ['a', 'x']))).toBe('1:32-1:47');
    expect(where(locateSamplePath(tree, []))).toBe('1:1-1:48');
  });
});

describe('createToPoint', () => {
  it('agrees with vfile-location on every offset', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '{') }),
        (value) => {
          const file = new VFile({ value });
          const toPoint = createToPoint(file);
          const place = location(file);
          for (let offset = 0; offset <= value.length; offset++) {
            expect(toPoint(offset)).toEqual(place.toPoint(offset));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with vfile-location whatever the order of the offsets asked', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n') }),
        fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 30 }),
        (value, offsets) => {
          const file = new VFile({ value });
          const toPoint = createToPoint(file);
          const place = location(file);
          for (const offset of offsets) {
            const clamped = Math.max(0, Math.min(offset, value.length));
            expect(toPoint(offset)).toEqual(place.toPoint(clamped));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseJsonSample: strict JSON read in one pass, anything else by jsonc-parser', () => {
  const toPoint = createToPoint(new VFile({ value: `${'line\n'.repeat(3)}${'x'.repeat(2000)}` }));
  /** Both readings of a body 17 characters into the file. */
  function both(text: string): [BodyResult, BodyResult] {
    return [parseJsonSample(text, 17, toPoint), parseJsoncSample(text, 17, toPoint)];
  }
  /** One character of a JSON text replaced, removed or doubled: mostly not JSON any more. */
  const mutated = fc
    .tuple(
      fc.json(),
      fc.nat(),
      fc.constantFrom(
        '',
        '"',
        '\\',
        '-',
        '0',
        '1',
        '.',
        'e',
        '+',
        ' ',
        '\n',
        '\t',
        '\u0001',
        'u',
        '}',
        ']',
        ',',
      ),
      fc.boolean(),
    )
    .map(([text, at, piece, replace]) => {
      const index = at % (text.length + 1);
      return text.slice(0, index) + piece + text.slice(index + (replace ? 1 : 0));
    });

  it('gives jsonc-parser’s tree (values, raw numbers, every span) for any JSON text', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom(0, 1, '\t', ' \r\n'), (json, indent) => {
        const text = JSON.stringify(JSON.parse(json), null, indent);
        const [mine, theirs] = both(text);
        expect(mine.ok).toBe(true);
        expect(mine).toStrictEqual(theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('gives jsonc-parser’s result for texts one character away from JSON', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const [mine, theirs] = both(text);
        expect(mine).toStrictEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads numbers, escapes and words as jsonc-parser does', () => {
    const texts = [
      '[-0, 0.5e-3, 1E+2, -12.50, 1e400, 123456789012345678901234567890]',
      '{"\\u00e9\\ud800\\/\\b\\f\\n\\r\\t\\"\\\\": "\\uD83D\\uDE00", "__proto__": {"a": [true, false, null]}}',
      '{"a": 1, "a": 2}',
      ' \r\n\t"top" \n',
      '{"é€😀": "\u2028\u007f"}',
    ];
    for (const text of texts) {
      const [mine, theirs] = both(text);
      expect(mine.ok, text).toBe(true);
      expect(mine, text).toStrictEqual(theirs);
    }
    const near = [
      '01',
      '1.',
      '.5',
      '-',
      '1e',
      '+1',
      '"\\x"',
      '"\\u12g4"',
      '"a\tb"',
      'tru',
      'nul',
      'true false',
      '{"a" 1}',
      '[1,]',
      '{,}',
      '',
      ' ',
      '\u00a01',
    ];
    for (const text of near) {
      const [mine, theirs] = both(text);
      expect(mine.ok, text).toBe(false);
      expect(mine, text).toStrictEqual(theirs);
    }
  });

  it('leaves jsonc-parser to bodies that are not strict JSON (it says what is wrong)', () => {
    parseTree.mockClear();
    parseJsonSample('{"a": [1, {"b": "c"}], "d": null}', 0, toPoint);
    expect(parseTree).not.toHaveBeenCalled();
    parseJsonSample('{"a": [1, {"b": "c"},], "d": null}', 0, toPoint);
    expect(parseTree).toHaveBeenCalledTimes(1);
  });
});
