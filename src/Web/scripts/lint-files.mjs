// Lints BPMN files with the studio's bpmnlint rules (src/studio/lint), as the modeler does in the browser, and prints
// per file the errors and warnings as JSON: { "<file>": { "errors": [{ id, rule, code, message }], "warnings": [...] } }.
// Used by the lint parity test (tests/Workflows.Tests/Studio/LintParityTests.cs):
//   node scripts/lint-files.mjs [--catalog catalog.json] FILE...
// catalog.json: { "activities": ["duo.pip-melden", ...], "functions": ["regel.pipFouten", ...] }, as the modeler gets them
// from GET /api/v1/activities/element-templates and GET /api/v1/expression-functions.
import { readFile } from 'node:fs/promises';
import { lintXml } from '../src/studio/lint/lint-xml.js';
import { setKnownActivities, setKnownFunctions } from '../src/studio/lint/rules.js';

const args = process.argv.slice(2);
const catalogAt = args.indexOf('--catalog');
if (catalogAt >= 0) {
  const catalog = JSON.parse(await readFile(args[catalogAt + 1], 'utf8'));
  setKnownActivities(catalog.activities ?? null);
  setKnownFunctions(catalog.functions ?? null);
  args.splice(catalogAt, 2);
}

const result = {};
for (const file of args) {
  result[file] = await lintXml(await readFile(file, 'utf8'));
}

process.stdout.write(JSON.stringify(result, null, 1));
