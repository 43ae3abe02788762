// The studio's bpmnlint rule set: what the engine executes, the same refusals as the server's deploy validation
// (src/Engine/Bpmn/BpmnParser.cs). Plain JavaScript so that both the browser (bpmn-js-bpmnlint) and Node (the parity
// test) load it without a build step.
import { rules } from './rules.js';

export const lintConfig = {
  rules: Object.fromEntries(Object.keys(rules).map((name) => [`inburgering/${name}`, rules[name].category ?? 'error'])),
};

export const lintResolver = {
  resolveRule(pkg, ruleName) {
    const rule = pkg === 'bpmnlint-plugin-inburgering' ? rules[ruleName] : undefined;
    if (!rule) {
      throw new Error(`unknown rule ${pkg}/${ruleName}`);
    }

    return rule.factory;
  },
  resolveConfig(pkg, configName) {
    throw new Error(`unknown config ${pkg}/${configName}`);
  },
};

export { setKnownActivities, setKnownFunctions } from './rules.js';
