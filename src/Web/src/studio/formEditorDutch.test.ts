import { describe, expect, it } from 'vitest';
import { dutchFormEditorPalette } from './formEditorDutch';

const palette = `
  <div class="fjs-palette">
    <div class="fjs-palette-header" title="Components">Components</div>
    <input class="fjs-palette-search" placeholder="Search components" />
    <div class="fjs-palette-group"><span class="fjs-palette-group-title">Input</span>
      <button class="fjs-palette-field" data-field-type="textfield" title="Create a Text field element"><span class="fjs-palette-field-text">Text field</span></button>
    </div>
    <div class="fjs-palette-group"><span class="fjs-palette-group-title">Containers</span>
      <button class="fjs-palette-field" data-field-type="iframe" title="Create an iFrame element"><span class="fjs-palette-field-text">iFrame</span></button>
    </div>
  </div>`;

describe('the form editor palette in Dutch', () => {
  it('translates the header, search box, groups and components, and settles (a write of an equal text would never end)', async () => {
    const root = document.createElement('div');
    root.innerHTML = palette;
    document.body.append(root);
    let mutations = 0;
    const counter = new MutationObserver((records) => (mutations += records.length));
    counter.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const stop = dutchFormEditorPalette(root);

    expect(root.querySelector('.fjs-palette-header')?.textContent).toBe('Onderdelen');
    expect(root.querySelector<HTMLInputElement>('.fjs-palette-search')?.placeholder).toBe('Onderdelen zoeken');
    expect([...root.querySelectorAll('.fjs-palette-group-title')].map((g) => g.textContent)).toEqual(['Invoer', 'Groepering']);
    expect(root.querySelector('[data-field-type="textfield"] .fjs-palette-field-text')?.textContent).toBe('Tekstveld');
    expect(root.querySelector<HTMLElement>('[data-field-type="textfield"]')?.title).toBe('Tekstveld toevoegen');
    expect(root.querySelector('[data-field-type="iframe"] .fjs-palette-field-text')?.textContent).toBe('iFrame');

    // The editor renders a new entry (a search was cleared): it is translated too, and then nothing moves any more.
    const group = root.querySelectorAll('.fjs-palette-group')[0]!;
    group.insertAdjacentHTML('beforeend', '<button class="fjs-palette-field" data-field-type="number"><span class="fjs-palette-field-text">Number</span></button>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(root.querySelector('[data-field-type="number"] .fjs-palette-field-text')?.textContent).toBe('Getal');
    const settled = mutations;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mutations).toBe(settled);
    stop();
    counter.disconnect();
    root.remove();
  });
});
