// Uses the installed package from CommonJS: `node cjs.cjs` prints `ok`.
const assert = require('node:assert/strict');
const dtos = require('evo-voice-dtos');
const schemasJson = require('evo-voice-dtos/schemas.json');

const sample = { id: 'String', audioCodecs: ['PCMU', 'NONE'], permissions: 3 };
assert.equal(dtos.isEndpointInfo(sample), true);
assert.equal(dtos.isEndpointInfo({ id: 'x', audioCodecs: ['PCMX'] }), false);
assert.equal(dtos.validateEndpointInfo(sample).success, true);
assert.throws(() => dtos.assertEndpointInfo({}));
assert.equal(dtos.AudioCodecTypes.OPUS, 'OPUS');
assert.equal(dtos.AudioCodecTypesValues.OPUS, 105);
assert.equal(dtos.EndpointPermissions.Write, 2);
assert.equal(dtos.TagColors.Red, 'red-ish');
assert.deepEqual(schemasJson.$defs, dtos.schemas.$defs);
// Calling the API from CommonJS: the fetch client and the request classes.
const http = require('node:http');
const { createClient, ApiError } = require('evo-voice-dtos/client');
const { BuyPhoneNumber } = require('evo-voice-dtos/servicestack');
const { JsonServiceClient } = require('@servicestack/client');

const calls = [];
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    calls.push(`${request.method} ${request.url}`);
    const failed = request.url.startsWith('/json/reply/');
    response.writeHead(failed ? 404 : 200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(failed ? {} : sample));
  });
});
server.listen(0, '127.0.0.1', async () => {
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  try {
    assert.deepEqual(await createClient({ baseUrl }).BuyPhoneNumber(), sample);
    const client = new JsonServiceClient(baseUrl);
    assert.deepEqual(await client.post(new BuyPhoneNumber({ number: '+1555' })), sample);
    const unchecked = createClient({ baseUrl, validate: false });
    assert.deepEqual(await unchecked.BuyPhoneNumber({}, { headers: { 'X-Trace': '1' } }), sample);
    const failing = new JsonServiceClient(baseUrl).useBasePath();
    const result = await failing.api(new BuyPhoneNumber());
    assert.equal(result.errorCode, '404');
    assert.ok(new ApiError('X', 404, 'Not Found', { errorCode: '404' }, {}) instanceof Error);
    assert.deepEqual(calls, [
      'POST /endpoints/phone-numbers',
      'POST /api/BuyPhoneNumber',
      'POST /endpoints/phone-numbers',
      'POST /json/reply/BuyPhoneNumber',
    ]);
    console.log('ok');
  } finally {
    server.close();
  }
});
