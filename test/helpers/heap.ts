/**
 * The live heap, for tests that measure memory in bytes (never time): a full garbage
 * collection first (V8's `gc`, exposed for this worker).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const gc = ((): (() => void) => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** Bytes of live heap after a full garbage collection. */
export function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
