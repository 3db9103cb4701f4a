// Deciding an approval (the inbox and the approval's own page): one decision call, and the step-up
// a production decision may ask for first (a fresh second factor, `POST /auth/step-up`).
import { api } from "./client";
import { describe, problemOf, type Problem } from "./problem";
import { session } from "../auth/session";

export type Action = "approve" | "reject";
const FRESH_FACTOR_TYPES = ["urn:radiant:problem:step-up-required", "urn:radiant:problem:mfa-required"];

/** null when decided; else the problem (`needsCode` when a fresh second factor is asked for). */
export async function decide(id: string, action: Action, reason: string | undefined): Promise<(Problem & { needsCode?: boolean }) | null> {
  const { data, error, response } = await api.POST("/api/v2/admin/approvals/{approval_id}/process", {
    params: { path: { approval_id: id } },
    body: action === "reject" ? { action: "reject", reason: reason ?? "" } : { action: "approve", ...(reason ? { reason } : {}) },
  });
  if (data) return null;
  const problem = await problemOf(response, error);
  if (problem.type && FRESH_FACTOR_TYPES.includes(problem.type))
    return { ...problem, needsCode: true, detail: "Confirm it is you: enter a code from your authenticator." };
  return problem;
}

/** Prove a fresh second factor; the stepped-up token serves this session until its next refresh. */
export async function stepUp(code: string): Promise<Problem | null> {
  const { data, error, response } = await api.POST("/api/v2/auth/step-up", { body: { code } });
  if (!data) {
    const problem = await problemOf(response, error);
    return { ...problem, errors: problem.errors ?? [{ field: "code", message: describe(problem) }] };
  }
  session.adoptAccessToken(data.accessToken, data.expiresIn);
  return null;
}
