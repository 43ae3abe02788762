// Lints BPMN files with the studio's bpmnlint rules (src/studio/lint), as the modeler does in the browser, and prints
// per file the errors and warnings as JSON: { "<file>": { "errors": [{ id, rule, code, message }], "warnings": [...] } }.
// Used by the lint parity test (tests/Workflows.Tests/Studio/LintParityTests.cs): node scripts/lint-files.mjs FILE...
import { readFile } from 'node:fs/promises';
import { lintXml } from '../src/studio/lint/lint-xml.js';

const files = process.argv.slice(2);
const result = {};
for (const file of files) {
  result[file] = await lintXml(await readFile(file, 'utf8'));
}

process.stdout.write(JSON.stringify(result, null, 1));
