// The `dtoforge` command in its own process with the emit stage replaced by the package in
// the JSON file $DTOFORGE_TEST_PACKAGE (tests that run it as another user, for permissions).
import { readFileSync } from 'node:fs';
import { main } from '../../dist/cli/main.js';

const files = JSON.parse(readFileSync(process.env.DTOFORGE_TEST_PACKAGE ?? '', 'utf8'));
process.exitCode = await main(process.argv.slice(2), { emit: async () => ({ files }) });
