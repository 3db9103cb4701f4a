// The console routes in the browser under /console/ (the gateway answers index.html for every page).
export const BASE = "/console";

export function currentPage(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : "/";
  return path.replace(/\/+$/, "") || "/";
}

export function navigate(page: string, replace = false): void {
  const url = BASE + page;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  window.dispatchEvent(new Event("radiant-navigate"));
}

export { formatDateTime } from "./preferences";
