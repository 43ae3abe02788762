import { describe, expect, it } from 'vitest';
import { demoteHeadings, demoteRenderedHeadings } from './headings';

describe('form headings under a page with its own h1 and h2', () => {
  it('deepens the markdown headings of text components, nested ones included, and leaves other text alone', () => {
    const schema = { components: [{ type: 'text', text: '# Titel\n\nTekst met # geen kop\n## Deel' }, { type: 'group', components: [{ type: 'text', text: '#### Diep' }] }] };
    const demoted = demoteHeadings(schema) as { components: { text?: string; components?: { text: string }[] }[] };
    expect(demoted.components[0]!.text).toBe('### Titel\n\nTekst met # geen kop\n#### Deel');
    expect(demoted.components[1]!.components![0]!.text).toBe('###### Diep');
    expect(schema.components[0]!.text).toBe('# Titel\n\nTekst met # geen kop\n## Deel');
  });

  it('replaces the headings the editor renders in text components, also when it renders them again', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<h1>Editor zelf</h1><div class="fjs-form-field-text"><h1 id="t">Titel</h1><p>tekst</p></div>';
    const stop = demoteRenderedHeadings(root);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelector('#t')!.tagName).toBe('H3');
    expect(root.querySelector('#t')!.textContent).toBe('Titel');
    expect(root.querySelector('h1')!.textContent).toBe('Editor zelf');

    root.querySelector('.fjs-form-field-text')!.innerHTML = '<h2>Opnieuw</h2>';
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelector('.fjs-form-field-text h4')!.textContent).toBe('Opnieuw');
    stop();
  });
});
