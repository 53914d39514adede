/**
 * A loopback HTTP server that stands in for a ServiceStack API in the client tests: it records
 * every request it gets (verb, path, query, headers, body) and answers with what the test says
 * (by default: 200 and a JSON body).
 *
 * It serves any path: the tests check which path a client chose against the operation's routes,
 * ServiceStack's pre-defined `/json/reply/{Name}` and `/api/{Name}` routes.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server got. */
export interface RecordedCall {
  method: string;
  /** The path without the query string, still URI-encoded. */
  path: string;
  /** The query string's pairs, decoded, in order. */
  query: [string, string][];
  headers: IncomingHttpHeaders;
  /** The body as text (`''` when none). */
  body: string;
}

/** What the server answers. */
export interface Reply {
  status?: number;
  /** A value sent as JSON, or a string sent as it is (nothing: an empty body). */
  body?: unknown;
  contentType?: string;
}

export interface ApiServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request, in order. */
  calls: RecordedCall[];
  /** How the server answers (replace it per test). */
  reply: (call: RecordedCall) => Reply;
  close(): Promise<void>;
}

/**
 * ServiceStack's error body for a failed request: `{ responseStatus: { errorCode, message,
 * errors } }`, as its validation feature sends it.
 *
 * @param errorCode
 *   The error code.
 * @param message
 *   The message.
 * @param errors
 *   Per-field errors.
 */
export function serviceStackError(
  errorCode: string,
  message: string,
  errors: { fieldName: string; errorCode: string; message: string }[] = [],
): { responseStatus: Record<string, unknown> } {
  return {
    responseStatus: {
      errorCode,
      message,
      stackTrace: '',
      errors: errors.map((error) => ({ ...error, meta: {} })),
    },
  };
}

/** Start a server on 127.0.0.1 and a free port. */
export async function startApiServer(): Promise<ApiServer> {
  const calls: RecordedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const call: RecordedCall = {
        method: request.method ?? '',
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      calls.push(call);
      let reply: Reply;
      try {
        reply = api.reply(call);
      } catch (error) {
        reply = {
          status: 500,
          body: `test server failed: ${String(error)}`,
          contentType: 'text/plain',
        };
      }
      const text = typeof reply.body === 'string' ? reply.body : (JSON.stringify(reply.body) ?? '');
      response.writeHead(reply.status ?? 200, {
        'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: ApiServer = {
    url: `http://127.0.0.1:${port}`,
    calls,
    reply: () => ({ body: {} }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return api;
}
