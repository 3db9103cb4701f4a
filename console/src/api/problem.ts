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

/** A problem from any failed answer: the body when it is problem+json, else one made from the status. */
export async function problemOf(response: Response, body?: unknown): Promise<Problem> {
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
