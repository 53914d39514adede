/**
 * The generated README's example of each client (the fetch client, `@servicestack/client`,
 * openapi-fetch) is runnable: for the Evo Voice package, each code block type-checks as a
 * consumer's module (strict, NodeNext) and, run against a loopback server, sends the first
 * operation's request to its route and gets the response.
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { astToString, openapiTS } from 'dtoforge-openapi-peers';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_BASE_URL } from '../src/emit/readme-clients.js';
import {
  evoVoiceFixture,
  typeCheckFolder,
  writeFixturePackage,
  type WrittenPackage,
} from './helpers/api-package.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { ROOT } from './helpers/pages-run.js';

const WORK = path.join(ROOT, 'test', 'tmp', `readme-examples-${process.pid}`);
const EXAMPLES = ['fetch', 'servicestack', 'openapi'] as const;

let written: WrittenPackage;
let server: ApiServer;
let tscOutput = '';
const examples = new Map<string, string>();

beforeAll(async () => {
  await rm(WORK, { recursive: true, force: true });
  server = await startApiServer();
  written = await writeFixturePackage(evoVoiceFixture(), path.join(WORK, 'package'));
  const name = written.fixture.config.package.name;
  await mkdir(path.join(WORK, 'node_modules'), { recursive: true });
  await symlink(written.dir, path.join(WORK, 'node_modules', name), 'dir');
  const readme = await readFile(path.join(written.dir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Calling the API'), readme.indexOf('## Null'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  EXAMPLES.forEach((example, index) => examples.set(example, blocks[index] ?? ''));
  const openapi = JSON.parse(
    await readFile(path.join(written.dir, 'openapi.json'), 'utf8'),
  ) as object;
  await writeFile(path.join(WORK, 'api.ts'), astToString(await openapiTS(openapi)));
  for (const [example, code] of examples) {
    await writeFile(path.join(WORK, `${example}.ts`), `${code}\nexport {};\n`);
    const js = transformSync(code.replaceAll(EXAMPLE_BASE_URL, server.url), {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
    }).code;
    await writeFile(path.join(WORK, `${example}.mjs`), js);
  }
  tscOutput = await typeCheckFolder(
    WORK,
    EXAMPLES.map((example) => `${example}.ts`),
  );
});

afterAll(async () => {
  await server.close();
  await rm(WORK, { recursive: true, force: true });
});

describe.each(EXAMPLES.map((example) => [example] as const))(
  'the README example of %s',
  (example) => {
    it('is there and type-checks as a consumer’s module (strict, NodeNext)', () => {
      expect(examples.get(example)).toContain(EXAMPLE_BASE_URL);
      expect(tscOutput.split('\n').filter((line) => line.startsWith(`${example}.ts`))).toEqual([]);
    });

    it('calls the first operation’s route on the server and gets its response', async () => {
      const operation = written.model.operations[0]!;
      const reply = operation.samples.response?.value;
      server.calls.length = 0;
      server.reply = () => ({ body: reply });
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await import(pathToFileURL(path.join(WORK, `${example}.mjs`)).href);
        expect(error).not.toHaveBeenCalled();
        expect(log).toHaveBeenCalledWith(reply);
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
      const expected =
        example === 'servicestack'
          ? `POST /api/${operation.name}`
          : `${operation.routes[0]!.verbs[0]} ${operation.routes[0]!.path}`;
      expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual([expected]);
      expect(JSON.parse(server.calls[0]!.body)).toEqual(
        Object.fromEntries(
          Object.entries(operation.samples.request?.value as Record<string, unknown>).filter(
            ([, value]) => typeof value !== 'object',
          ),
        ),
      );
    });
  },
);
