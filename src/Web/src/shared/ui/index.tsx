// Thin typed React components over the NL Design System's Utrecht CSS components (@utrecht/component-library-css):
// the markup and class names the Utrecht React library renders. (Its React package 15.0.0 depends on component versions
// the registry here does not serve; see the README.) Styling comes from the design tokens, never inline.
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, HTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';

function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

type Appearance = 'primary-action' | 'secondary-action' | 'subtle' | 'danger' | 'warning';

export function Button({ appearance = 'secondary-action', busy, className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: Appearance; busy?: boolean }) {
  return (
    <button
      {...props}
      type={type}
      aria-busy={busy || undefined}
      className={cx('utrecht-button', `utrecht-button--${appearance}`, type === 'submit' && 'utrecht-button--submit', busy && 'utrecht-button--busy', props.disabled && 'utrecht-button--disabled', className)}
    />
  );
}

export function ButtonLink({ appearance = 'secondary-action', className, ...props }: LinkProps & { appearance?: Appearance }) {
  return <RouterLink {...props} className={cx('utrecht-button-link', 'utrecht-button', `utrecht-button--${appearance}`, 'app-button-link', className)} />;
}

export function Link({ className, ...props }: LinkProps) {
  return <RouterLink {...props} className={cx('utrecht-link', className)} />;
}

export function ExternalLink({ className, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a {...props} className={cx('utrecht-link', className)} />;
}

export function LinkButton({ className, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" {...props} className={cx('utrecht-link-button', 'utrecht-link-button--html-button', 'utrecht-link-button--inline', className)} />;
}

export function Heading({ level, className, ...props }: HTMLAttributes<HTMLHeadingElement> & { level: 1 | 2 | 3 | 4 }) {
  const Tag = `h${level}` as const;
  return <Tag {...props} className={cx(`utrecht-heading-${level}`, className)} />;
}

export function Paragraph({ lead, small, className, ...props }: HTMLAttributes<HTMLParagraphElement> & { lead?: boolean; small?: boolean }) {
  return <p {...props} className={cx('utrecht-paragraph', lead && 'utrecht-paragraph--lead', small && 'utrecht-paragraph--small', className)} />;
}

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** A message box. Errors are announced (role=alert); the rest politely (role=status). */
export const Alert = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement> & { type?: AlertType; heading?: ReactNode }>(function Alert(
  { type = 'info', heading, children, className, ...props },
  ref,
) {
  return (
    <div {...props} ref={ref} role={type === 'error' ? 'alert' : 'status'} className={cx('utrecht-alert', `utrecht-alert--${type}`, className)}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          {heading ? <p className="utrecht-paragraph app-alert-heading">{heading}</p> : null}
          {children}
        </div>
      </div>
    </div>
  );
});

export function StatusBadge({ status, children }: { status: 'neutral' | 'active' | 'warning' | 'danger' | 'success' | 'inactive'; children: ReactNode }) {
  return <span className={cx('utrecht-status-badge', `utrecht-status-badge--${status}`)}>{children}</span>;
}

/** A count in a badge; `neutral` for a count that needs no attention (a zero), which the theme otherwise shows as an alarm. */
export function BadgeCounter({ children, label, neutral = false }: { children: ReactNode; label?: string; neutral?: boolean }) {
  return (
    <span className={cx('utrecht-badge-counter', neutral && 'app-badge-counter--neutral')} aria-label={label}>
      {children}
    </span>
  );
}

export function Table({ caption, children, className }: { caption?: ReactNode; children: ReactNode; className?: string }) {
  return (
    // A table may scroll sideways on a narrow screen: its container is a named region a keyboard user can focus and scroll
    // (WCAG 2.1.1; axe's scrollable-region-focusable).
    <div className="utrecht-table-container utrecht-table-container--overflow-inline app-table-scroll" role="region" tabIndex={0} aria-label={typeof caption === 'string' ? caption : 'Tabel'}>
      <table className={cx('utrecht-table', 'utrecht-table--html-table', 'utrecht-table--row-hover', className)}>
        {caption ? <caption className="utrecht-table__caption">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">{children}</tr>
    </thead>
  );
}

export function Th({ children, className, ...props }: HTMLAttributes<HTMLTableCellElement> & { scope?: string }) {
  return (
    <th scope="col" {...props} className={cx('utrecht-table__header-cell', className)}>
      {children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="utrecht-table__body">{children}</tbody>;
}

export function Tr({ children, className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr {...props} className={cx('utrecht-table__row', className)}>
      {children}
    </tr>
  );
}

export function Td({ children, className, ...props }: HTMLAttributes<HTMLTableCellElement>) {
  return (
    <td {...props} className={cx('utrecht-table__cell', className)}>
      {children}
    </td>
  );
}

/** A labelled form field with its description and (when invalid) its error message, wired with aria-describedby. */
export function FormField({ id, label, description, error, children, checkbox }: { id: string; label: ReactNode; description?: ReactNode; error?: string | null; children: ReactNode; checkbox?: boolean }) {
  return (
    <div className={cx('utrecht-form-field', 'utrecht-form-field--distanced', checkbox && 'utrecht-form-field--checkbox', error && 'utrecht-form-field--invalid')}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-beschrijving`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function describedBy(id: string, description?: unknown, error?: unknown): string | undefined {
  const ids = [description ? `${id}-beschrijving` : null, error ? `${id}-fout` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export const Textbox = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }>(function Textbox({ invalid, className, ...props }, ref) {
  return <input {...props} ref={ref} aria-invalid={invalid || undefined} className={cx('utrecht-textbox', 'utrecht-textbox--html-input', invalid && 'utrecht-textbox--invalid', className)} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }>(function Textarea({ invalid, className, ...props }, ref) {
  return <textarea {...props} ref={ref} aria-invalid={invalid || undefined} className={cx('utrecht-textarea', 'utrecht-textarea--html-textarea', invalid && 'utrecht-textarea--invalid', className)} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }>(function Select({ invalid, className, ...props }, ref) {
  return <select {...props} ref={ref} aria-invalid={invalid || undefined} className={cx('utrecht-select', 'utrecht-select--html-select', invalid && 'utrecht-select--invalid', className)} />;
});

export function Checkbox({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input type="checkbox" {...props} className={cx('utrecht-checkbox', 'utrecht-checkbox--html-input', 'utrecht-checkbox--custom', className)} />;
}

export function DataList({ children }: { children: ReactNode }) {
  return <dl className="utrecht-data-list utrecht-data-list--rows">{children}</dl>;
}

export function DataItem({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="utrecht-data-list__item">
      <dt className="utrecht-data-list__item-key">{label}</dt>
      <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{children}</dd>
    </div>
  );
}

export function ButtonGroup({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="utrecht-button-group app-button-group" role={label ? 'group' : undefined} aria-label={label}>
      {children}
    </div>
  );
}

export function Separator() {
  return <hr className="utrecht-separator" />;
}
