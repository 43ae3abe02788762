// Where a pin for an element can hang on a diagram: the element itself when the file draws it, else a drawn neighbour.

/** What the function needs of bpmn-js's element registry. */
export interface ElementRegistry {
  get(id: string): unknown;
}

/** The part of bpmn-moddle's tree this file walks: ids, parents, flow elements and a flow's ends. */
export interface ModdleElement {
  id?: string;
  $type: string;
  $parent?: ModdleElement;
  rootElements?: ModdleElement[];
  flowElements?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
}

function findById(root: ModdleElement, id: string): ModdleElement | undefined {
  if (root.id === id) return root;
  for (const child of [...(root.rootElements ?? []), ...(root.flowElements ?? [])]) {
    const found = findById(child, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The element a pin can hang on: the element itself when the diagram draws it; otherwise (a file without diagram
 * information for it, as for some flows of the keten) the flow's source or target, or the nearest drawn ancestor.
 */
export function drawnAnchor(definitions: ModdleElement, registry: ElementRegistry, id: string): string | undefined {
  if (registry.get(id)) return id;
  const element = findById(definitions, id);
  if (!element) return undefined;
  for (const end of [element.sourceRef, element.targetRef]) {
    if (end?.id && registry.get(end.id)) return end.id;
  }
  for (let parent = element.$parent; parent; parent = parent.$parent) {
    if (parent.id && registry.get(parent.id)) return parent.id;
  }
  return undefined;
}
