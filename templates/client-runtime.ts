/**
 * The runtime of the fetch client of a dtoforge-generated package: how a request DTO becomes an
 * HTTP request (route, path, query string, headers, body) and how the answer becomes a typed,
 * checked value or a thrown error. The generated `client.ts` binds one method per operation to
 * {@link callOperation}; the generated `operations.ts` describes each operation.
 *
 * This file is copied verbatim into every generated package. It uses the global `fetch` (Node.js
 * 18+, browsers, Deno, Bun) or the one given, and no dependency.
 */
import { isResponseStatus } from './guards.js';
import { ValidationError, type ValidationIssue, type ValidationResult } from './runtime.js';
import type { ResponseError, ResponseStatus } from './types.js';

/** A route of an operation: its verbs (`ANY` for all verbs) and its path template. */
export interface RouteInfo {
  /** `GET`, `POST`, … or `ANY`. */
  readonly verbs: readonly string[];
  /** The path template, e.g. `/customers/{Id}` (`{Name*}` takes the rest of the path). */
  readonly path: string;
}

/** A request field that does not travel in the body: in the path, the query string or a header. */
export interface ParameterInfo {
  /** The name as the page writes it (a header's name, a path variable's name). */
  readonly name: string;
  /** The property of the request object. */
  readonly wireName: string;
  readonly in: 'path' | 'query' | 'header';
}

/** What the generated `operations` export says of one operation. */
export interface OperationInfo {
  /** The operation's name: its request DTO's name on the server (`/json/reply/{name}`). */
  readonly name: string;
  /** The verb of its first route (`ANY` for all verbs). */
  readonly method: string;
  readonly routes: readonly RouteInfo[];
  /** The roles of which the caller needs one (empty: no role required). */
  readonly roles: readonly string[];
  /** The request DTO's name on the server. */
  readonly request: string;
  /** The response DTO's name on the server, when the operation has one. */
  readonly response?: string;
  /** The request fields that travel in the path, the query string or a header. */
  readonly parameters: readonly ParameterInfo[];
}

/** Header names and values. */
export type HeaderMap = Readonly<Record<string, string>>;

/** What the client passes to `fetch` (plus `signal` when a call gives one). */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** The part of the Fetch API's `Response` the client reads. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  text(): Promise<string>;
}

/** A `fetch` function: the global one, or any with its signature (a mock, a wrapper). */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** The part of an `AbortSignal` the client needs to know of (it passes it on to `fetch`). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** The options of `createClient`. */
export interface ClientOptions {
  /** Where the API is (`https://api.example.com`); the routes' paths are appended to it. */
  baseUrl: string;
  /** The `fetch` to use (default: the global `fetch`). */
  fetch?: FetchLike | undefined;
  /** Headers sent with every request, or a function that gives them (e.g. a fresh token). */
  headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>) | undefined;
  /**
   * Check every response with the response type's `validateX` and throw a
   * {@link ResponseValidationError} when it does not match (default: `true`). With `false`, the
   * parsed JSON is returned as it came, typed but unchecked.
   */
  validate?: boolean | undefined;
}

/** The options of one call. */
export interface CallOptions {
  /** Headers for this call (over the client's). */
  headers?: HeaderMap | undefined;
  /** Aborts the call (passed on to `fetch`). */
  signal?: AbortSignalLike | undefined;
  /** Check this response (default: the client's `validate`). */
  validate?: boolean | undefined;
}

/** An HTTP request as the client sends it (see {@link httpRequestOf}). */
export interface HttpRequest {
  method: string;
  /** The path with the query string, to be appended to the base URL. */
  path: string;
  headers: Record<string, string>;
  /** The JSON body, for verbs that have one. */
  body?: string;
}

/**
 * Thrown when the server answers with an error status (4xx, 5xx). ServiceStack sends its error
 * as `{ responseStatus: { errorCode, message, errors: [{ fieldName, errorCode, message }] } }`;
 * {@link ApiError.responseStatus} holds it, or one made from the HTTP status when the body has
 * none.
 */
export class ApiError extends Error {
  /** The operation that failed. */
  readonly operation: string;
  /** The HTTP status. */
  readonly status: number;
  readonly statusText: string;
  /** ServiceStack's description of the error. */
  readonly responseStatus: ResponseStatus;
  /** The body as received: parsed JSON, or the text when it is not JSON. */
  readonly body: unknown;

  /**
   * @param operation
   *   The operation's name.
   * @param status
   *   The HTTP status.
   * @param statusText
   *   The HTTP status text.
   * @param responseStatus
   *   The error's ResponseStatus.
   * @param body
   *   The body as received.
   */
  constructor(
    operation: string,
    status: number,
    statusText: string,
    responseStatus: ResponseStatus,
    body: unknown,
  ) {
    const code = responseStatus.errorCode ?? String(status);
    const lines = [`${operation} failed with ${status}: ${code}: ${responseStatus.message ?? ''}`];
    for (const error of responseStatus.errors ?? []) {
      lines.push(
        `  - ${error.fieldName ?? '(no field)'}: ${error.errorCode ?? ''} ${error.message ?? ''}`,
      );
    }
    super(lines.join('\n'));
    this.name = 'ApiError';
    this.operation = operation;
    this.status = status;
    this.statusText = statusText;
    this.responseStatus = responseStatus;
    this.body = body;
  }

  /** The error code (`NotFound`, `ValidationException`, a field's code…). */
  get errorCode(): string {
    return this.responseStatus.errorCode ?? String(this.status);
  }

  /** The server's message. */
  get errorMessage(): string {
    return this.responseStatus.message ?? this.statusText;
  }

  /** The per-field errors (validation failures), in the order the server sent them. */
  get errors(): ResponseError[] {
    return this.responseStatus.errors ?? [];
  }

  /**
   * The first error about a field, compared without case (`number` finds `Number`).
   *
   * @param fieldName
   *   The field's name.
   */
  fieldError(fieldName: string): ResponseError | undefined {
    const wanted = fieldName.toLowerCase();
    return this.errors.find((error) => error.fieldName?.toLowerCase() === wanted);
  }
}

/** Thrown when a response does not match its type (with validation on): every issue is listed. */
export class ResponseValidationError extends ValidationError {
  /** The operation whose response it is. */
  readonly operation: string;
  /** The parsed body. */
  readonly body: unknown;

  /**
   * @param operation
   *   The operation's name.
   * @param typeName
   *   The response type's name.
   * @param issues
   *   What `validateX` found.
   * @param body
   *   The parsed body.
   */
  constructor(operation: string, typeName: string, issues: ValidationIssue[], body: unknown) {
    super(`${typeName} (the response of ${operation})`, issues);
    this.name = 'ResponseValidationError';
    this.operation = operation;
    this.body = body;
  }
}

/** Verbs that send no body: their fields go to the query string. */
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** A `{Name}` or `{Name*}` path variable. */
const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The verb a call uses: the operation's own (`POST` for all verbs). */
function preferredVerb(operation: OperationInfo): string {
  const verb = operation.method.toUpperCase();
  return verb === 'ANY' || verb === '' ? 'POST' : verb;
}

/** True when a request value can fill a path variable. */
function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The request property a path variable names: the parameter of that name, else the property of
 * the same name without regard to case (ServiceStack's rule; the wire name is the camelCase of
 * the name).
 */
function propertyFor(
  operation: OperationInfo,
  request: Readonly<Record<string, unknown>>,
  variable: string,
): string | undefined {
  const wanted = variable.toLowerCase();
  const parameter = operation.parameters.find((p) => p.name.toLowerCase() === wanted);
  if (parameter !== undefined) return parameter.wireName;
  return Object.keys(request).find((key) => key.toLowerCase() === wanted);
}

/** The path variables of a template: `{ name, greedy }` in order. */
function variablesOf(path: string): { text: string; name: string; greedy: boolean }[] {
  return [...path.matchAll(PLACEHOLDER)].map((match) => {
    const inner = match[1] ?? '';
    const greedy = inner.endsWith('*');
    return { text: match[0], name: greedy ? inner.slice(0, -1) : inner, greedy };
  });
}

/** True for a string, number, boolean or bigint. */
function isScalar(value: unknown): value is string | number | boolean | bigint {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

/**
 * A value as text in a path, a query string or a header: scalars as they are, lists of scalars
 * comma-separated (`a,b`), anything else as JSON.
 */
function textOf(value: unknown): string {
  if (isScalar(value)) return String(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String).join(',');
  return JSON.stringify(value) ?? '';
}

/**
 * The route a request takes: among the routes whose every path variable the request fills, one
 * that allows the operation's verb, then the one with the most variables, then the first
 * (ServiceStack's clients choose the same way). `undefined` when no route fits.
 */
function chooseRoute(
  operation: OperationInfo,
  request: Readonly<Record<string, unknown>>,
): { route: RouteInfo; verb: string } | undefined {
  const preferred = preferredVerb(operation);
  let best: { route: RouteInfo; verb: string; score: number } | undefined;
  for (const route of operation.routes) {
    const variables = variablesOf(route.path);
    const filled = variables.every(({ name }) => {
      const key = propertyFor(operation, request, name);
      return key !== undefined && isGiven(request[key]);
    });
    if (!filled) continue;
    const verbs = route.verbs.map((verb) => verb.toUpperCase());
    const allows = verbs.includes(preferred) || verbs.includes('ANY');
    const verb = allows ? preferred : (verbs[0] ?? preferred);
    const score = (allows ? 1000 : 0) + variables.length;
    if (best === undefined || score > best.score) best = { route, verb, score };
  }
  return best;
}

/**
 * The HTTP request the client sends for a request DTO, without sending it.
 *
 * - The route: see {@link OperationInfo.routes}; none fits → ServiceStack's pre-defined
 *   `/json/reply/{Operation}` route.
 * - Path variables are filled with the request's values, URI-encoded (`{Name*}` keeps `/`).
 * - Verbs without a body (GET, DELETE…): every other field in the query string; with a body
 *   (POST, PUT, PATCH): the fields marked `query` in the query string, the rest as JSON.
 * - Fields marked `header` are sent as headers of their name. Lists of scalars go
 *   comma-separated, objects (and lists of them) as JSON; `undefined` and `null` are left out.
 *
 * @param operation
 *   The operation (from the generated `operations`).
 * @param request
 *   The request DTO.
 */
export function httpRequestOf(operation: OperationInfo, request: object): HttpRequest {
  const fields = request as Readonly<Record<string, unknown>>;
  const chosen = chooseRoute(operation, fields);
  const method = chosen?.verb ?? preferredVerb(operation);
  const used = new Set<string>();
  let path = `/json/reply/${encodeURIComponent(operation.name)}`;
  if (chosen !== undefined) {
    path = chosen.route.path;
    for (const variable of variablesOf(chosen.route.path)) {
      const key = propertyFor(operation, fields, variable.name) ?? variable.name;
      used.add(key);
      const text = textOf(fields[key]);
      const encoded = variable.greedy
        ? text.split('/').map(encodeURIComponent).join('/')
        : encodeURIComponent(text);
      path = path.replace(variable.text, encoded);
    }
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  const kinds = new Map(operation.parameters.map((p) => [p.wireName, p]));
  const hasBody = !BODILESS.has(method);
  const query: string[] = [];
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const parameter = kinds.get(key);
    if (parameter?.in === 'header') {
      if (value !== null) headers[parameter.name] = textOf(value);
    } else if (hasBody && parameter?.in !== 'query') {
      Object.defineProperty(body, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (!used.has(key) && value !== null) {
      query.push(`${encodeURIComponent(key)}=${encodeURIComponent(textOf(value))}`);
    }
  }
  if (query.length > 0) path += `${path.includes('?') ? '&' : '?'}${query.join('&')}`;
  if (!hasBody) return { method, path, headers };
  headers['Content-Type'] = 'application/json';
  return { method, path, headers, body: JSON.stringify(body) };
}

/** The global `fetch`, when there is one. */
function globalFetch(): FetchLike | undefined {
  const candidate = (globalThis as { fetch?: unknown }).fetch;
  return typeof candidate === 'function' ? (candidate as FetchLike) : undefined;
}

/** JSON text → value; `undefined` for an empty text or text that is not JSON. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The ResponseStatus of an error body, or one made from the HTTP status. */
function statusOf(body: unknown, status: number, statusText: string): ResponseStatus {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const found = (body as { responseStatus?: unknown }).responseStatus;
    if (isResponseStatus(found)) return found;
  }
  return { errorCode: String(status), message: statusText || `HTTP ${status}` };
}

/**
 * Call an operation: send the request as {@link httpRequestOf} describes it, read the answer,
 * check it when validation is on.
 *
 * @param client
 *   The client's options.
 * @param operation
 *   The operation.
 * @param request
 *   The request DTO.
 * @param validate
 *   The response type's `validateX` and its name, when the operation has a response type.
 * @param call
 *   This call's options.
 * @returns
 *   The response (`undefined` for an empty body).
 * @throws {ApiError}
 *   When the server answers with an error status, or with a body that is not JSON.
 * @throws {ResponseValidationError}
 *   When validation is on and the response does not match its type.
 */
export async function callOperation<Output>(
  client: ClientOptions,
  operation: OperationInfo,
  request: object,
  validate: { name: string; check: (value: unknown) => ValidationResult<Output> } | undefined,
  call: CallOptions = {},
): Promise<Output> {
  const fetcher = client.fetch ?? globalFetch();
  if (fetcher === undefined) {
    throw new TypeError('No fetch function: pass `fetch` to createClient (Node.js 18+ has one)');
  }
  const http = httpRequestOf(operation, request);
  const common = typeof client.headers === 'function' ? await client.headers() : client.headers;
  const init: FetchInit & { signal?: AbortSignalLike } = {
    method: http.method,
    headers: { ...http.headers, ...common, ...call.headers },
  };
  if (http.body !== undefined) init.body = http.body;
  if (call.signal !== undefined) init.signal = call.signal;
  const response = await fetcher(`${client.baseUrl.replace(/\/+$/, '')}${http.path}`, init);
  const text = await response.text();
  const parsed = parseJson(text);
  const body = parsed.ok ? parsed.value : text;
  if (!response.ok) {
    const status = statusOf(body, response.status, response.statusText);
    throw new ApiError(operation.name, response.status, response.statusText, status, body);
  }
  if (!parsed.ok) {
    const status = {
      errorCode: 'InvalidResponse',
      message: 'Unexpected body that is not JSON, expected a JSON response',
    };
    throw new ApiError(operation.name, response.status, response.statusText, status, body);
  }
  if (validate === undefined || !(call.validate ?? client.validate ?? true)) {
    return parsed.value as Output;
  }
  const result = validate.check(parsed.value);
  if (!result.success) {
    throw new ResponseValidationError(operation.name, validate.name, result.issues, parsed.value);
  }
  return result.value;
}
