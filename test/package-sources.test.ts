/**
 * The type-check the other tests rely on (test/helpers/package-sources.ts) tells the truth: it
 * finds type errors and syntax errors, gives each to its own package, prints a chained message
 * link by link, and still finds the type errors of a package checked next to one that does not
 * parse (tsc reports no type error in a program with a syntax error).
 */
import { describe, expect, it } from 'vitest';
import { RUNTIME_SOURCE, typeCheckPackages } from './helpers/package-sources.js';

describe('typeCheckPackages', () => {
  it('finds each package its own errors, chained messages in full', () => {
    const chained = [
      'interface A { a: { b: string } }',
      'declare const v: { a: { b: number } };',
      'export const b: A = v;',
      '',
    ].join('\n');
    const [typeError, clean, syntaxError, unused, runtime] = typeCheckPackages([
      { 'a.ts': chained },
      { 'a.ts': 'export const ok = 1;\n' },
      { 'a.ts': 'export const x: number = ;\n' },
      { 'a.ts': 'const unused = 1;\nexport {};\n' },
      {
        'runtime.ts': RUNTIME_SOURCE,
        'a.ts': "import { MAX_DEPTH } from './runtime.js';\nexport const d: string = MAX_DEPTH;\n",
      },
    ]);
    expect(typeError).toEqual([
      [
        "p0/a.ts:3:14: TS2322: Type '{ a: { b: number; }; }' is not assignable to type 'A'.",
        "The types of 'a.b' are incompatible between these types.",
        "Type 'number' is not assignable to type 'string'.",
      ].join('\n'),
    ]);
    expect(clean).toEqual([]);
    expect(syntaxError).toEqual(['p2/a.ts:1:26: TS1109: Expression expected.']);
    // The house's flags: noUnusedLocals and the rest (PACKAGE_CHECK_OPTIONS).
    expect(unused).toEqual([
      "p3/a.ts:1:7: TS6133: 'unused' is declared but its value is never read.",
    ]);
    // A package shares the runtime template (checked once) and still sees its types.
    expect(runtime).toEqual([
      "p4/a.ts:2:14: TS2322: Type 'number' is not assignable to type 'string'.",
    ]);
  });
});
