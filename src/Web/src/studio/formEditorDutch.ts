// The form-js editor's palette in Dutch. form-js-editor 1.23 writes its palette (header, search box, group titles, the
// component names) as fixed English text, without the translate service its properties panel uses; these are the Dutch
// words, kept in place while the editor re-renders (as dutchFormChrome does for the form viewer). Unknown names stay English.

const components: Record<string, string> = {
  'Text field': 'Tekstveld',
  'Text area': 'Tekstvak',
  Number: 'Getal',
  'Date time': 'Datum en tijd',
  Datetime: 'Datum en tijd',
  Expression: 'Berekende waarde',
  'File picker': 'Bestand kiezen',
  Checkbox: 'Aankruisvak',
  'Checkbox group': 'Aankruisvakken',
  'Radio group': 'Keuzerondjes',
  Select: 'Keuzelijst',
  'Tag list': 'Lijst met labels',
  'Text view': 'Tekst',
  'Image view': 'Afbeelding',
  Table: 'Tabel',
  'HTML view': 'HTML',
  'Document preview': 'Documentvoorbeeld',
  Spacer: 'Witruimte',
  Separator: 'Scheidingslijn',
  Group: 'Groep',
  'Dynamic list': 'Herhalende groep',
  Button: 'Knop',
};

const texts: [selector: string, from: string, to: string][] = [
  ['.fjs-palette-header', 'Components', 'Onderdelen'],
  ['.fjs-palette-group-title', 'Input', 'Invoer'],
  ['.fjs-palette-group-title', 'Selection', 'Keuze'],
  ['.fjs-palette-group-title', 'Presentation', 'Weergave'],
  ['.fjs-palette-group-title', 'Containers', 'Groepering'],
  ['.fjs-palette-group-title', 'Action', 'Actie'],
  ['.fjs-palette-no-entries', 'No components found.', 'Geen onderdelen gevonden.'],
];

/**
 * Changes the text node in place (preact keeps its reference to it), or the whole text when there is more than one node. Only
 * a real change is written: every write is a mutation the observer sees again, and an equal write would never end.
 */
function setText(element: HTMLElement, text: string) {
  if (element.textContent === text) return;
  const only = element.childNodes.length === 1 ? element.firstChild : null;
  if (only && only.nodeType === Node.TEXT_NODE) only.nodeValue = text;
  else element.textContent = text;
}

function apply(root: ParentNode) {
  for (const [selector, from, to] of texts) {
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      if (element.textContent === from) setText(element, to);
      if (element.title === from) element.title = to;
    }
  }
  for (const input of root.querySelectorAll<HTMLInputElement>('input.fjs-palette-search[placeholder="Search components"]')) {
    input.placeholder = 'Onderdelen zoeken';
  }
  for (const field of root.querySelectorAll<HTMLElement>('.fjs-palette-field')) {
    const text = field.querySelector<HTMLElement>('.fjs-palette-field-text');
    const dutch = text ? components[text.textContent ?? ''] : undefined;
    if (text && dutch && dutch !== text.textContent) {
      setText(text, dutch);
      if (field.title !== `${dutch} toevoegen`) field.title = `${dutch} toevoegen`;
    }
  }
}

/** Puts the form editor's palette in Dutch inside <paramref name="root"/> and keeps it so; returns the function that stops it. */
export function dutchFormEditorPalette(root: HTMLElement): () => void {
  apply(root);
  const observer = new MutationObserver(() => apply(root));
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'title'] });
  return () => observer.disconnect();
}
