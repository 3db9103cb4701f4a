import { html, nothing } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { api, type Schemas } from "../../api/client";
import type { Problem } from "../../api/problem";
import { field } from "../../components/form";

// The agent configuration form, shared by the create modal and the configuration page: every field
// of `AgentConfigurationIn` with its field error from problem+json. Tools and knowledge sources are
// JSON (their shapes are open: a tool's own settings). A value the browser cannot read as a number
// goes to the API as typed, so the API's own field error says what is wrong with it.
export type AgentConfig = Schemas["AgentConfigurationIn"];
type Current = Schemas["AgentConfigurationOut"];
type Model = Schemas["ModelOut"];
const VISIBILITY: Array<[string, string]> = [
  ["private", "Private (the people given access)"],
  ["tenant", "Everyone in the tenant"],
];

/** The problem's field errors by the form's field names: `body.tools.0.name` is the `tools` field's. */
export function configErrors(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const path = e.field.replace(/^body\.?/, "");
    const name = path.split(".")[0] || "form";
    const where = path.includes(".") ? ` (${path.slice(name.length + 1)})` : "";
    out[name] ??= `${e.message}${where}`;
  }
  return out;
}

/** The registry's active models, for the model picker (null: not readable; the field is then free text). */
export async function activeModels(): Promise<Model[] | null> {
  try {
    const { data } = await api.GET("/api/v2/metering/models");
    return data ? data.models.filter((m) => m.status === "active") : null;
  } catch {
    return null;
  }
}

function numeric(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return (Number.isFinite(n) ? n : raw) as number; // the API names a non-number in its field error
}

function json<T>(raw: string, fallback: T): T {
  if (raw.trim() === "") return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return raw as unknown as T; // sent as typed: the API's field error says it is not a list
  }
}

/** The form's configuration as the API takes it (empty fields left to their defaults). */
export function configFrom(form: HTMLFormElement): AgentConfig {
  const data = new FormData(form);
  const text = (name: string) => (data.get(name) as string | null) ?? "";
  const config: AgentConfig = {
    name: text("name").trim(),
    modelId: text("modelId").trim(),
    description: text("description").trim() || undefined,
    systemPrompt: text("systemPrompt"),
    temperature: numeric(text("temperature")),
    topP: numeric(text("topP")),
    maxTokens: numeric(text("maxTokens")),
    visibility: (text("visibility") || "private") as AgentConfig["visibility"],
  };
  if (data.has("tools")) config.tools = json(text("tools"), []);
  if (data.has("knowledgeSources")) config.knowledgeSources = json(text("knowledgeSources"), []);
  return config;
}

function area(id: string, name: string, label: string, value: string, error: string | undefined, hint?: string) {
  const control = `${id}-${name}`;
  const described = [error ? `${control}-error` : "", hint ? `${control}-hint` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
    <label for=${control}>${label}</label>
    <textarea id=${control} name=${name} rows="4" .value=${value} aria-invalid=${error ? "true" : "false"}
      aria-describedby=${ifDefined(described || undefined)}></textarea>
    ${hint ? html`<span class="hint" id=${`${control}-hint`}>${hint}</span>` : nothing}
    ${error ? html`<span class="error" id=${`${control}-error`}>${error}</span>` : nothing}
  </div>`;
}

/** The fields; `advanced` adds tools and knowledge sources (the configuration page). */
export function configFields(id: string, current: Current | null, models: Model[] | null, errors: Record<string, string>, advanced: boolean) {
  const modelOptions: Array<[string, string]> | undefined = models?.length
    ? [["", "Choose a model"], ...models.map((m): [string, string] => [m.modelId, `${m.modelName} (${m.providerId})`])]
    : undefined;
  if (modelOptions && current && !models?.some((m) => m.modelId === current.modelId)) modelOptions.push([current.modelId, current.modelId]);
  return html`
    ${field(id, { label: "Name", name: "name", value: current?.name ?? "", required: true, maxlength: 255, error: errors.name })}
    ${field(id, { label: "Description", name: "description", value: current?.description ?? "", maxlength: 2000, error: errors.description })}
    ${field(id, { label: "Model", name: "modelId", value: current?.modelId ?? "", required: true, options: modelOptions, error: errors.modelId })}
    ${area(id, "systemPrompt", "System prompt", current?.systemPrompt ?? "", errors.systemPrompt)}
    ${field(id, { label: "Temperature", name: "temperature", inputmode: "decimal", value: String(current?.temperature ?? 0.7), hint: "0 to 2", error: errors.temperature })}
    ${field(id, { label: "Top P", name: "topP", inputmode: "decimal", value: String(current?.topP ?? 1), hint: "0 to 1", error: errors.topP })}
    ${field(id, { label: "Max tokens", name: "maxTokens", inputmode: "numeric", value: String(current?.maxTokens ?? 1024), hint: "1 to 200000", error: errors.maxTokens })}
    ${field(id, { label: "Visibility", name: "visibility", value: current?.visibility ?? "private", options: VISIBILITY, error: errors.visibility })}
    ${advanced
      ? html`${area(id, "tools", "Tools (JSON)", JSON.stringify(current?.tools ?? [], null, 2), errors.tools, 'A list of {"name": …, "config": {…}}')}
          ${area(id, "knowledgeSources", "Knowledge sources (JSON)", JSON.stringify(current?.knowledgeSources ?? [], null, 2), errors.knowledgeSources,
            'A list of {"type": "url" | "document" | "vector_store" | "database", "ref": …, "name": …}')}`
      : nothing}
  `;
}
