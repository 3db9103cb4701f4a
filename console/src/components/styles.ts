import { css } from "lit";

// Shared by every component's shadow root: controls, buttons, badges and tables look the same
// everywhere, with contrast that passes WCAG AA and a visible keyboard focus.
export const base = css`
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 0 0 0.75rem; }
  p { line-height: 1.45; }
  button, input, select, textarea { font: inherit; }
  button {
    border: 1px solid var(--radiant-border); background: var(--radiant-surface); color: var(--radiant-text);
    border-radius: 6px; padding: 0.45rem 0.9rem; cursor: pointer;
  }
  button.primary { background: var(--radiant-accent); border-color: var(--radiant-accent); color: var(--radiant-accent-text); }
  button.danger { background: var(--radiant-danger); border-color: var(--radiant-danger); color: #fff; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.9rem; }
  .field label { font-weight: 600; font-size: 0.9rem; }
  .field input, .field select, .field textarea {
    border: 1px solid var(--radiant-border); border-radius: 6px; padding: 0.45rem 0.6rem; background: #fff; color: var(--radiant-text);
  }
  .field [aria-invalid="true"] { border-color: var(--radiant-danger); }
  .field .error { color: var(--radiant-danger); font-size: 0.85rem; }
  .field .hint { color: var(--radiant-muted); font-size: 0.85rem; }
  .form-error { color: var(--radiant-danger); margin: 0 0 0.9rem; }
  .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
  .toolbar { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: flex-end; margin-bottom: 1rem; }
  .toolbar .field { margin-bottom: 0; }
  .card { background: var(--radiant-surface); border: 1px solid var(--radiant-border); border-radius: 8px; padding: 1.25rem; }
  .badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; border: 1px solid currentColor; }
  .badge.ok { color: var(--radiant-success); }
  .badge.bad { color: var(--radiant-danger); }
  .badge.warn { color: var(--radiant-warning); }
  .muted { color: var(--radiant-muted); }
  code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
  /* Narrow windows (down to a 1024-px laptop, usable at 768): nothing is wider than its container.
     Long unbroken values (ids, emails, JSON) wrap; a wide table scrolls inside its own box
     (radiant-data-table's .scroll, or .table-scroll around any other), never the page. */
  img, svg, canvas, video { max-width: 100%; }
  pre { max-width: 100%; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
  td, dd, .mono, code { overflow-wrap: anywhere; }
  .table-scroll { max-width: 100%; overflow-x: auto; }
  .field input, .field select, .field textarea { max-width: 100%; min-width: 0; }
  dialog { max-width: calc(100vw - 2rem); max-height: calc(100vh - 2rem); overflow: auto; }
  @media (max-width: 900px) {
    h1 { font-size: 1.3rem; }
    .card { padding: 1rem; }
  }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
