// Lints BPMN XML outside the modeler (Node, tests): reads it with bpmn-moddle and the Camunda 7 vocabulary and runs the
// studio's rules. A file that is not BPMN XML gives one error without an element, as the server's validation does.
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { lintConfig, lintResolver } from './index.js';

/** @returns {Promise<{errors: {id: string|null, rule: string, code: string, message: string}[], warnings: {id: string|null, rule: string, code: string, message: string}[]}>} */
export async function lintXml(xml) {
  const moddle = new BpmnModdle({ camunda });
  let definitions;
  try {
    ({ rootElement: definitions } = await moddle.fromXML(xml));
  } catch (error) {
    return { errors: [{ id: null, rule: 'inburgering/xml', code: 'bpmn.file.xml-invalid', message: String(error?.message ?? error) }], warnings: [] };
  }

  const linter = new bpmnlint.Linter({ config: lintConfig, resolver: lintResolver });
  const reports = await linter.lint(definitions);
  const errors = [];
  const warnings = [];
  for (const [rule, items] of Object.entries(reports)) {
    for (const item of items) {
      const entry = { id: item.id ?? null, rule, code: item.meta?.code ?? codeOf(item.message), message: item.message };
      (item.category === 'warn' ? warnings : errors).push(entry);
    }
  }

  return { errors, warnings };
}

function codeOf(message) {
  const match = /^\[([^\]]+)\]/.exec(message ?? '');
  return match ? match[1] : '';
}
