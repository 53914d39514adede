/**
 * The output folder from the user's side (`dtoforge generate`): whose folder it is, where it may
 * be, and every file-system problem as a message naming the path, exit 2 (never "internal
 * error"). Permissions are tested as an unprivileged user (as root, chmod stops no write: the
 * run is spawned as `nobody` then).
 */
import { spawnSync } from 'node:child_process';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Emitter } from '../src/pipeline.js';
import {
  GOOD_PAGE,
  configText,
  fakeEmit,
  runCli,
  snapshotFolder,
  writeFiles,
  pagesProject,
  writeLeftovers,
} from './cli-helpers.js';

const project = pagesProject;
const leftovers = writeLeftovers;

/** fakeEmit's package plus one more file. */
const emitWithExtra: Emitter = async (input) => {
  const output = await fakeEmit(input);
  return { files: [...output.files, { path: 'src/extra.ts', content: 'export {};\n' }] };
};

describe('whose folder: dtoforge writes only into an empty folder or one it wrote', () => {
  it('refuses a folder of someone else’s files (exit 2, naming them); --force takes it over', async () => {
    const root = await project(
      {},
      {
        'out/package.json': '{ "name": "mine" }\n',
        'out/README.md': 'mine\n',
        'out/src/index.ts': 'export const mine = 1;\n',
      },
    );
    const before = await snapshotFolder(path.join(root, 'out'));
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'dtoforge: Unexpected files in out, which dtoforge did not write (it holds no .dtoforge-manifest.json): README.md, package.json, src/index.ts. The package would replace package.json.',
    );
    expect(run.stderr).toContain('run with --force');
    expect(run.stderr).not.toContain('internal error');
    expect(await snapshotFolder(path.join(root, 'out'))).toEqual(before);

    const forced = await runCli(['generate', '--force'], { cwd: root });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(
      /kept 2 files of yours, replaced 1 file of yours \(--force\): package\.json$/m,
    );
    const after = await snapshotFolder(path.join(root, 'out'));
    expect(after['README.md']).toBe('mine\n');
    expect(after['src/index.ts']).toBe('export const mine = 1;\n');
    expect(after['package.json']).toContain('fake-dtos');
  });

  it('refuses a file of yours where the package now writes, in a folder it owns', async () => {
    const root = await project();
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    await writeFiles(root, { 'out/src/extra.ts': 'mine\n' });
    const run = await runCli(['generate'], { cwd: root, emit: emitWithExtra });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'dtoforge: Unexpected files of yours in out where the package writes: src/extra.ts.',
    );
    expect(await readFile(path.join(root, 'out/src/extra.ts'), 'utf8')).toBe('mine\n');
  });

  it('a symbolic link where the package writes a folder (dist/esm) is refused, not a crash', async () => {
    const root = await project({}, { 'shared/esm/keep.js': 'keep\n' });
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    await rm(path.join(root, 'out/dist/esm'), { recursive: true });
    await symlink(path.join(root, 'shared/esm'), path.join(root, 'out/dist/esm'));
    await writeFiles(root, { 'pages/GetThing.txt': GOOD_PAGE.replace('Id |', 'Key |') });
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('where the package writes: dist/esm.');
    expect(run.stderr).not.toContain('internal error');
    const forced = await runCli(['generate', '--force'], { cwd: root });
    expect(forced.code, forced.stderr).toBe(0);
    expect((await lstat(path.join(root, 'out/dist/esm'))).isDirectory()).toBe(true);
    expect(await readFile(path.join(root, 'shared/esm/keep.js'), 'utf8')).toBe('keep\n');
  });
});

describe('where: inside the project unless the config or a flag says otherwise', () => {
  it('--out ../v (outside the project) exits 2 saying what is allowed', async () => {
    const root = await project();
    const sibling = `${root}-v`;
    const run = await runCli(['generate', '--out', sibling], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `Unexpected output folder "${sibling}" outside the project (${root}), expected a folder inside it; to write there on purpose, pass --allow-outside-project`,
    );
    const allowed = await runCli(['generate', '--out', sibling, '--allow-outside-project'], {
      cwd: root,
    });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await snapshotFolder(sibling)).toHaveProperty('package.json');
  });

  it('"output": "../sib-out" in the config exits 2 at the config line; allowOutsideProject allows it', async () => {
    const root = await project({ output: '../sib-out' });
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /dtoforge\.config\.json\n\s*5:13-5:25\s+error\s+Unexpected output folder ".*sib-out" outside the project \(.*\), expected a folder inside it; to write there on purpose, set "allowOutsideProject": true in the config/,
    );
    await writeFiles(root, {
      'dtoforge.config.json': configText({
        input: ['pages'],
        output: '../sib-out',
        allowOutsideProject: true,
      }),
    });
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
  });

  it('an output folder that is the input folder, or the file system root, is refused by name', async () => {
    const root = await project({ output: 'pages' });
    const input = await runCli(['generate'], { cwd: root });
    expect(input.code).toBe(2);
    expect(input.stderr).toContain(
      'Unexpected output folder "pages", which holds the input "pages", expected a folder apart from the pages',
    );
    expect(input.stderr).not.toContain('holding no .txt or .md page');
    const slash = await runCli(['generate', '--out', '/'], { cwd: root });
    expect(slash.code).toBe(2);
    expect(slash.stderr).toContain('Unexpected output folder "/", which holds the project');
    expect(slash.stderr).not.toContain('../..');
  });
});

describe('file-system problems: exit 2 with the path, never "internal error"', () => {
  it('an output path that is a file', async () => {
    const root = await project({}, { out: 'a file\n' });
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dtoforge: Unexpected file out, expected the output folder');
    expect(await readFile(path.join(root, 'out'), 'utf8')).toBe('a file\n');
  });

  it('an output folder that is a symbolic link is followed (the link stays)', async () => {
    const root = await project();
    await mkdir(path.join(root, 'real-out'));
    await symlink(path.join(root, 'real-out'), path.join(root, 'out'));
    const run = await runCli(['generate'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(await readlink(path.join(root, 'out'))).toBe(path.join(root, 'real-out'));
    expect(await snapshotFolder(path.join(root, 'real-out'))).toHaveProperty('package.json');
    expect(await leftovers(root)).toEqual([]);
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    const dangling = await runCli(['generate', '--out', 'dangling'], { cwd: root });
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toContain('Unexpected symbolic link dangling → ');
  });

  describe('permissions', () => {
    const asRoot = process.getuid?.() === 0;
    const nobody = 65534;
    /** Spawn `dtoforge` (tests/helpers/cli-child.mjs) as an unprivileged user. */
    const runUnprivileged = (root: string, args: string[]) => {
      const run = spawnSync(
        process.execPath,
        [path.join(import.meta.dirname, 'helpers', 'cli-child.mjs'), ...args],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, DTOFORGE_TEST_PACKAGE: path.join(root, 'package.out.json') },
          ...(asRoot ? { uid: nobody, gid: nobody } : {}),
        },
      );
      return { code: run.status, stderr: run.stderr };
    };
    /** A project (with a written package) owned by the user the run is spawned as. */
    const ownedProject = async (): Promise<string> => {
      const root = await project();
      expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
      const { files } = await fakeEmit({
        model: { operations: [], types: [] } as never,
        config: {} as never,
        pages: new Map(),
      });
      await writeFile(path.join(root, 'package.out.json'), JSON.stringify(files));
      await writeFiles(root, { 'out/mine.txt': 'mine\n' });
      if (asRoot) await chownTree(root, nobody);
      await chmod(root, 0o755);
      return root;
    };

    it('a read-only output folder: refused before the swap, the old package untouched', async () => {
      const root = await ownedProject();
      const out = path.join(root, 'out');
      await chmodTree(out, 0o555);
      const before = await snapshotFolder(out);
      const run = runUnprivileged(root, ['generate']);
      await chmodTree(out, 0o755);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^dtoforge: Cannot replace out: the folder out(\/src)? is not writable \(EACCES\)/,
      );
      expect(run.stderr).toContain('nothing was changed');
      expect(run.stderr).not.toContain('internal error');
      expect(await snapshotFolder(out)).toEqual(before);
      expect(await leftovers(root)).toEqual([]);
    });

    it('a parent folder that is not writable', async () => {
      const root = await ownedProject();
      await chmod(root, 0o555);
      const run = runUnprivileged(root, ['generate', '--out', 'new-out']);
      await chmod(root, 0o755);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^dtoforge: Cannot (lock|create) the output folder new-out: permission denied \(EACCES\) creating the folder .dtoforge-lock-new-out/,
      );
    });
  });
});

async function chmodTree(folder: string, mode: number): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) await chmodTree(path.join(folder, entry.name), mode);
  }
  await chmod(folder, mode);
}

async function chownTree(folder: string, uid: number): Promise<void> {
  await chown(folder, uid, uid);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid);
    else await chown(child, uid, uid);
  }
}
