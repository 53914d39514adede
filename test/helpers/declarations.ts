/**
 * Compare declaration files by what they declare: TypeScript's printer over both, string and
 * number literals spelled one way. Two files print the same when they declare the same things
 * with the same documentation comments, whatever their layout or quotes.
 */
import { ts } from 'ts-morph';

/**
 * A declaration file as TypeScript's printer prints it.
 *
 * @param text
 *   The declaration file.
 */
export function normalizeDeclarations(text: string): string {
  const file = ts.createSourceFile('a.d.ts', text, ts.ScriptTarget.ES2022, true);
  const result = ts.transform(file, [
    (context) => (root) => {
      const visit = (node: ts.Node): ts.Node => {
        if (ts.isStringLiteral(node)) return ts.factory.createStringLiteral(node.text);
        if (ts.isNumericLiteral(node)) return ts.factory.createNumericLiteral(Number(node.text));
        return ts.visitEachChild(node, visit, context);
      };
      return ts.visitNode(root, visit) as ts.SourceFile;
    },
  ]);
  return ts.createPrinter({ removeComments: false }).printFile(result.transformed[0]!);
}
