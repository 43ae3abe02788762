import { describe, expect, it } from 'vitest';
import { dutchFormMessage } from './formMessages';

describe('form-js messages in Dutch', () => {
  it('names the field and says what is wrong', () => {
    expect(dutchFormMessage('Field is required.', 'Dagtekening')).toBe('Dagtekening is verplicht.');
    expect(dutchFormMessage('Field must have minimum value of 1.', 'Uren per week')).toBe('Uren per week moet minstens 1 zijn.');
    expect(dutchFormMessage('Field must match pattern ^\\d{4}$.', 'Code')).toBe('Code heeft niet de juiste vorm.');
    expect(dutchFormMessage('Field must be a valid email.', 'E-mail')).toBe('E-mail moet een e-mailadres zijn.');
  });

  it('leaves a message it does not know (a form author\'s own pattern message) as it is', () => {
    expect(dutchFormMessage('Vul vier cijfers in.', 'Code')).toBe('Vul vier cijfers in.');
  });
});
