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
