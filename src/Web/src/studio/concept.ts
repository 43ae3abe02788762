// The draft a designer carries between the modeler and Proberen: kept for this browser tab (sessionStorage), per definition.
// The modeler hands its current diagram to Proberen; Proberen hands the tried draft back (or deploys it).

export interface Concept {
  /** The process key of the draft (the definition it changes). */
  key: string;
  /** The version the draft was based on; null for a new process. */
  baseVersion: number | null;
  xml: string;
}

const prefix = 'studio-concept:';

export function saveConcept(concept: Concept): void {
  try {
    window.sessionStorage.setItem(prefix + concept.key, JSON.stringify(concept));
  } catch {
    // A full or blocked storage: the receiving page says it found no draft and offers the deployed version.
  }
}

export function loadConcept(key: string): Concept | null {
  try {
    const raw = window.sessionStorage.getItem(prefix + key);
    if (!raw) return null;
    const concept = JSON.parse(raw) as Partial<Concept>;
    return typeof concept.xml === 'string' && concept.key === key ? { key, baseVersion: typeof concept.baseVersion === 'number' ? concept.baseVersion : null, xml: concept.xml } : null;
  } catch {
    return null;
  }
}

export function clearConcept(key: string): void {
  try {
    window.sessionStorage.removeItem(prefix + key);
  } catch {
    // Nothing to clear.
  }
}

/** The process id of a BPMN draft (its definition key once deployed). */
export function processKeyOf(xml: string): string | null {
  return /<(?:bpmn2?:)?process\b[^>]*\sid="([^"]+)"/.exec(xml)?.[1] ?? null;
}

/** The Migreren page for a definition, from the version its instances run on to the new one. */
export function migrationLink(key: string, from: number | null, to: number): string {
  const params = new URLSearchParams({ definitie: key, naar: String(to) });
  if (from && from !== to) params.set('van', String(from));
  return `/studio/migratie?${params.toString()}`;
}
