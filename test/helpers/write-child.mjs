// A `generate` run in its own process for the fault-injection and lock tests (test/write-faults
// .test.ts): the project at argv[2] is generated with the package in the JSON file argv[3]
// (the emit stage is replaced by it) through the built API (dist/, built by the global setup).
//
// argv[4] (optional): `kill:<n>:<signal>` kills this process with <signal> right after the
// n-th hooked step of the write; `pause:<step>:<file>` waits at <step> until <file> exists.
// Every step is printed on stdout as `<n> <step> <detail>` before the kill, so the test can
// list them. Exit code: 0 written, 2 refused (the message on stderr), 1 anything else.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from '../../dist/index.js';

const [root, packageFile, fault = ''] = process.argv.slice(2);
const files = JSON.parse(readFileSync(packageFile, 'utf8'));
const [mode, first, second] = fault.split(':');
let count = 0;

const onStep = async (step, detail) => {
  count++;
  process.stdout.write(`${count} ${step} ${detail ?? ''}\n`);
  if (mode === 'kill' && count === Number(first)) {
    process.kill(process.pid, second);
    // Note: the signal arrives asynchronously; nothing of the write runs after this step (the
    // timer keeps the process alive until it does).
    await new Promise(() => setInterval(() => {}, 1000));
  }
  if (mode === 'pause' && step === first) {
    while (!existsSync(second)) await sleep(20);
  }
};

try {
  const result = await generate({
    cwd: root,
    write: true,
    emit: async () => ({ files }),
    writeOptions: { onStep, lockStaleMs: 2000, lockWaitMs: 20_000 },
  });
  process.stdout.write(`done ${result.written ? 'written' : 'unchanged'}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error?.name === 'OutputError' || error?.name === 'FsError' ? 2 : 1;
}
