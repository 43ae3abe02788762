// form-js speaks English; these are its validation messages in Dutch, with the field's label, worded like the server's
// (src/Server/Forms/FormValidator.cs), so the browser and the server say the same.

const rules: [RegExp, (label: string, m: RegExpMatchArray) => string][] = [
  [/^Field is required\.$/, (l) => `${l} is verplicht.`],
  [/^Field must have minimum value of (.+)\.$/, (l, m) => `${l} moet minstens ${m[1]} zijn.`],
  [/^Field must have maximum value of (.+)\.$/, (l, m) => `${l} mag hoogstens ${m[1]} zijn.`],
  [/^Field must have minimum length of (.+)\.$/, (l, m) => `${l} moet minstens ${m[1]} tekens hebben.`],
  [/^Field must have maximum length of (.+)\.$/, (l, m) => `${l} mag hoogstens ${m[1]} tekens hebben.`],
  [/^Field must match pattern /, (l) => `${l} heeft niet de juiste vorm.`],
  [/^Field must be a valid email\.$/, (l) => `${l} moet een e-mailadres zijn.`],
  [/^Field must be a valid\s+international phone number/, (l) => `${l} moet een telefoonnummer zijn.`],
  [/^Value is not a number\.$/, (l) => `${l} moet een getal zijn.`],
  [/^Value is expected to be an integer\.$/, (l) => `${l} moet een heel getal zijn.`],
];

export function dutchFormMessage(message: string, label: string): string {
  for (const [pattern, say] of rules) {
    const match = message.match(pattern);
    if (match) {
      return say(label, match);
    }
  }

  return message;
}

// form-js writes a few words of its own into the form, in English and without a way to translate them: the empty
// select ("Select"), the search box of a searchable select or taglist ("Search") and the date placeholder from the
// browser's locale ("dd-mm-yyyy"). These are their Dutch words; dutchFormChrome keeps them Dutch while form-js re-renders.
const chrome: [selector: string, attribute: 'text' | 'placeholder', from: RegExp, to: string][] = [
  ['.fjs-select-placeholder', 'text', /^Select$/, 'Maak een keuze'],
  ['input[placeholder="Search"]', 'placeholder', /^Search$/, 'Zoeken'],
  ['input.fjs-input[placeholder*="yyyy"]', 'placeholder', /y{4}/, 'jjjj'],
];

function applyChrome(root: ParentNode) {
  for (const [selector, attribute, from, to] of chrome) {
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      if (attribute === 'text') {
        if (from.test(element.textContent ?? '')) {
          element.textContent = (element.textContent ?? '').replace(from, to);
        }
      } else {
        const value = element.getAttribute('placeholder') ?? '';
        if (from.test(value)) {
          element.setAttribute('placeholder', value.replace(from, to));
        }
      }
    }
  }
}

/** Puts form-js's own words in Dutch inside <paramref name="root"/> and keeps them so; returns the function that stops it. */
export function dutchFormChrome(root: HTMLElement): () => void {
  applyChrome(root);
  const observer = new MutationObserver(() => applyChrome(root));
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] });
  return () => observer.disconnect();
}
