// RFC 9457 problem details as the platform answers them (radiant_platform.errors): `errors` lists
// field errors as {field: "body.email", message, type}.
export interface FieldError {
  field: string;
  message: string;
  type?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The platform's refusal for a resource at its plan's limit (radiant_platform.quotas). */
export const QUOTA_EXCEEDED = "urn:radiant:problem:quota-exceeded";
/** The window event the shell's upgrade prompt (`radiant-upgrade-prompt`) opens on; detail: the problem. */
export const QUOTA_EXCEEDED_EVENT = "radiant-quota-exceeded";

/** A problem from any failed answer: the body when it is problem+json, else one made from the status.
 * A quota refusal also opens the upgrade prompt, so every form that reads its problem here offers it. */
export async function problemOf(response: Response, body?: unknown): Promise<Problem> {
  const problem = await parseProblem(response, body);
  if (problem.status === 403 && problem.type === QUOTA_EXCEEDED)
    window.dispatchEvent(new CustomEvent<Problem>(QUOTA_EXCEEDED_EVENT, { detail: problem }));
  return problem;
}

async function parseProblem(response: Response, body?: unknown): Promise<Problem> {
  if (body && typeof body === "object" && "status" in (body as object)) return body as Problem;
  try {
    const parsed = await response.clone().json();
    if (parsed && typeof parsed === "object") return { status: response.status, ...parsed } as Problem;
  } catch {
    /* not JSON: fall through */
  }
  return { status: response.status, title: response.statusText || "Request failed" };
}

/** The problem's field errors by form field name ("body.email" and "email" both name `email`). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const name = e.field.replace(/^(body|query|path)\./, "");
    out[name] ??= e.message;
  }
  return out;
}

/** One sentence for a person: the detail, else the title, else the status. */
export function describe(problem: Problem): string {
  return problem.detail || problem.title || `Request failed (${problem.status})`;
}
