// A form's markdown headings ("# Titel") would be h1s inside a page that has its own h1 (WCAG 1.3.1: one h1, levels in
// order). Pages that show a form put it under an h2, so the form's headings start at h3.

const shift = 2;

/** A copy of a form-js schema whose text components' markdown headings are two levels deeper (# → ###, at most ######). */
export function demoteHeadings(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema);
  const walk = (components: unknown) => {
    for (const c of (components as { type?: string; text?: string; components?: unknown }[] | undefined) ?? []) {
      if (c.type === 'text' && typeof c.text === 'string') {
        c.text = c.text.replace(/^(#{1,4}) /gm, (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + shift))} `);
      }
      walk(c.components);
    }
  };
  walk(copy.components);
  return copy;
}

/**
 * For the form editor, which must keep the schema as written: the headings it renders inside text components (markdown
 * set as inner HTML) are replaced by headings two levels deeper, now and whenever the editor renders them again.
 * Returns the function that stops watching.
 */
export function demoteRenderedHeadings(root: HTMLElement): () => void {
  const apply = () => {
    const selector = ['h1', 'h2', 'h3', 'h4'].map((h) => `.fjs-form-field-text ${h}:not([data-verlaagd])`).join(', ');
    root.querySelectorAll(selector).forEach((heading) => {
      const level = Math.min(6, Number(heading.tagName.substring(1)) + shift);
      const replacement = document.createElement(`h${level}`);
      for (const attribute of Array.from(heading.attributes)) replacement.setAttribute(attribute.name, attribute.value);
      replacement.setAttribute('data-verlaagd', '');
      replacement.append(...Array.from(heading.childNodes));
      heading.replaceWith(replacement);
    });
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(root, { subtree: true, childList: true });
  return () => observer.disconnect();
}
