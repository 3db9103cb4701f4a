import { html, nothing, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";

// A labelled form control with its field error from problem+json (`fieldErrors`), wired for
// assistive technology: the error is the control's description and marks it invalid.
export interface FieldOptions {
  label: string;
  name: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  options?: Array<[value: string, label: string]>;
}

export function field(id: string, o: FieldOptions): TemplateResult {
  const controlId = `${id}-${o.name}`;
  const describedBy = [o.error ? `${controlId}-error` : "", o.hint ? `${controlId}-hint` : ""].filter(Boolean).join(" ");
  const common = {
    id: controlId,
    name: o.name,
    invalid: o.error ? "true" : "false",
    describedBy: describedBy || undefined,
  };
  const control = o.options
    ? html`<select id=${common.id} name=${common.name} aria-invalid=${common.invalid} aria-describedby=${ifDefined(common.describedBy)} ?required=${o.required}>
        ${o.options.map(([v, l]) => html`<option value=${v} ?selected=${v === (o.value ?? "")}>${l}</option>`)}
      </select>`
    : html`<input id=${common.id} name=${common.name} type=${o.type ?? "text"} .value=${o.value ?? ""}
        aria-invalid=${common.invalid} aria-describedby=${ifDefined(common.describedBy)} ?required=${o.required}
        autocomplete=${ifDefined(o.autocomplete)} inputmode=${ifDefined(o.inputmode)} maxlength=${ifDefined(o.maxlength)} />`;
  return html`<div class="field">
    <label for=${controlId}>${o.label}</label>
    ${control}
    ${o.hint ? html`<span class="hint" id=${`${controlId}-hint`}>${o.hint}</span>` : nothing}
    ${o.error ? html`<span class="error" id=${`${controlId}-error`}>${o.error}</span>` : nothing}
  </div>`;
}

/** The form's fields as strings (empty ones left out). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form).entries()) {
    if (typeof v === "string" && v.trim() !== "") out[k] = v.trim();
  }
  return out;
}
