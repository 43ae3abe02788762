// bpmn.io packages without their own type declarations, as the studio uses them.
declare module 'bpmn-js-differ' {
  export function diff(a: unknown, b: unknown): unknown;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: import('didi').ModuleDeclaration;
}
declare module 'bpmn-js-element-templates' {
  export const ElementTemplatesPropertiesProviderModule: import('didi').ModuleDeclaration;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
declare module 'bpmn-js-bpmnlint' {
  const module: import('didi').ModuleDeclaration;
  export default module;
}
