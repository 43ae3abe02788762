import { describe, expect, it } from 'vitest';
import { dutchFormChrome, dutchFormMessage } from './formMessages';

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

describe('form-js chrome in Dutch', () => {
  it('translates the empty select, the search box and the date placeholder, also when form-js renders them again', async () => {
    const root = document.createElement('div');
    root.innerHTML = `<div class="fjs-select-display fjs-select-placeholder">Select</div>
      <input class="fjs-input" placeholder="Search"><input class="fjs-input" placeholder="dd-mm-yyyy">
      <div class="fjs-select-display">Amsterdam</div>`;
    document.body.append(root);
    const stop = dutchFormChrome(root);
    expect(root.querySelector('.fjs-select-placeholder')!.textContent).toBe('Maak een keuze');
    expect(root.querySelectorAll('input')[0]!.getAttribute('placeholder')).toBe('Zoeken');
    expect(root.querySelectorAll('input')[1]!.getAttribute('placeholder')).toBe('dd-mm-jjjj');
    expect(root.querySelectorAll('.fjs-select-display')[1]!.textContent).toBe('Amsterdam');

    // form-js re-renders: a new placeholder appears.
    root.insertAdjacentHTML('beforeend', '<div class="fjs-select-placeholder">Select</div>');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelectorAll('.fjs-select-placeholder')[1]!.textContent).toBe('Maak een keuze');
    stop();
    root.remove();
  });
});
